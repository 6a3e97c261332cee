import { DIMENSIONS, type Dimension } from '../../domain/schemas.js';
import { STRENGTH_SHARE } from '../../domain/scoring/commitment.js';
import { DOCUMENTED_SHARE } from '../../domain/scoring/escalation.js';
import type { VendorScorecard } from '../../domain/scoring/scorecard.js';
import { certaintyText, confidenceText } from '../../i18n/glossary.js';
import type { ReportContext } from './context.js';
import { buildProbeEvidence, evidenceContextOf, scoredProbesOf } from './evidence.js';
import type { Fact, ReportTable, VendorPart, VendorsPart } from './types.js';

/** The likely range and shares, or "insufficient evidence (n probes)" in their place. */
function certaintyFacts(context: ReportContext, vendor: VendorScorecard): Fact[] {
  const { t } = context;
  const text = certaintyText(vendor, context);
  if (text.insufficient) return [{ label: t('term.evidence'), value: text.insufficient }];
  return [
    { label: t('term.interval'), value: text.interval },
    { label: t('term.winShare'), value: text.winShare },
    { label: t('term.firstShare'), value: text.firstShare },
    ...(vendor.aheadOfNext === null ? [] : [{ label: t('term.aheadOfNext'), value: text.aheadOfNext }]),
  ];
}

function vendorFacts(context: ReportContext, vendor: VendorScorecard): Fact[] {
  const { t, card } = context;
  const record = context.vendorRecord(vendor.vendorId);
  const facts: Fact[] = [
    {
      label: t('report.vendor.rank'),
      value: t('report.vendor.rankOf', { rank: vendor.rank, count: card.vendors.length }),
    },
    { label: t('report.ranking.overall'), value: context.score(vendor.overall) },
    ...certaintyFacts(context, vendor),
    {
      label: t('term.confidence'),
      value: t('report.ranking.confidenceValue', {
        label: confidenceText(vendor.confidence, context),
        count: vendor.countedProbes,
      }),
    },
  ];
  if (vendor.disqualified) {
    facts.push({
      label: t('term.gate'),
      value: t('report.ranking.disqualified', {
        gates: context.list(vendor.failedGates.map((gate) => t(`gate.${gate}`))),
      }),
    });
  }
  if (record?.product) facts.push({ label: t('report.vendor.product'), value: record.product });
  if (record?.supportPlan) {
    const { name, annualCost, currency } = record.supportPlan;
    facts.push({
      label: t('report.vendor.plan'),
      value:
        annualCost === undefined
          ? name
          : t('report.vendor.planCost', {
              name,
              cost: annualCost.toLocaleString(context.locale),
              currency: currency ?? '',
            }),
    });
  }
  if (record?.contact) facts.push({ label: t('report.vendor.contact'), value: record.contact });
  return facts;
}

function dimensionNote(context: ReportContext, vendor: VendorScorecard, dimension: Dimension): string {
  const { t } = context;
  const { escalation, commitment } = vendor.dimensions;
  if (dimension === 'escalation') {
    return escalation.exercised
      ? t('report.vendor.escalationSplit', {
          documented: context.score(escalation.documented),
          exercised: context.score(escalation.exercisedScore),
          documentedShare: context.weight(DOCUMENTED_SHARE),
          exercisedShare: context.weight(1 - DOCUMENTED_SHARE),
        })
      : t('report.vendor.escalationDocumentedOnly', { documented: context.score(escalation.documented) });
  }
  if (dimension === 'commitment') {
    return commitment.measured
      ? t('report.vendor.commitmentSplit', {
          strength: context.score(commitment.strength),
          rate: context.fmt.percent(commitment.keepRate),
          kept: commitment.kept,
          broken: commitment.broken,
          strengthShare: context.weight(STRENGTH_SHARE),
          keepShare: context.weight(1 - STRENGTH_SHARE),
        })
      : t('report.vendor.commitmentStrengthOnly', { strength: context.score(commitment.strength) });
  }
  return vendor.dimensions[dimension].score === null ? t('report.vendor.notMeasured') : '';
}

