import type { VendorScorecard } from '../../domain/scoring/scorecard.js';
import { utcOffset, type ReportContext } from './context.js';
import type { CoverPart, CoverSnapshot, Fact } from './types.js';

/** When the scores stand, on which clock, under which model: every report states it up front. */
function timingFacts(context: ReportContext): Fact[] {
  const { t, fmt, request, zone } = context;
  return [
    { label: t('report.cover.asOf'), value: fmt.instant(context.asOfIso, zone) },
    {
      label: t('report.cover.timeZone'),
      value: t('report.cover.zoneValue', { zone, offset: utcOffset(zone, request.asOfMs) }),
    },
    { label: t('report.cover.model'), value: context.data.trial.model },
    {
      label: t('report.cover.generatedAt'),
      value: fmt.instant(new Date(request.generatedAtMs).toISOString(), zone),
    },
  ];
}

/** A frozen trial's hash in full, so a reader can check the PDF against the data; else a warning. */
function snapshotOf(context: ReportContext): CoverSnapshot {
  const { t, fmt, zone, data } = context;
  const snapshot = data.trial.snapshot;
  const label = t('report.cover.snapshot');
  if (data.trial.status !== 'closed' || !snapshot) {
    return { label, hash: null, note: t('report.cover.notFrozen') };
  }
  return {
    label,
    hash: snapshot.sha256,
    note: t('report.cover.closedOn', { when: fmt.instant(snapshot.at, zone) }),
  };
}

/** The comparison's title page: the trial, how many vendors and probes it compares. */
function comparisonCover(context: ReportContext, contents: string[]): CoverPart {
  const { t, data, card } = context;
  const probeCount = card.vendors.reduce((sum, scored) => sum + scored.probes.length, 0);
  return {
    brand: t('app.name'),
    title: data.trial.name,
    subtitle: t('report.cover.comparison'),
    description: data.trial.description?.trim() || null,
    facts: [
      ...timingFacts(context),
      { label: t('report.cover.vendors'), value: String(card.vendors.length) },
      { label: t('report.cover.probes'), value: String(probeCount) },
      { label: t('report.cover.status'), value: t(`status.${data.trial.status}`) },
      { label: t('report.cover.language'), value: t(`lang.${context.locale}`) },
    ],
    snapshot: snapshotOf(context),
    contentsTitle: t('report.cover.contents'),
    contents,
  };
}

/**
 * A scorecard's title page is about its vendor: what it sells and at which support plan, the
 * probes it was sent and where it ranks; the trial is where it was measured, not the subject.
 */
function scorecardCover(context: ReportContext, vendor: VendorScorecard, contents: string[]): CoverPart {
  const { t, data, card } = context;
  const record = context.vendorRecord(vendor.vendorId);
  const plan = record?.supportPlan;
  const facts: Fact[] = [
    ...(record?.product ? [{ label: t('report.vendor.product'), value: record.product }] : []),
    ...(plan
      ? [
          {
            label: t('report.vendor.plan'),
            value:
              plan.annualCost === undefined
                ? plan.name
                : t('report.vendor.planCost', {
                    name: plan.name,
                    cost: plan.annualCost.toLocaleString(context.locale),
                    currency: plan.currency ?? '',
                  }),
          },
        ]
      : []),
    { label: t('report.cover.vendorProbes'), value: String(vendor.probes.length) },
    {
      label: t('report.vendor.rank'),
      value: t('report.vendor.rankOf', { rank: vendor.rank, count: card.vendors.length }),
    },
    ...timingFacts(context),
    { label: t('report.cover.trial'), value: data.trial.name },
    { label: t('report.cover.status'), value: t(`status.${data.trial.status}`) },
    { label: t('report.cover.language'), value: t(`lang.${context.locale}`) },
  ];
  return {
    brand: t('app.name'),
    title: vendor.name,
    subtitle: t('report.cover.scorecardOf', { trial: data.trial.name }),
    description: null,
    facts,
    snapshot: snapshotOf(context),
    contentsTitle: t('report.cover.contents'),
    contents,
  };
}

/** The title page: which trial or vendor, as of when and in which zone, under which model, and what follows. */
export function buildCover(context: ReportContext, contents: string[]): CoverPart {
  const vendor = context.vendors[0];
  return context.request.kind === 'vendor' && vendor
    ? scorecardCover(context, vendor, contents)
    : comparisonCover(context, contents);
}
