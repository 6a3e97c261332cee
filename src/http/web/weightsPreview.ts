import { z } from 'zod';
import { parseInput } from '../../app/parse.js';
import { DIMENSIONS, type Dimension, type Weights } from '../../domain/schemas.js';
import { compareRanked, overallScore } from '../../domain/scoring/aggregate.js';
import { round } from '../../domain/scoring/finding.js';
import type { Scorecard } from '../../domain/scoring/scorecard.js';
import { optionalNumber, optionalText } from './forms.js';

/**
 * A percentage typed by a person: "25", "25%", "25,5 %" (also the full-width ％). Returns the
 * number of percent, undefined when empty, or the text itself when unreadable.
 */
export function parsePercent(value: string | undefined): number | string | undefined {
  const text = optionalText(value);
  return text === undefined ? undefined : optionalNumber(text.replace(/\s*[%％]$/, ''));
}

/** A weight shown in a form: the stored fraction as percent, without float noise (0.35 → "35"). */
export const percentInput = (fraction: number): string => String(round(fraction * 100, 4));

const PercentSchema = z.preprocess(
  (value) => (typeof value === 'string' ? parsePercent(value) : value),
  z.number().nonnegative().max(1_000_000),
);

/**
 * `?responsiveness=&resolution=&escalation=&commitment=` in percent (any scale: they are
 * normalised, so a half-typed set of weights still previews).
 */
const PreviewQuerySchema = z
  .object({
    responsiveness: PercentSchema,
    resolution: PercentSchema,
    escalation: PercentSchema,
    commitment: PercentSchema,
  })
  .refine((w) => w.responsiveness + w.resolution + w.escalation + w.commitment > 0, {
    message: 'at least one weight must be above 0',
  });

export interface PreviewWeights {
  /** What was typed, in percent. */
  typedTotal: number;
  /** The typed weights scaled to sum to 1. */
  weights: Weights;
}

function scale(percent: Record<Dimension, number>, total: number): PreviewWeights {
  const weights = Object.fromEntries(DIMENSIONS.map((d) => [d, percent[d] / total])) as Weights;
  return { typedTotal: total, weights };
}

const totalOf = (percent: Record<Dimension, number>): number =>
  DIMENSIONS.reduce((sum, dimension) => sum + percent[dimension], 0);

/** The preview query, parsed at the edge; a 400 names the unreadable weight. */
export function parsePreviewQuery(query: unknown): PreviewWeights {
  const percent = parseInput(PreviewQuerySchema, query);
  return scale(percent, totalOf(percent));
}

/** Weights typed in the form, normalised; null while any is unreadable, negative, or all are zero. */
export function typedWeights(typed: Record<Dimension, number | string | undefined>): PreviewWeights | null {
  const percent = {} as Record<Dimension, number>;
  for (const dimension of DIMENSIONS) {
    const value = typed[dimension];
    if (typeof value !== 'number' || value < 0) return null;
    percent[dimension] = value;
  }
  const total = totalOf(percent);
  return total > 0 ? scale(percent, total) : null;
}

export interface PreviewRow {
  vendorId: string;
  name: string;
  rank: number;
  overall: number | null;
  currentRank: number;
  currentOverall: number | null;
  /** Places moved up against the saved ranking (negative: down). */
  rankChange: number;
  disqualified: boolean;
}

/**
 * The ranking under other weights, from the dimension scores already computed: the same
 * overall formula and the same order as the scorecard (the domain's, never a copy).
 */
export function rerank(card: Scorecard, weights: Weights): PreviewRow[] {
  const rows = card.vendors.map((vendor) => {
    const scores = Object.fromEntries(
      DIMENSIONS.map((dimension) => [dimension, vendor.dimensions[dimension].score]),
    ) as Record<Dimension, number | null>;
    return {
      vendorId: vendor.vendorId,
      name: vendor.name,
      overall: overallScore(scores, weights),
      currentRank: vendor.rank,
      currentOverall: vendor.overall,
      disqualified: vendor.disqualified,
    };
  });
  rows.sort(compareRanked);
  return rows.map((row, index) => ({ ...row, rank: index + 1, rankChange: row.currentRank - (index + 1) }));
}

/** Rows as the JSON answer gives them: scores rounded to 2 decimals like the API. */
export const presentRows = (rows: readonly PreviewRow[]): PreviewRow[] =>
  rows.map((row) => ({
    ...row,
    overall: row.overall === null ? null : round(row.overall, 2),
    currentOverall: row.currentOverall === null ? null : round(row.currentOverall, 2),
  }));

/**
 * The ranking under another scoring model (the trial's switch preview): `other` is the same
 * trial scored with that model; each row keeps the vendor's current overall and rank beside
 * it, like the weights preview, so both rankings read side by side.
 */
export function rerankUnder(current: Scorecard, other: Scorecard): PreviewRow[] {
  const now = new Map(current.vendors.map((vendor) => [vendor.vendorId, vendor]));
  return [...other.vendors]
    .sort((a, b) => a.rank - b.rank)
    .map((vendor) => {
      const before = now.get(vendor.vendorId);
      const currentRank = before?.rank ?? vendor.rank;
      return {
        vendorId: vendor.vendorId,
        name: vendor.name,
        rank: vendor.rank,
        overall: vendor.overall,
        currentRank,
        currentOverall: before?.overall ?? null,
        rankChange: currentRank - vendor.rank,
        disqualified: vendor.disqualified,
      };
    });
}
