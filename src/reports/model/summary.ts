import { DIMENSIONS, type Dimension } from '../../domain/schemas.js';
import type { VendorScorecard } from '../../domain/scoring/scorecard.js';
import { certaintyText, confidenceText, glossaryByTerm, type GlossaryTerm } from '../../i18n/glossary.js';
import { settleLines, verdictWords } from '../../i18n/verdict.js';
import type { ReportContext } from './context.js';
import { buildField } from './field.js';
import type { ReportTable, SummaryPart, VerdictPart } from './types.js';

/** The report lists the most telling steps; the rest are in the app's scenario matrix. */
const SETTLE_SHOWN = 8;

/** The terms the summary's figures need, defined under it in the glossary's words. */
const SUMMARY_TERMS: readonly GlossaryTerm[] = [
  'interval',
  'winShare',
  'firstShare',
  'aheadOfNext',
  'evidence',
  'confidence',
];

/** The verdict, the same sentences as on the dashboard; null for a vendor's scorecard. */
export function buildVerdict(context: ReportContext, shown: number = SETTLE_SHOWN): VerdictPart | null {
  const { t, card, data } = context;
  const verdict = card.verdict;
  if (context.request.kind === 'vendor' || !verdict || card.vendors.length === 0) return null;
  const words = verdictWords(verdict, card.vendors, context);
  const lines = settleLines(
    verdict.settle,
    { vendors: card.vendors, scenarios: data.scenarios, probes: data.probes },
    context,
  );
  const hidden = lines.length - shown;
  return {
    title: t('verdict.title'),
    status: verdict.status,
    headline: words.headline,
    detail: words.detail,
    settleTitle: t('verdict.settleTitle'),
    settle: lines.slice(0, shown).map((line) => line.text),
    more: hidden > 0 ? t('verdict.more', { count: hidden }) : null,
  };
}

/**
 * The ranking with its uncertainty, one sentence per vendor, and how fragile the lead is (the
 * verdict opens the decision summary before it); a scorecard's vendor beside the field.
 */
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
  const terms = glossaryByTerm(context);
  const noted = [...SUMMARY_TERMS, ...(anyDisqualified ? (['disqualified'] as const) : [])];
  return {
    title: t(scorecard ? 'report.summary.titleVendor' : 'report.section.summary'),
    intro,
    ranking: rankingTable(context),
    dimensionsTitle: t('report.summary.dimensionsTitle'),
    dimensions: dimensionTable(context),
    sentences: vendors.map((vendor) => strongestAndWeakest(context, vendor)),
    leaderFlip: scorecard ? null : leaderFlipSentence(context),
    field: buildField(context),
    notes:
      vendors.length === 0
        ? []
        : noted.map((term) =>
            t('report.summary.term', { term: terms[term].name, definition: terms[term].definition }),
          ),
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
      { label: t('report.ranking.rank'), width: 0.45, align: 'right' },
      { label: t('report.ranking.vendor'), width: 1.55 },
      { label: t('term.overall'), width: 0.7, align: 'right' },
      { label: t('term.interval'), width: 1.2, align: 'right' },
      { label: t('term.winShare'), width: 0.7, align: 'right' },
      { label: t('term.firstShare'), width: 0.7, align: 'right' },
      { label: t('term.aheadOfNext'), width: 0.75, align: 'right' },
      { label: t('term.confidence'), width: 1.45 },
      { label: t('term.gate'), width: 1.5 },
    ],
    rows: vendors.map((vendor) => {
      const certainty = certaintyText(vendor, context);
      return {
        cells: [
          String(vendor.rank),
          vendor.name,
          context.score(vendor.overall),
          certainty.insufficient ?? certainty.interval,
          certainty.winShare,
          certainty.firstShare,
          certainty.aheadOfNext,
          t('report.ranking.confidenceValue', {
            label: confidenceText(vendor.confidence, context),
            count: vendor.countedProbes,
          }),
          statusOf(context, vendor),
        ],
        ...(vendor.disqualified ? { tone: 'alert' as const } : {}),
      };
    }),
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
