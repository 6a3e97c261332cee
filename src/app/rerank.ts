/**
 * Scores a page shows without the ranking's robustness: a probe's points, and the rankings a
 * settings page previews before anything is saved (SPEC §6) — the trial's vendors under other
 * weights, or under the other scoring model, beside the ranking as it stands. Computed here
 * from the domain's own formula and order, never in a page (a lint rule keeps it so).
 */
import {
  DIMENSIONS,
  type Dimension,
  type ScoringModel,
  type TrialExport,
  type Weights,
} from '../domain/schemas.js';
import { compareRanked, overallScore } from '../domain/scoring/aggregate.js';
import { round } from '../domain/scoring/finding.js';
import { computeScorecard, type Scorecard } from '../domain/scoring/scorecard.js';

/**
 * The scorecard without the ranking's robustness (no resampling), as of `asOfMs`, under the
 * trial's model or `model`: each vendor's dimension scores and each probe's points, which is
 * what a preview re-weights and a probe page shows.
 */
export function scoresOf(
  data: TrialExport,
  asOfMs: number,
  model: ScoringModel = data.trial.model,
): Scorecard {
  const scored = model === data.trial.model ? data : { ...data, trial: { ...data.trial, model } };
  return computeScorecard(scored, asOfMs, { robustness: false });
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

/** Each vendor under the trial's model and under `chosen`, scored as of the same instant. */
export function modelPreview(data: TrialExport, chosen: ScoringModel, asOfMs: number): PreviewRow[] {
  return rerankUnder(scoresOf(data, asOfMs), scoresOf(data, asOfMs, chosen));
}
