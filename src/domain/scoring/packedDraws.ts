/**
 * The bootstrap's inner loop with fewer numbers to add per draw (SPEC §5, "Robustness";
 * §10: a 20 × 100 scorecard draws four million probes). Six of a probe's eight
 * contributions are whole numbers — severity weights, promise counts, 100-or-0 promise
 * points, escalation points — and whole numbers below 2^53 add up exactly in any order.
 * So they are packed as bit fields into two numbers per probe, and one addition moves
 * several sums at once; the two fractional point sums are still added one draw at a time
 * in draw order, so every sum is bit for bit the one of `addDrawnContributions`.
 * When the data does not fit (fractions where whole numbers are expected, or so many
 * probes that a field could overflow into its neighbour) there is no packed form and the
 * caller keeps the plain loop.
 */
import { nextState, uniformOf, type Stream } from '../prng.js';
import type { DimensionSums, ProbeContributions } from './dimensions.js';

type WholeField = Exclude<keyof DimensionSums, 'responsePoints' | 'resolutionPoints'>;

/** The whole-number sums, in two groups that each fit in a double's 53-bit integer range. */
const GROUPS: readonly (readonly WholeField[])[] = [
  ['responseWeight', 'resolutionWeight', 'escalationWeight', 'promises'],
  ['promisePoints', 'escalationPoints'],
];
const SAFE_BITS = 53;
/**
 * Numbers per probe in the table: response points, resolution points, then one per group
 * (4 = 1 << STRIDE_SHIFT). The draw loop shifts rather than multiplies, so the index stays
 * a small integer and V8 does not convert it from a float at every draw.
 */
const STRIDE = 2 + GROUPS.length;
const STRIDE_SHIFT = 2;

/** A field's place in its group: it is stored as value × 2^shift. */
interface FieldPlace {
  field: WholeField;
  group: number;
  scale: number;
}

export interface PackedContributions {
  count: number;
  /** STRIDE numbers per probe: response points, resolution points, group 0, group 1. */
  table: Float64Array;
  /** Fields from the highest bits down within each group, the order they are taken apart in. */
  places: FieldPlace[];
  /** The two group sums while they are taken apart, reused by every resample. */
  rest: Float64Array;
}

/** Bits enough for the sum of `count` draws of values up to `largest`. */
function bitsFor(largest: number, count: number): number {
  return Math.max(1, Math.ceil(Math.log2(largest * count + 1)) + 1);
}

/** The packed form of a vendor's contributions, or null when a sum could not stay exact. */
export function packContributions(parts: ProbeContributions): PackedContributions | null {
  const { count } = parts;
  const table = new Float64Array(count * STRIDE);
  const places: FieldPlace[] = [];
  for (const [group, fields] of GROUPS.entries()) {
    let shift = 0;
    const groupPlaces: FieldPlace[] = [];
    for (const field of fields) {
      const values = parts[field];
      let largest = 0;
      for (const value of values) {
        if (!Number.isInteger(value) || value < 0) return null;
        largest = Math.max(largest, value);
      }
      const scale = 2 ** shift;
      for (let i = 0; i < count; i++) {
        table[i * STRIDE + 2 + group] = (table[i * STRIDE + 2 + group] ?? 0) + (values[i] ?? 0) * scale;
      }
      groupPlaces.push({ field, group, scale });
      shift += bitsFor(largest, count);
      if (shift > SAFE_BITS) return null;
    }
    places.push(...groupPlaces.reverse());
  }
  for (let i = 0; i < count; i++) {
    table[i * STRIDE] = parts.responsePoints[i] ?? 0;
    table[i * STRIDE + 1] = parts.resolutionPoints[i] ?? 0;
  }
  return { count, table, places, rest: new Float64Array(GROUPS.length) };
}

/**
 * Sets `sums` to one bootstrap resample: `packed.count` probes drawn with replacement by the
 * PRNG behind `stream` (probe ⌊random() × count⌋ each time, the state stepped inline as in
 * `addDrawnContributions`), the fractional sums added in draw order.
 */
export function addPackedDraws(packed: PackedContributions, stream: Stream, sums: DimensionSums): void {
  const { count, table } = packed;
  // Local names: see `addDrawnContributions`.
  const step = nextState;
  const uniform = uniformOf;
  let state = stream.state;
  let responsePoints = 0;
  let resolutionPoints = 0;
  let first = 0;
  let second = 0;
  for (let k = 0; k < count; k++) {
    state = step(state);
    const at = Math.floor(uniform(state) * count) << STRIDE_SHIFT;
    responsePoints += table[at] ?? 0;
    resolutionPoints += table[at + 1] ?? 0;
    first += table[at + 2] ?? 0;
    second += table[at + 3] ?? 0;
  }
  stream.state = state;
  sums.responsePoints = responsePoints;
  sums.resolutionPoints = resolutionPoints;
  const { rest } = packed;
  rest[0] = first;
  rest[1] = second;
  for (const { field, group, scale } of packed.places) {
    const packedSum = rest[group] ?? 0;
    const value = Math.floor(packedSum / scale);
    sums[field] = value;
    rest[group] = packedSum - value * scale;
  }
}
