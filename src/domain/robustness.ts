/**
 * How much to trust a ranking built on a handful of probes (SPEC §5, "Robustness").
 * Everything here is deterministic: the caller passes a PRNG seeded from the trial id.
 */
import { leaderChangePoints } from './flipCrossings.js';
import type { Random } from './prng.js';
import { DIMENSIONS, type Dimension, type Weights } from './schemas.js';
import {
  compareRanked,
  compareRankedValues,
  overallScore,
  type DimensionScores,
} from './scoring/aggregate.js';
import {
  bootstrapScores,
  overallsAt,
  packedOverall,
  packResamples,
  weightVector,
  type Resamples,
} from './resamples.js';
import type { DocumentParts, ProbeColumns } from './scoring/dimensions.js';
import { percentileBySelection } from './selection.js';

export const BOOTSTRAP_RESAMPLES = 1000;
export const WEIGHT_DRAWS = 2000;
export const INTERVAL_LOW_PERCENTILE = 0.05;
export const INTERVAL_HIGH_PERCENTILE = 0.95;
/**
 * DIMENSIONS.length read once: under a loader that compiles imports to namespace getters
 * (tsx), every read inside the loops over thousands of draws would be a getter call.
 */
const WIDTH = DIMENSIONS.length;

/** Percentile of sorted values with linear interpolation between closest ranks. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? Number.NaN;
  const high = sorted[upper] ?? Number.NaN;
  return low + (high - low) * (position - lower);
}

/**
 * The 5th–95th percentile of the overall over the first `limit` resamples (all by default);
 * null when none was measured.
 */
export function intervalOf(
  resamples: Resamples,
  weights: Weights,
  limit = resamples.count,
): { low: number; high: number } | null {
  const all = overallsAt(resamples, weights, Math.min(limit, resamples.count));
  // Usually every resample is measured: then the fresh array is searched as it is, no copy.
  let unmeasured = 0;
  for (const overall of all) if (Number.isNaN(overall)) unmeasured++;
  const measured = unmeasured === 0 ? all : all.filter((overall) => !Number.isNaN(overall));
  if (measured.length === 0) return null;
  return {
    low: percentileBySelection(measured, INTERVAL_LOW_PERCENTILE),
    high: percentileBySelection(measured, INTERVAL_HIGH_PERCENTILE),
  };
}

/**
 * The 5th–95th percentile of a vendor's overall score when its probes are resampled with
 * replacement; the SLA-only parts (documented path, strength) are held fixed.
 */
export function bootstrapInterval(
  columns: ProbeColumns,
  documents: DocumentParts,
  weights: Weights,
  random: Random,
  resamples = BOOTSTRAP_RESAMPLES,
): { low: number; high: number } | null {
  return intervalOf(bootstrapScores(columns, documents, random, resamples), weights);
}

export interface Contender {
  id: string;
  name: string;
  scores: DimensionScores;
}

/** The leader under a weight vector: highest overall, ties by name. */
export function leaderUnder(contenders: readonly Contender[], weights: Weights): Contender | undefined {
  let leader: { contender: Contender; overall: number | null } | undefined;
  for (const contender of contenders) {
    const candidate = { contender, name: contender.name, overall: overallScore(contender.scores, weights) };
    if (!leader || compareRanked(candidate, { name: leader.contender.name, overall: leader.overall }) < 0) {
      leader = candidate;
    }
  }
  return leader?.contender;
}

/**
 * The index of the first-ranked of `overalls` (NaN where unmeasured), in `compareRanked`
 * order — highest overall, unmeasured last, ties by name; -1 when there is none. The packed
 * form of `leaderUnder` for the loops over thousands of weight draws.
 */
export function leaderIndex(names: readonly string[], overalls: Float64Array): number {
  const compare = compareRankedValues; // a local name: see the note at the top of ./scoring/packedDraws.ts
  let best = -1;
  let bestOverall = Number.NaN;
  let bestName = '';
  for (let index = 0; index < overalls.length; index++) {
    const overall = overalls[index] ?? Number.NaN;
    const name = names[index] ?? '';
    if (best < 0 || compare(overall, name, bestOverall, bestName) < 0) {
      best = index;
      bestOverall = overall;
      bestName = name;
    }
  }
  return best;
}

