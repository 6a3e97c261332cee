/**
 * The bootstrap's inner loop with fewer numbers to add per draw (SPEC §5, "Robustness";
 * §10: a 20 × 100 scorecard draws four million probes). Six of a probe's eight
 * contributions are whole numbers — severity weights, promise counts, 100-or-0 promise
 * points, escalation points — and whole numbers below 2^53 add up exactly in any order.
 * So they are packed as bit fields into two numbers per probe, and one addition moves
 * several sums at once; the two fractional point sums are still added one draw at a time
 * in draw order, so every sum is bit for bit the one of `addDrawnContributions`.
 * When the data does not fit (fractions where whole numbers are expected, or so many
 * probes that a field could overflow into its neighbour or `indexBelow` could not serve the
 * count) there is no packed form and the caller keeps the plain loop.
 */
import { indexBelow, MAX_INDEX_COUNT, nextState, type Stream } from '../prng.js';
import { DIMENSIONS } from '../schemas.js';
import {
  writeDimensionScores,
  type DimensionSums,
  type DocumentParts,
  type ProbeContributions,
} from './dimensions.js';

// Imported functions under local names, read once: under a loader that compiles imports to
// namespace getters (tsx), each use inside the loops would be a getter call.
const step = nextState;
const drawIndex = indexBelow;
const writeScores = writeDimensionScores;
const SCORES_PER_RESAMPLE = DIMENSIONS.length;

type WholeField = Exclude<keyof DimensionSums, 'responsePoints' | 'resolutionPoints'>;

/**
 * The whole-number sums, in two groups that each fit in a double's 53-bit integer range;
 * `addPackedDraws` takes them apart in exactly this order.
 */
const GROUPS = [
  ['responseWeight', 'resolutionWeight', 'escalationWeight', 'promises'],
  ['promisePoints', 'escalationPoints'],
] as const satisfies readonly (readonly WholeField[])[];
const SAFE_BITS = 53;
/**
 * Numbers per probe in the table: response points, resolution points, then one per group
 * (4 = 1 << STRIDE_SHIFT). The draw loop shifts rather than multiplies, so the index stays
 * a small integer and V8 does not convert it from a float at every draw.
 */
const STRIDE = 2 + GROUPS.length;
const STRIDE_SHIFT = 2;

export interface PackedContributions {
  count: number;
  /** STRIDE numbers per probe: response points, resolution points, group 0, group 1. */
  table: Float64Array;
  /** Each whole-number field is stored as value × its scale (a power of two), GROUPS order. */
  scales: Float64Array;
}

/** Bits enough for the sum of `count` draws of values up to `largest`, with one to spare. */
function bitsFor(largest: number, count: number): number {
  return Math.max(1, Math.ceil(Math.log2(largest * count + 1)) + 1);
}

/** The packed form of a vendor's contributions, or null when a sum could not stay exact. */
export function packContributions(parts: ProbeContributions): PackedContributions | null {
  const { count } = parts;
  if (count > MAX_INDEX_COUNT) return null;
  const table = new Float64Array(count * STRIDE);
  const scales = new Float64Array(GROUPS.flat().length);
  let place = 0;
  for (const [group, fields] of GROUPS.entries()) {
    let shift = 0;
    for (const field of fields) {
      const values = parts[field];
      let largest = 0;
      for (const value of values) {
        if (!Number.isInteger(value) || value < 0) return null;
        largest = Math.max(largest, value);
      }
      const scale = 2 ** shift;
      for (let i = 0; i < count; i++) {
        const at = i * STRIDE + 2 + group;
        table[at] = (table[at] ?? 0) + (values[i] ?? 0) * scale;
      }
      scales[place++] = scale;
      shift += bitsFor(largest, count);
      if (shift > SAFE_BITS) return null;
    }
  }
  for (let i = 0; i < count; i++) {
    table[i * STRIDE] = parts.responsePoints[i] ?? 0;
    table[i * STRIDE + 1] = parts.resolutionPoints[i] ?? 0;
  }
  return { count, table, scales };
}

/**
 * Sets `sums` to one bootstrap resample: `packed.count` probes drawn with replacement by the
 * PRNG behind `stream` (probe ⌊random() × count⌋ each time, worked out by `indexBelow`, the
 * state stepped inline), the fractional sums added in draw order.
 */
export function addPackedDraws(packed: PackedContributions, stream: Stream, sums: DimensionSums): void {
  const { count, table, scales } = packed;
  let state = stream.state;
  let responsePoints = 0;
  let resolutionPoints = 0;
  let first = 0;
  let second = 0;
  for (let k = 0; k < count; k++) {
    state = step(state);
    const at = drawIndex(state, count) << STRIDE_SHIFT;
    responsePoints += table[at] ?? 0;
    resolutionPoints += table[at + 1] ?? 0;
    first += table[at + 2] ?? 0;
    second += table[at + 3] ?? 0;
  }
  stream.state = state;
  sums.responsePoints = responsePoints;
  sums.resolutionPoints = resolutionPoints;
  // Taken apart from the highest field down, each by a division by a power of two (exact),
  // and written field by field: a store under a computed key was a third of the loop's time.
  sums.promises = Math.floor(first / (scales[3] ?? 1));
  first -= sums.promises * (scales[3] ?? 1);
  sums.escalationWeight = Math.floor(first / (scales[2] ?? 1));
  first -= sums.escalationWeight * (scales[2] ?? 1);
  sums.resolutionWeight = Math.floor(first / (scales[1] ?? 1));
  sums.responseWeight = first - sums.resolutionWeight * (scales[1] ?? 1);
  sums.escalationPoints = Math.floor(second / (scales[5] ?? 1));
  sums.promisePoints = second - sums.escalationPoints * (scales[5] ?? 1);
}

/**
 * `count` bootstrap resamples of one vendor's four dimension scores into `target` (four
 * numbers per resample, DIMENSIONS order), drawn as `addPackedDraws` draws them: the packed
 * form of `bootstrapScores`'s loop, one call per vendor rather than one per resample.
 */
export function packedResamples(
  packed: PackedContributions,
  stream: Stream,
  documents: DocumentParts,
  sums: DimensionSums,
  target: Float64Array,
  count: number,
): void {
  for (let sample = 0; sample < count; sample++) {
    addPackedDraws(packed, stream, sums);
    writeScores(sums, documents, target, sample * SCORES_PER_RESAMPLE);
  }
}
