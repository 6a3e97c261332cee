/**
 * Bootstrap resamples of one vendor's dimension scores (SPEC §5, "Robustness"). A trial of
 * 20 vendors needs 40,000 of them per scorecard, so they are packed into one array — four
 * numbers per resample in DIMENSIONS order, NaN where a dimension is not measured — rather
 * than kept as objects for the garbage collector to chase.
 */
import type { Random } from './prng.js';
import { DIMENSIONS, type Weights } from './schemas.js';
import type { DimensionScores } from './scoring/aggregate.js';
import {
  dimensionTotals,
  probeContributions,
  sumContributions,
  type DocumentParts,
  type ProbeColumns,
} from './scoring/dimensions.js';

const WIDTH = DIMENSIONS.length;

export interface Resamples {
  count: number;
  scores: Float64Array;
}

function put(target: Float64Array, index: number, scores: DimensionScores): void {
  DIMENSIONS.forEach((dimension, d) => {
    target[index * WIDTH + d] = scores[dimension] ?? Number.NaN;
  });
}

/** Resamples from plain scores (for tests and small cases). */
export function packResamples(list: readonly DimensionScores[]): Resamples {
  const scores = new Float64Array(list.length * WIDTH);
  list.forEach((entry, index) => {
    put(scores, index, entry);
  });
  return { count: list.length, scores };
}

/** One resample's scores as an object. */
export function resampleAt(resamples: Resamples, index: number): DimensionScores {
  const value = (d: number) => {
    const score = resamples.scores[index * WIDTH + d] ?? Number.NaN;
    return Number.isNaN(score) ? null : score;
  };
  return { responsiveness: value(0), resolution: value(1), escalation: value(2), commitment: value(3) };
}

/**
 * The overall of resample `index` at `weights`: Σ weight × score / Σ weight over the measured
 * dimensions, added in the same order as `overallScore`, so both give the same number.
 */
export function resampleOverall(resamples: Resamples, index: number, weights: Weights): number | null {
  if (index < 0 || index >= resamples.count) {
    throw new Error(`resamples: resample ${index} asked of ${resamples.count}`);
  }
  let weighted = 0;
  let weightSum = 0;
  for (let d = 0; d < WIDTH; d++) {
    const score = resamples.scores[index * WIDTH + d] ?? Number.NaN;
    if (Number.isNaN(score)) continue;
    const weight = weights[DIMENSIONS[d] ?? 'responsiveness'];
    weighted += weight * score;
    weightSum += weight;
  }
  return weightSum > 0 ? weighted / weightSum : null;
}

/**
 * A vendor's four dimension scores under each of `count` bootstrap resamples of its probes
 * (drawn with replacement), the SLA-only parts (documented path, strength) held fixed. The
 * interval, the first share and ahead-of-next all read these same resamples.
 */
export function bootstrapScores(
  columns: ProbeColumns,
  documents: DocumentParts,
  random: Random,
  count: number,
): Resamples {
  const parts = probeContributions(columns);
  const probeCount = parts.count;
  const scores = new Float64Array(count * WIDTH);
  const selection = new Int32Array(probeCount);
  const fixed = probeCount === 0 ? dimensionTotals(sumContributions(parts), documents).scores : null;
  for (let sample = 0; sample < count; sample++) {
    if (fixed) {
      put(scores, sample, fixed);
      continue;
    }
    for (let k = 0; k < probeCount; k++) selection[k] = Math.floor(random() * probeCount);
    put(scores, sample, dimensionTotals(sumContributions(parts, selection), documents).scores);
  }
  return { count, scores };
}