/** Contenders' scores packed once, and the overall of each under one weight vector at a time. */
class PackedField {
  readonly names: string[];
  readonly overalls: Float64Array;
  private readonly scores: Float64Array;

  constructor(readonly contenders: readonly Contender[]) {
    this.names = contenders.map((contender) => contender.name);
    this.scores = packResamples(contenders.map((contender) => contender.scores)).scores;
    this.overalls = new Float64Array(contenders.length);
  }

  /** The index of the leader under `weights` (DIMENSIONS order), -1 when there are no contenders. */
  leaderUnder(weights: Float64Array): number {
    const overallAt = packedOverall; // a local name: see the note at the top of ./scoring/packedDraws.ts
    for (let index = 0; index < this.overalls.length; index++) {
      this.overalls[index] = overallAt(this.scores, index * WIDTH, weights);
    }
    return leaderIndex(this.names, this.overalls);
  }
}

/**
 * A weight vector drawn uniformly from the simplex (a flat Dirichlet), written into `target`
 * in DIMENSIONS order: the loops over thousands of draws reuse one array.
 */
export function drawWeightsInto(random: Random, target: Float64Array): void {
  let total = 0;
  for (let d = 0; d < WIDTH; d++) {
    const draw = -Math.log(1 - random());
    target[d] = draw;
    total += draw;
  }
  for (let d = 0; d < WIDTH; d++) target[d] = (target[d] ?? 0) / total;
}

/** A weight vector drawn uniformly from the simplex (a flat Dirichlet). */
export function randomWeights(random: Random): Weights {
  const drawn = new Float64Array(DIMENSIONS.length);
  drawWeightsInto(random, drawn);
  const [responsiveness = 0, resolution = 0, escalation = 0, commitment = 0] = drawn;
  return { responsiveness, resolution, escalation, commitment };
}

/** Share of uniformly drawn weight vectors under which each contender ranks first. */
export function winShares(
  contenders: readonly Contender[],
  random: Random,
  draws = WEIGHT_DRAWS,
): Map<string, number> {
  const field = new PackedField(contenders);
  const weights = new Float64Array(DIMENSIONS.length);
  const counts = new Float64Array(contenders.length);
  for (let draw = 0; draw < draws; draw++) {
    drawWeightsInto(random, weights);
    const leader = field.leaderUnder(weights);
    if (leader >= 0) counts[leader] = (counts[leader] ?? 0) + 1;
  }
  const wins = new Map(contenders.map((contender) => [contender.id, 0]));
  contenders.forEach((contender, index) => {
    wins.set(contender.id, (wins.get(contender.id) ?? 0) + (counts[index] ?? 0));
  });
  return new Map([...wins].map(([id, count]) => [id, count / draws]));
}

export interface LeaderFlip {
  dimension: Dimension;
  from: number;
  to: number;
  change: number;
  newLeaderId: string;
}

/**
 * Writes into `target` the weight vector `weights` (DIMENSIONS order) with dimension `d` set
 * to `value` and the others rescaled in proportion so the sum stays 1.
 */
export function withWeightInto(weights: Float64Array, d: number, value: number, target: Float64Array): void {
  const rest = 1 - (weights[d] ?? 0);
  for (let other = 0; other < WIDTH; other++) {
    if (other === d) continue;
    target[other] = rest > 1e-12 ? ((weights[other] ?? 0) * (1 - value)) / rest : (1 - value) / (WIDTH - 1);
  }
  target[d] = value;
}

/** One weight set to `value`, the others rescaled in proportion so the sum stays 1. */
export function withWeight(weights: Weights, dimension: Dimension, value: number): Weights {
  const next = new Float64Array(DIMENSIONS.length);
  withWeightInto(weightVector(weights), DIMENSIONS.indexOf(dimension), value, next);
  const [responsiveness = 0, resolution = 0, escalation = 0, commitment = 0] = next;
  return { responsiveness, resolution, escalation, commitment };
}

