/**
 * Bootstrap resamples of one vendor's dimension scores (SPEC §5, "Robustness"). A trial of
 * 20 vendors needs 40,000 of them per scorecard, so they are packed into one array — four
 * numbers per resample in DIMENSIONS order, NaN where a dimension is not measured — rather
 * than kept as objects for the garbage collector to chase.
 */
import { streamOf, type Random } from './prng.js';
import { DIMENSIONS, type Weights } from './schemas.js';
import type { DimensionScores } from './scoring/aggregate.js';
import {
  addDrawnContributions,
  emptySums,
  probeContributions,
  writeDimensionScores,
  type DocumentParts,
  type ProbeColumns,
} from './scoring/dimensions.js';
import { packContributions, packedResamples } from './scoring/packedDraws.js';

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

/** Weights as four numbers in DIMENSIONS order, for the loops over packed resamples. */
export function weightVector(weights: Weights): Float64Array {
  return Float64Array.from(DIMENSIONS, (dimension) => weights[dimension]);
}

/**
 * The overall of the resample packed at `offset` under a weight vector: Σ weight × score /
 * Σ weight over the measured dimensions, added in the same order as `overallScore`, so both
 * give the same number; NaN when none is measured.
 */
export function packedOverall(scores: Float64Array, offset: number, weights: Float64Array): number {
  let weighted = 0;
  let weightSum = 0;
  for (let d = 0; d < WIDTH; d++) {
    const score = scores[offset + d] ?? Number.NaN;
    if (Number.isNaN(score)) continue;
    const weight = weights[d] ?? 0;
    weighted += weight * score;
    weightSum += weight;
  }
  return weightSum > 0 ? weighted / weightSum : Number.NaN;
}

/** The overall of resample `index` at `weights`, null when no dimension is measured. */
export function resampleOverall(resamples: Resamples, index: number, weights: Weights): number | null {
  if (index < 0 || index >= resamples.count) {
    throw new Error(`resamples: resample ${index} asked of ${resamples.count}`);
  }
  const overall = packedOverall(resamples.scores, index * WIDTH, weightVector(weights));
  return Number.isNaN(overall) ? null : overall;
}

/**
 * The overalls of the first `limit` resamples at `weights`, NaN where nothing is measured:
 * worked out once where the interval and ahead-of-next would otherwise each redo them.
 */
export function overallsAt(resamples: Resamples, weights: Weights, limit = resamples.count): Float64Array {
  if (limit > resamples.count) {
    throw new Error(`resamples: ${limit} overalls asked of ${resamples.count} resamples`);
  }
  const vector = weightVector(weights);
  const overalls = new Float64Array(limit);
  for (let index = 0; index < limit; index++) {
    overalls[index] = packedOverall(resamples.scores, index * WIDTH, vector);
  }
  return overalls;
}

/**
 * A vendor's four dimension scores under each of `count` bootstrap resamples of its probes
 * (drawn with replacement), the SLA-only parts (documented path, strength) held fixed. The
 * interval, the first share and ahead-of-next all read these same resamples. Each probe's
 * points are worked out once; a resample draws its probes and adds their points up in draw order
 * into one reused record, so nothing is allocated per resample.
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
  const sums = emptySums();
  if (probeCount === 0) {
    if (count === 0) return { count, scores };
    writeDimensionScores(sums, documents, scores, 0);
    for (let offset = WIDTH; offset < scores.length; offset++) scores[offset] = scores[offset - WIDTH] ?? 0;
    return { count, scores };
  }
  // The packed loop when the PRNG can be stepped inline and the sums stay exact packed.
  const stream = streamOf(random);
  const packed = stream ? packContributions(parts) : null;
  if (stream && packed) {
    packedResamples(packed, stream, documents, sums, scores, count);
    return { count, scores };
  }
  for (let sample = 0; sample < count; sample++) {
    addDrawnContributions(parts, random, sums);
    writeDimensionScores(sums, documents, scores, sample * WIDTH);
  }
  return { count, scores };
}
