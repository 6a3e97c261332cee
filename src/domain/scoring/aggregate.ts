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
  return compareRankedValues(a.overall ?? Number.NaN, a.name, b.overall ?? Number.NaN, b.name);
}

/**
 * `compareRanked` on bare numbers, NaN for unmeasured: the loops over thousands of weight
 * draws rank without a record per contender (a record's number field boxes every overall).
 */
export function compareRankedValues(
  overallA: number,
  nameA: string,
  overallB: number,
  nameB: string,
): number {
  const measuredA = !Number.isNaN(overallA);
  const measuredB = !Number.isNaN(overallB);
  if (measuredA !== measuredB) return measuredA ? -1 : 1;
  if (measuredA && overallA !== overallB) return overallB - overallA;
  return compareCodePoints(nameA, nameB);
}

/**
 * Plain code-point order. `<` on strings compares UTF-16 code units, which puts characters
 * beyond U+FFFF (e.g. CJK Extension B, common in Chinese names) before U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const difference = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
}
