import { DIMENSIONS, type Dimension, type Weights } from '../schemas.js';

export type DimensionScores = Record<Dimension, number | null>;

/** Σ weight × dimension / Σ weight over the dimensions that were measured; null when none was. */
export function overallScore(scores: DimensionScores, weights: Weights): number | null {
  let weighted = 0;
  let weightSum = 0;
  for (const dimension of DIMENSIONS) {
    const score = scores[dimension];
    if (score === null) continue;
    weighted += weights[dimension] * score;
    weightSum += weights[dimension];
  }
  return weightSum > 0 ? weighted / weightSum : null;
}

export interface Ranked {
  name: string;
  overall: number | null;
}

/** Overall descending, unmeasured last, ties by name in plain code-point order. */
export function compareRanked(a: Ranked, b: Ranked): number {
  if (a.overall !== b.overall) {
    if (a.overall === null) return 1;
    if (b.overall === null) return -1;
    return b.overall - a.overall;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