function scoresTable(context: ReportContext, vendor: VendorScorecard): ReportTable {
  const { t, card } = context;
  return {
    columns: [
      { label: t('report.evidence.dimension'), width: 1.3 },
      { label: t('report.vendor.weight'), width: 0.7, align: 'right' },
      { label: t('report.vendor.score'), width: 0.8, align: 'right' },
      { label: t('report.vendor.counted'), width: 0.8, align: 'right' },
      { label: t('report.vendor.pending'), width: 0.8, align: 'right' },
      { label: t('report.vendor.note'), width: 3.2 },
    ],
    rows: DIMENSIONS.map((dimension) => {
      const tally = vendor.dimensions[dimension];
      return {
        cells: [
          t(`dimension.${dimension}`),
          context.weight(card.weights[dimension]),
          context.score(tally.score),
          String(tally.counted),
          String(tally.pending),
          dimensionNote(context, vendor, dimension),
        ],
      };
    }),
    empty: '—',
  };
}

/** Clause and points twice per row: fifteen short rows would leave half the page empty. */
function strengthTable(context: ReportContext, vendor: VendorScorecard): ReportTable {
  const { t } = context;
  const cells = vendor.dimensions.commitment.strengthItems.map((item) => [
    t(`report.strength.${item.clause}`),
    t('report.vendor.pointsOf', {
      points: context.score(item.points),
      max: context.score(item.max),
    }),
  ]);
  const half = Math.ceil(cells.length / 2);
  const pair = [
    { label: t('report.clauses.clause'), width: 2.2 },
    { label: t('report.vendor.points'), width: 0.8, align: 'right' as const },
  ];
  return {
    columns: [...pair, ...pair],
    rows: cells
      .slice(0, half)
      .map((left, index) => ({ cells: [...left, ...(cells[half + index] ?? ['', ''])] })),
    empty: '—',
  };
}

/**
 * The comparison report keeps its vendor pages short: every probe's reasons and timeline are in
 * an appendix (timelines.ts), and each vendor page says where they are.
 */
function buildVendor(context: ReportContext, vendor: VendorScorecard): VendorPart {
  const { t } = context;
  const scored = scoredProbesOf(context, vendor.probes);
  const inAppendix = context.request.kind === 'comparison';
  const evidence = evidenceContextOf(context);
  return {
    vendorId: vendor.vendorId,
    title: t('report.vendor.title', { rank: vendor.rank, name: vendor.name }),
    facts: vendorFacts(context, vendor),
    notes: context.vendorRecord(vendor.vendorId)?.notes?.trim() || null,
    scoresTitle: t('report.vendor.scoresTitle'),
    scores: scoresTable(context, vendor),
    strengthTitle: t('report.vendor.strengthTitle', {
      strength: context.score(vendor.dimensions.commitment.strength),
    }),
    strength: strengthTable(context, vendor),
    evidenceTitle: t('report.vendor.evidenceTitle', { count: scored.length }),
    evidenceIntro: t('report.vendor.evidenceIntro', { zone: context.zone }),
    probes: inAppendix ? [] : scored.map((probe) => buildProbeEvidence(evidence, probe)),
    noProbes: scored.length === 0 ? t('report.vendor.noProbes') : null,
    probesElsewhere:
      inAppendix && scored.length > 0
        ? t('report.vendor.timelinesElsewhere', { section: t('report.section.timelines') })
        : null,
  };
}

/** One part per vendor: its scores and the reasons, then every probe as evidence. */
export function buildVendors(context: ReportContext): VendorsPart {
  const { t, vendors, request } = context;
  return {
    title: t(request.kind === 'vendor' ? 'report.vendor.sectionTitleOne' : 'report.section.vendors'),
    vendors: vendors.map((vendor) => buildVendor(context, vendor)),
    empty: vendors.length === 0 ? t('report.noVendors') : null,
  };
}
