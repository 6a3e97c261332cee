import { DIMENSIONS, type Dimension } from '../../domain/schemas.js';
import { INTERVAL_HIGH_PERCENTILE, INTERVAL_LOW_PERCENTILE, WEIGHT_DRAWS } from '../../domain/robustness.js';
import type { VendorScorecard } from '../../domain/scoring/scorecard.js';
import type { ReportContext } from './context.js';
import type { ReportTable, SummaryPart } from './types.js';

/** The ranking with its uncertainty, one sentence per vendor, and how fragile the lead is. */
export function buildSummary(context: ReportContext): SummaryPart {
  const { t, request, vendors, card } = context;
  const scorecard = request.kind === 'vendor';
  const first = vendors[0];
  const intro =
    scorecard && first
      ? t('report.summary.rankOf', { vendor: first.name, rank: first.rank, count: card.vendors.length })
      : vendors.length > 0
        ? t('report.summary.intro', { count: card.vendors.length })
        : '';
  const anyDisqualified = vendors.some((vendor) => vendor.disqualified);
  return {
    title: t(scorecard ? 'report.summary.titleVendor' : 'report.section.summary'),
    intro,
    ranking: rankingTable(context),
    dimensionsTitle: t('report.summary.dimensionsTitle'),
    dimensions: dimensionTable(context),
    sentences: vendors.map((vendor) => strongestAndWeakest(context, vendor)),
    leaderFlip: scorecard ? null : leaderFlipSentence(context),
    notes:
      vendors.length === 0
        ? []
        : [
            t('report.summary.noteInterval', {
              low: Math.round(INTERVAL_LOW_PERCENTILE * 100),
              high: Math.round(INTERVAL_HIGH_PERCENTILE * 100),
            }),
            t('report.summary.noteWinShare', { draws: WEIGHT_DRAWS.toLocaleString(context.locale) }),
            ...(anyDisqualified ? [t('report.summary.noteDisqualified')] : []),
          ],
  };
}

function statusOf(context: ReportContext, vendor: VendorScorecard): string {
  const { t, data } = context;
  if (vendor.disqualified) {
    return t('report.ranking.disqualified', {
      gates: context.list(vendor.failedGates.map((gate) => t(`gate.${gate}`))),
    });
  }
  const { p0Coverage24x7, serviceCredits, escalationPath, maxP0ResponseMinutes } = data.trial.knockouts;
  const anyGate = p0Coverage24x7 || serviceCredits || escalationPath || maxP0ResponseMinutes !== null;
  return anyGate ? t('report.ranking.passes') : '—';
}

function rankingTable(context: ReportContext): ReportTable {
  const { t, vendors } = context;
  return {
    columns: [
      { label: t('report.ranking.rank'), width: 0.7, align: 'right' },
      { label: t('report.ranking.vendor'), width: 2 },
      { label: t('report.ranking.overall'), width: 0.9, align: 'right' },
      { label: t('report.ranking.interval'), width: 1.2, align: 'right' },
      { label: t('report.ranking.winShare'), width: 0.9, align: 'right' },
      { label: t('report.ranking.confidence'), width: 1.5 },
      { label: t('report.ranking.status'), width: 1.9 },
    ],
    rows: vendors.map((vendor) => ({
      cells: [
        String(vendor.rank),
        vendor.name,
        context.score(vendor.overall),
        vendor.interval
          ? t('report.range', {
              low: context.roughScore(vendor.interval.low),
              high: context.roughScore(vendor.interval.high),
            })
          : '—',
        vendor.winShare === null ? '—' : context.fmt.percent(vendor.winShare),
        t('report.ranking.confidenceValue', {
          label: t(`confidence.${vendor.confidence}`),
          count: vendor.countedProbes,
        }),
        statusOf(context, vendor),
      ],
      ...(vendor.disqualified ? { tone: 'alert' as const } : {}),
    })),
    empty: t('report.noVendors'),
  };
}

function dimensionTable(context: ReportContext): ReportTable {
  const { t, vendors } = context;
  return {
    columns: [
      { label: t('report.ranking.vendor'), width: 1.6 },
      ...DIMENSIONS.map((dimension) => ({
        label: t(`dimension.${dimension}`),
        width: 1.15,
        align: 'right' as const,
      })),
      { label: t('dimension.overall'), width: 1, align: 'right' as const },
    ],
    rows: vendors.map((vendor) => ({
      cells: [
        vendor.name,
        ...DIMENSIONS.map((dimension) => context.score(vendor.dimensions[dimension].score)),
        context.score(vendor.overall),
      ],
    })),
    empty: t('report.noVendors'),
  };
}

/** Ties go to the dimension listed first, so the sentence is stable. */
function strongestAndWeakest(context: ReportContext, vendor: VendorScorecard): string {
  const { t } = context;
  const measured = DIMENSIONS.flatMap((dimension): { dimension: Dimension; score: number }[] => {
    const score = vendor.dimensions[dimension].score;
    return score === null ? [] : [{ dimension, score }];
  });
  const [firstMeasured] = measured;
  if (!firstMeasured) return t('report.summary.noScores', { vendor: vendor.name });
  let strong = firstMeasured;
  let weak = firstMeasured;
  for (const entry of measured) {
    if (entry.score > strong.score) strong = entry;
    if (entry.score < weak.score) weak = entry;
  }
  if (strong.score === weak.score) {
    return t(measured.length === 1 ? 'report.summary.onlyOne' : 'report.summary.even', {
      vendor: vendor.name,
      dimension: t(`dimension.${strong.dimension}`),
      score: context.score(strong.score),
    });
  }
  return t('report.summary.strongWeak', {
    vendor: vendor.name,
    strong: t(`dimension.${strong.dimension}`),
    strongScore: context.score(strong.score),
    weak: t(`dimension.${weak.dimension}`),
    weakScore: context.score(weak.score),
  });
}

function leaderFlipSentence(context: ReportContext): string | null {
  const { t, card } = context;
  const leader = card.vendors[0];
  if (!leader || card.vendors.length < 2) return null;
  const flip = card.leaderFlip;
  if (!flip) return t('report.summary.noFlip', { leader: leader.name });
  const newLeader = card.vendors.find((vendor) => vendor.vendorId === flip.newLeaderId);
  return t('report.summary.flip', {
    leader: leader.name,
    dimension: t(`dimension.${flip.dimension}`),
    from: context.weight(flip.from),
    to: context.weight(flip.to),
    newLeader: newLeader?.name ?? flip.newLeaderId,
  });
}
