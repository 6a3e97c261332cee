/**
 * One vocabulary for how certain a ranking is (issue 10, defect 6): each term named and
 * defined once, with the model's own figures, for the pages, the PDFs and the methodology
 * page; and the one way a vendor's certainty figures are printed.
 */
import {
  CONFIDENCE_LEVELS,
  JOINT_DRAWS,
  MIN_PROBES_FOR_EVIDENCE,
  type Confidence,
  type Evidence,
} from '../domain/certainty.js';
import {
  BOOTSTRAP_RESAMPLES,
  INTERVAL_HIGH_PERCENTILE,
  INTERVAL_LOW_PERCENTILE,
  WEIGHT_DRAWS,
} from '../domain/robustness.js';
import { CLEAR_AHEAD_OF_NEXT, LEANING_AHEAD_OF_NEXT } from '../domain/verdict.js';
import type { Helpers } from './explain.js';
import type { Params } from './index.js';

export const GLOSSARY_TERMS = [
  'overall',
  'interval',
  'winShare',
  'firstShare',
  'aheadOfNext',
  'evidence',
  'countedProbes',
  'confidence',
  'gate',
  'disqualified',
  'verdict',
] as const;

export type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];

export interface GlossaryEntry {
  term: GlossaryTerm;
  name: string;
  definition: string;
}

const [HIGH, MEDIUM] = CONFIDENCE_LEVELS;

/** The figures each definition quotes, taken from the model's constants. */
function figures({ locale, fmt }: Helpers): Record<GlossaryTerm, Params> {
  const count = (value: number) => value.toLocaleString(locale);
  const percentile = (value: number) => Math.round(value * 100);
  return {
    overall: {},
    interval: {
      resamples: count(BOOTSTRAP_RESAMPLES),
      low: percentile(INTERVAL_LOW_PERCENTILE),
      high: percentile(INTERVAL_HIGH_PERCENTILE),
    },
    winShare: { draws: count(WEIGHT_DRAWS) },
    firstShare: { draws: count(JOINT_DRAWS) },
    aheadOfNext: { resamples: count(BOOTSTRAP_RESAMPLES) },
    evidence: { count: MIN_PROBES_FOR_EVIDENCE },
    countedProbes: {},
    confidence: {
      highProbes: HIGH.minProbes,
      highWidth: HIGH.maxWidth,
      mediumProbes: MEDIUM.minProbes,
      mediumWidth: MEDIUM.maxWidth,
    },
    gate: {},
    disqualified: {},
    verdict: { clear: fmt.share(CLEAR_AHEAD_OF_NEXT), leaning: fmt.share(LEANING_AHEAD_OF_NEXT) },
  };
}

/** Every term with its definition, in the reader's language. */
export function glossary(helpers: Helpers): GlossaryEntry[] {
  const params = figures(helpers);
  return GLOSSARY_TERMS.map((term) => ({
    term,
    name: helpers.t(`term.${term}`),
    definition: helpers.t(`term.${term}.define`, params[term]),
  }));
}

/** The glossary keyed by term, for a view that names a few of them. */
export function glossaryByTerm(helpers: Helpers): Record<GlossaryTerm, GlossaryEntry> {
  return Object.fromEntries(glossary(helpers).map((entry) => [entry.term, entry])) as Record<
    GlossaryTerm,
    GlossaryEntry
  >;
}

/** What printing a vendor's certainty needs (a scorecard entry has all of it). */
export interface CertaintyFigures {
  evidence: Evidence;
  countedProbes: number;
  interval: { low: number; high: number } | null;
  winShare: number | null;
  firstShare: number | null;
  aheadOfNext: number | null;
}

export interface CertaintyText {
  /** "insufficient evidence (n probes)", shown instead of the four figures below; else null. */
  insufficient: string | null;
  interval: string;
  winShare: string;
  firstShare: string;
  aheadOfNext: string;
}

/**
 * A vendor's interval and shares as every page and report prints them. With insufficient
 * evidence the numbers are withheld (the API still has them): a one-probe vendor must never
 * look certain.
 */
export function certaintyText(vendor: CertaintyFigures, { t, fmt }: Helpers): CertaintyText {
  if (vendor.evidence === 'insufficient') {
    const empty = t('empty.value');
    return {
      insufficient: t('term.insufficient', { count: vendor.countedProbes }),
      interval: empty,
      winShare: empty,
      firstShare: empty,
      aheadOfNext: empty,
    };
  }
  return {
    insufficient: null,
    interval: vendor.interval
      ? t('term.range', { low: fmt.score(vendor.interval.low), high: fmt.score(vendor.interval.high) })
      : t('empty.value'),
    winShare: fmt.share(vendor.winShare),
    firstShare: fmt.share(vendor.firstShare),
    aheadOfNext: fmt.share(vendor.aheadOfNext),
  };
}

/** The confidence label in words; a dash when robustness was not computed. */
export function confidenceText(confidence: Confidence | null, { t }: Helpers): string {
  return confidence === null ? t('empty.value') : t(`confidence.${confidence}`);
}
