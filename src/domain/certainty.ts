/**
 * How certain a ranking is, vendor by vendor (SPEC §5, "Robustness"): the first share, the
 * share of resamples ahead of the next vendor, whether there is enough evidence at all, and
 * the confidence label. Deterministic: the caller passes PRNGs seeded from the trial id and
 * the bootstrap resamples of each vendor (see `bootstrapScores`).
 */
import type { Random } from './prng.js';
import { BOOTSTRAP_RESAMPLES, drawWeightsInto, leaderIndex } from './robustness.js';
import { overallsAt, packedOverall, type Resamples } from './resamples.js';
import { DIMENSIONS, type Weights } from './schemas.js';

/** Joint draws for the first share: each a resample of every vendor and a weight vector. */
export const JOINT_DRAWS = 2000;

export type Evidence = 'insufficient' | 'sufficient';

/**
 * Below this many counted probes a vendor's interval and shares say more about luck than
 * about its support: pages and reports show "insufficient evidence (n probes)" instead.
 */
export const MIN_PROBES_FOR_EVIDENCE = 3;

export function evidenceOf(countedProbes: number): Evidence {
  return countedProbes < MIN_PROBES_FOR_EVIDENCE ? 'insufficient' : 'sufficient';
}

export type Confidence = 'low' | 'medium' | 'high';

/**
 * The confidence label needs both enough probes and a narrow interval: many probes that
 * disagree are as uncertain as few that agree. Checked in order; anything else is low.
 */
export const CONFIDENCE_LEVELS = [
  { label: 'high', minProbes: 6, maxWidth: 15 },
  { label: 'medium', minProbes: MIN_PROBES_FOR_EVIDENCE, maxWidth: 30 },
] as const satisfies readonly { label: Confidence; minProbes: number; maxWidth: number }[];

/** High with ≥ 6 counted probes and an interval ≤ 15 points wide, medium with ≥ 3 and ≤ 30, else low. */
export function confidenceLabel(
  countedProbes: number,
  interval: { low: number; high: number } | null,
): Confidence {
  if (!interval) return 'low';
  const width = interval.high - interval.low;
  const level = CONFIDENCE_LEVELS.find(
    ({ minProbes, maxWidth }) => countedProbes >= minProbes && width <= maxWidth,
  );
  return level?.label ?? 'low';
}

/** One vendor with its bootstrap resamples, in rank order where order matters. */
export interface Resampled {
  id: string;
  name: string;
  disqualified: boolean;
  resamples: Resamples;
}

function checkDraws(vendor: Resampled, draws: number): void {
  if (draws > vendor.resamples.count) {
    throw new Error(
      `certainty: vendor ${vendor.id} has ${vendor.resamples.count} resamples, draw ${vendor.resamples.count} asked`,
    );
  }
}

/** A vendor's overall at the trial's weights in each of its first `draws` resamples, NaN as null. */
function overallsOf(vendor: Resampled, weights: Weights, draws: number): Float64Array {
  checkDraws(vendor, draws);
  return overallsAt(vendor.resamples, weights, draws);
}

/** The vendors a pick is made from: those not disqualified, or all of them when every one is. */
export function qualifiedPool<T extends { disqualified: boolean }>(vendors: readonly T[]): T[] {
  const qualified = vendors.filter((vendor) => !vendor.disqualified);
  return qualified.length > 0 ? qualified : [...vendors];
}

/**
 * First share: over `draws` joint draws — resample `draw` of every vendor and a weight vector
 * drawn uniformly from the simplex — the share in which each vendor ranks first among the
 * qualified pool. It answers "how likely is this vendor the right pick, given both what we saw
 * and what we might weigh". Vendors outside the pool get 0.
 */
export function firstShares(
  vendors: readonly Resampled[],
  random: Random,
  draws = JOINT_DRAWS,
): Map<string, number> {
  const pool = qualifiedPool(vendors);
  for (const vendor of pool) checkDraws(vendor, draws);
  const wins = new Float64Array(pool.length);
  const weights = new Float64Array(DIMENSIONS.length);
  const names = pool.map((vendor) => vendor.name);
  const scores = pool.map((vendor) => vendor.resamples.scores);
  const overalls = new Float64Array(pool.length);
  // Local names for the imported functions of the loop (see `addDrawnContributions`).
  const overallAt = packedOverall;
  const leaderOf = leaderIndex;
  for (let draw = 0; draw < draws; draw++) {
    drawWeightsInto(random, weights);
    const offset = draw * weights.length;
    for (let index = 0; index < scores.length; index++) {
      const vendorScores = scores[index];
      overalls[index] = vendorScores ? overallAt(vendorScores, offset, weights) : Number.NaN;
    }
    const leader = leaderOf(names, overalls);
    if (leader >= 0) wins[leader] = (wins[leader] ?? 0) + 1;
  }
  const firsts = new Map(vendors.map((vendor) => [vendor.id, 0]));
  pool.forEach((vendor, index) => firsts.set(vendor.id, (firsts.get(vendor.id) ?? 0) + (wins[index] ?? 0)));
  return new Map([...firsts].map(([id, count]) => [id, count / draws]));
}

/**
 * 1 when `a` beats `b`, ½ on a tie, 0 otherwise; an unmeasured overall (NaN) loses to any
 * score and ties with another unmeasured one. On bare numbers, so a thousand draws per
 * vendor box nothing.
 */
function beats(a: number, b: number): number {
  const measuredA = !Number.isNaN(a);
  const measuredB = !Number.isNaN(b);
  if (measuredA !== measuredB) return measuredA ? 1 : 0;
  if (!measuredA || a === b) return 0.5;
  return a > b ? 1 : 0;
}

/**
 * Ahead of next: for each vendor not disqualified, the share of the first `draws` bootstrap
 * resamples, at the trial's weights, in which its overall exceeds that of the next-ranked
 * vendor not disqualified (ties count half). Null for the last such vendor and for
 * disqualified vendors. `ranked` is in rank order.
 */
export function aheadOfNextShares(
  ranked: readonly Resampled[],
  weights: Weights,
  draws = BOOTSTRAP_RESAMPLES,
): Map<string, number | null> {
  const shares = new Map<string, number | null>(ranked.map((vendor) => [vendor.id, null]));
  const qualified = ranked.filter((vendor) => !vendor.disqualified);
  const overalls = qualified.length > 1 ? qualified.map((vendor) => overallsOf(vendor, weights, draws)) : [];
  for (let index = 0; index + 1 < qualified.length; index++) {
    const vendor = qualified[index];
    const own = overalls[index];
    const next = overalls[index + 1];
    if (!vendor || !own || !next) continue;
    let ahead = 0;
    for (let draw = 0; draw < draws; draw++) {
      ahead += beats(own[draw] ?? Number.NaN, next[draw] ?? Number.NaN);
    }
    shares.set(vendor.id, ahead / draws);
  }
  return shares;
}
