/**
 * Where the leader can change as one weight moves (SPEC §5, "the smallest single-weight change
 * that flips the leader"). With weight d set to x and the others rescaled in proportion, each
 * vendor's overall is a ratio of two linear functions of x, so it meets the leader's where a
 * quadratic is zero, and it appears or vanishes (unmeasured) where its own denominator is. The
 * leader is the same between two such points, so the search only needs to look next to them
 * instead of at every step of the way.
 */
import type { DimensionScores } from './scoring/aggregate.js';
import { DIMENSIONS } from './schemas.js';

const WIDTH = DIMENSIONS.length;

/** Below this the rest of the weights is treated as zero (as `withWeightInto` does). */
const EMPTY_REST = 1e-12;
/** Coefficients this small beside the terms they came from mean two overalls agree everywhere. */
const SAME_ALL_ALONG = 1e-9;

/** A vendor's overall at weight x as (α + βx) / (γ + δx). */
interface Ratio {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

function ratioOf(scores: DimensionScores, base: Float64Array, d: number): Ratio {
  const rest = 1 - (base[d] ?? 0);
  const spread = rest <= EMPTY_REST;
  let weighted = 0;
  let weightSum = 0;
  for (const [k, dimension] of DIMENSIONS.entries()) {
    const score = scores[dimension];
    if (k === d || score === null) continue;
    const weight = spread ? 1 / (WIDTH - 1) : (base[k] ?? 0) / rest;
    weighted += weight * score;
    weightSum += weight;
  }
  const own = scores[DIMENSIONS[d] ?? 'responsiveness'];
  const measured = own === null ? 0 : 1;
  return {
    alpha: weighted,
    beta: -weighted + measured * (own ?? 0),
    gamma: weightSum,
    delta: -weightSum + measured,
  };
}

/** Real roots of A x² + B x + C, plus the vertex (a tangency rounding may hide). */
function quadraticRoots(a: number, b: number, c: number, into: number[]): void {
  const scale = Math.abs(a) + Math.abs(b) + Math.abs(c);
  if (scale === 0) return;
  if (Math.abs(a) <= 1e-12 * scale) {
    if (b !== 0) into.push(-c / b);
    if (a === 0) return;
  }
  into.push(-b / (2 * a));
  const discriminant = b * b - 4 * a * c;
  if (discriminant < 0) return;
  const root = Math.sqrt(discriminant);
  into.push((-b - root) / (2 * a), (-b + root) / (2 * a));
}

/**
 * The weights x of dimension `d` (base weights `base`, DIMENSIONS order) at which some
 * contender's overall meets the leader's or a vendor's overall appears or vanishes:
 * every point where the leader can change. Unsorted, possibly with extra points. Null when
 * a contender's overall equals the leader's all along (up to rounding): then which of the
 * two leads at a given weight is down to rounding, there is no point to name, and the
 * caller must try every step.
 */
export function leaderChangePoints(
  contenders: readonly DimensionScores[],
  leader: number,
  base: Float64Array,
  d: number,
): number[] | null {
  const ratios = contenders.map((scores) => ratioOf(scores, base, d));
  const lead = ratios[leader];
  if (!lead) return [];
  const points: number[] = [];
  for (const [index, other] of ratios.entries()) {
    if (other.delta !== 0) points.push(-other.gamma / other.delta);
    if (index === leader) continue;
    // (α_c + β_c x)(γ_L + δ_L x) − (α_L + β_L x)(γ_c + δ_c x) = 0
    const terms = [
      other.beta * lead.delta,
      lead.beta * other.delta,
      other.alpha * lead.delta,
      other.beta * lead.gamma,
      lead.alpha * other.delta,
      lead.beta * other.gamma,
      other.alpha * lead.gamma,
      lead.alpha * other.gamma,
    ];
    const [a1 = 0, a2 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, c1 = 0, c2 = 0] = terms;
    const a = a1 - a2;
    const b = b1 + b2 - b3 - b4;
    const c = c1 - c2;
    const size = Math.max(...terms.map(Math.abs));
    if (size > 0 && Math.abs(a) + Math.abs(b) + Math.abs(c) <= SAME_ALL_ALONG * size) return null;
    quadraticRoots(a, b, c, points);
  }
  return points.filter((point) => Number.isFinite(point));
}