const FLIP_SCAN_STEP = 0.001;
const FLIP_PRECISION = 1e-6;

/**
 * The scan's steps: 0.001, 0.002, … as the scan has always added them up (so each step is
 * the very same number), one past 1 so that every limit is reached.
 */
const SCAN_DELTAS: readonly number[] = (() => {
  const deltas: number[] = [];
  let delta = FLIP_SCAN_STEP;
  for (;;) {
    deltas.push(delta);
    if (delta > 1) return deltas;
    delta += FLIP_SCAN_STEP;
  }
})();

/** The first index of the sorted `values` whose value is at least `target` (length when none). */
function firstAtLeast(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((values[mid] ?? Number.POSITIVE_INFINITY) < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The scan steps worth trying in one direction, in order: the first and the last, and the
 * steps on either side of every point where the leader can change (`leaderChangePoints`).
 * Between those points the leader stays the same, so the first step at which it has changed
 * is among these — the same step a scan over all of them finds first. Every step when the
 * points are unknown (null: two overalls that agree all along, told apart by rounding alone).
 */
function candidateSteps(
  changes: readonly number[] | null,
  from: number,
  direction: number,
  limit: number,
): number[] {
  const last = firstAtLeast(SCAN_DELTAS, limit);
  if (changes === null) return Array.from({ length: last + 1 }, (_, index) => index);
  const indices = new Set<number>([0, last]);
  for (const change of changes) {
    const delta = direction * (change - from);
    if (!(delta > 0) || delta > limit + FLIP_SCAN_STEP) continue;
    const index = firstAtLeast(SCAN_DELTAS, delta);
    for (const near of [index - 1, index, index + 1]) {
      if (near >= 0 && near <= last) indices.add(near);
    }
  }
  return [...indices].sort((a, b) => a - b);
}

/**
 * The smallest change to a single weight (the others rescaled in proportion) that puts
 * another vendor first; null when no single-weight change does. Looks in each direction for
 * the first step of 0.001 at which another vendor leads — trying only the steps next to the
 * points where the leader can change, worked out in closed form — and refines it by bisection.
 */
export function smallestLeaderFlip(contenders: readonly Contender[], weights: Weights): LeaderFlip | null {
  const leader = leaderUnder(contenders, weights);
  if (!leader || contenders.length < 2) return null;
  let best: LeaderFlip | null = null;
  const field = new PackedField(contenders);
  const base = weightVector(weights);
  const moved = new Float64Array(DIMENSIONS.length);
  const scores = contenders.map((contender) => contender.scores);
  const leaderAt = contenders.indexOf(leader);
  for (const [d, dimension] of DIMENSIONS.entries()) {
    const from = weights[dimension];
    const changes = leaderChangePoints(scores, leaderAt, base, d);
    for (const direction of [1, -1]) {
      const limit = direction > 0 ? 1 - from : from;
      const flipsAt = (delta: number) => {
        withWeightInto(base, d, from + direction * delta, moved);
        const other = field.contenders[field.leaderUnder(moved)];
        return other && other.id !== leader.id ? other : undefined;
      };
      const stepAt = (index: number) => Math.min(SCAN_DELTAS[index] ?? limit, limit);
      if (!(limit > 0)) continue;
      for (const index of candidateSteps(changes, from, direction, limit)) {
        const step = stepAt(index);
        if (best && step >= Math.abs(best.change)) break;
        if (flipsAt(step)) {
          let low = index === 0 ? 0 : stepAt(index - 1);
          let high = step;
          while (high - low > FLIP_PRECISION) {
            const mid = (low + high) / 2;
            if (flipsAt(mid)) high = mid;
            else low = mid;
          }
          const newLeader = flipsAt(high);
          if (newLeader && (!best || high < Math.abs(best.change))) {
            best = {
              dimension,
              from,
              to: from + direction * high,
              change: direction * high,
              newLeaderId: newLeader.id,
            };
          }
          break;
        }
      }
    }
  }
  return best;
}
