import type { Random } from '../prng.js';
import type { DimensionScores } from './aggregate.js';
import { DOCUMENTED_SHARE } from './escalation.js';
import { STRENGTH_SHARE } from './commitment.js';

// The SLA-only shares read once: under a loader that compiles imports to namespace getters
// (tsx), a read per bootstrap resample would be a getter call, forty thousand times.
const DOCUMENTED = DOCUMENTED_SHARE;
const STRENGTH = STRENGTH_SHARE;

/**
 * One vendor's probes as columns of points, NaN where a probe does not count in that
 * dimension (pending or not applicable). Commitment holds 100 for a promise kept, 0 broken.
 */
export interface ProbeColumns {
  weight: Float64Array;
  responsiveness: Float64Array;
  resolution: Float64Array;
  escalation: Float64Array;
  commitment: Float64Array;
}

/** The parts of a vendor's score that come from its SLA document alone. */
export interface DocumentParts {
  documented: number;
  strength: number;
}

export interface DimensionTotals {
  scores: DimensionScores;
  exercisedScore: number | null;
  keepRate: number | null;
}

/**
 * What each probe adds to the sums behind the four dimensions: its severity weight and
 * weighted points where it counts, 0 where it does not (pending or not applicable); for
 * commitment one promise and 100 or 0 points. Worked out once per vendor, so a bootstrap
 * resample only adds numbers up.
 */
export interface ProbeContributions {
  count: number;
  responseWeight: Float64Array;
  responsePoints: Float64Array;
  resolutionWeight: Float64Array;
  resolutionPoints: Float64Array;
  escalationWeight: Float64Array;
  escalationPoints: Float64Array;
  promises: Float64Array;
  promisePoints: Float64Array;
}

export function probeContributions(columns: ProbeColumns): ProbeContributions {
  const count = columns.weight.length;
  const part = () => new Float64Array(count);
  const parts: ProbeContributions = {
    count,
    responseWeight: part(),
    responsePoints: part(),
    resolutionWeight: part(),
    resolutionPoints: part(),
    escalationWeight: part(),
    escalationPoints: part(),
    promises: part(),
    promisePoints: part(),
  };
  for (let i = 0; i < count; i++) {
    const weight = columns.weight[i] ?? 0;
    const response = columns.responsiveness[i] ?? Number.NaN;
    if (!Number.isNaN(response)) {
      parts.responseWeight[i] = weight;
      parts.responsePoints[i] = weight * response;
    }
    const resolution = columns.resolution[i] ?? Number.NaN;
    if (!Number.isNaN(resolution)) {
      parts.resolutionWeight[i] = weight;
      parts.resolutionPoints[i] = weight * resolution;
    }
    const escalation = columns.escalation[i] ?? Number.NaN;
    if (!Number.isNaN(escalation)) {
      parts.escalationWeight[i] = weight;
      parts.escalationPoints[i] = weight * escalation;
    }
    const kept = columns.commitment[i] ?? Number.NaN;
    if (!Number.isNaN(kept)) {
      parts.promises[i] = 1;
      parts.promisePoints[i] = kept;
    }
  }
  return parts;
}

/** The sums of a selection of probes, each probe counted as often as it was drawn. */
export type DimensionSums = Record<Exclude<keyof ProbeContributions, 'count'>, number>;

/** All sums at zero, to be filled by `addContributions`. */
export function emptySums(): DimensionSums {
  return {
    responseWeight: 0,
    responsePoints: 0,
    resolutionWeight: 0,
    resolutionPoints: 0,
    escalationWeight: 0,
    escalationPoints: 0,
    promises: 0,
    promisePoints: 0,
  };
}

/**
 * Sets `sums` to the contributions of the first `length` probes of `selection` (indices,
 * repeats allowed), added in selection order. Writes into the caller's object so the
 * bootstrap can reuse one for all its resamples.
 */
export function addContributions(
  parts: ProbeContributions,
  selection: Int32Array,
  length: number,
  sums: DimensionSums,
): void {
  const { responseWeight, responsePoints, resolutionWeight, resolutionPoints } = parts;
  const { escalationWeight, escalationPoints, promises, promisePoints } = parts;
  let rw = 0;
  let rp = 0;
  let sw = 0;
  let sp = 0;
  let ew = 0;
  let ep = 0;
  let pn = 0;
  let pp = 0;
  for (let k = 0; k < length; k++) {
    const i = selection[k] ?? 0;
    rw += responseWeight[i] ?? 0;
    rp += responsePoints[i] ?? 0;
    sw += resolutionWeight[i] ?? 0;
    sp += resolutionPoints[i] ?? 0;
    ew += escalationWeight[i] ?? 0;
    ep += escalationPoints[i] ?? 0;
    pn += promises[i] ?? 0;
    pp += promisePoints[i] ?? 0;
  }
  sums.responseWeight = rw;
  sums.responsePoints = rp;
  sums.resolutionWeight = sw;
  sums.resolutionPoints = sp;
  sums.escalationWeight = ew;
  sums.escalationPoints = ep;
  sums.promises = pn;
  sums.promisePoints = pp;
}

/**
 * Sets `sums` to the contributions of `parts.count` probes drawn with replacement by
 * `random` (probe ⌊random() × count⌋ each time), added in draw order: one bootstrap
 * resample. The bootstrap's fast path (./packedDraws.ts) steps a seeded PRNG inline; this is
 * what it falls back to when the sums cannot be packed exactly, and it draws the same indices.
 */
export function addDrawnContributions(parts: ProbeContributions, random: Random, sums: DimensionSums): void {
  const selection = Int32Array.from({ length: parts.count }, () => Math.floor(random() * parts.count));
  addContributions(parts, selection, parts.count, sums);
}

/** Adds up the contributions of `selection` (indices, repeats allowed), or of every probe. */
export function sumContributions(parts: ProbeContributions, selection?: Int32Array): DimensionSums {
  const all = selection ?? Int32Array.from({ length: parts.count }, (_, index) => index);
  const sums = emptySums();
  addContributions(parts, all, all.length, sums);
  return sums;
}

/**
 * The four dimension scores from the sums of a selection of probes: severity-weighted means
 * for responsiveness, resolution and exercised escalation; the plain share of promises kept
 * for commitment; the SLA-only parts blended in as SPEC §5 says. Shared by the scorecard and
 * the bootstrap so both apply exactly the same rules.
 */
export function dimensionTotals(sums: DimensionSums, documents: DocumentParts): DimensionTotals {
  const exercised = exercisedOf(sums);
  const keepRate = keepRateOf(sums);
  return {
    scores: {
      responsiveness: nullIfNaN(meanOf(sums.responsePoints, sums.responseWeight)),
      resolution: nullIfNaN(meanOf(sums.resolutionPoints, sums.resolutionWeight)),
      escalation: escalationOf(exercised, documents),
      commitment: commitmentOf(keepRate, documents),
    },
    exercisedScore: nullIfNaN(exercised),
    keepRate: nullIfNaN(keepRate),
  };
}

/**
 * The same four scores as `dimensionTotals`, written into `target` from `offset` in
 * DIMENSIONS order with NaN where one is not measured: the bootstrap's packed form, filled
 * without an object per resample. The helpers below work in NaN rather than null so that
 * forty thousand resamples box no number on the way.
 */
export function writeDimensionScores(
  sums: DimensionSums,
  documents: DocumentParts,
  target: Float64Array,
  offset: number,
): void {
  target[offset] = meanOf(sums.responsePoints, sums.responseWeight);
  target[offset + 1] = meanOf(sums.resolutionPoints, sums.resolutionWeight);
  target[offset + 2] = escalationOf(exercisedOf(sums), documents);
  target[offset + 3] = commitmentOf(keepRateOf(sums), documents);
}

/** The weighted mean, NaN when nothing counted. */
function meanOf(points: number, weight: number): number {
  return weight > 0 ? points / weight : Number.NaN;
}

function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

function exercisedOf(sums: DimensionSums): number {
  return meanOf(sums.escalationPoints, sums.escalationWeight);
}

function keepRateOf(sums: DimensionSums): number {
  return sums.promises > 0 ? sums.promisePoints / 100 / sums.promises : Number.NaN;
}

/** Exercised escalation blended with the documented path; the documented path alone when NaN. */
function escalationOf(exercisedScore: number, documents: DocumentParts): number {
  return Number.isNaN(exercisedScore)
    ? documents.documented
    : DOCUMENTED * documents.documented + (1 - DOCUMENTED) * exercisedScore;
}

/** Promise keeping blended with the SLA's strength; the strength alone when NaN. */
function commitmentOf(keepRate: number, documents: DocumentParts): number {
  return Number.isNaN(keepRate)
    ? documents.strength
    : STRENGTH * documents.strength + (1 - STRENGTH) * 100 * keepRate;
}

/** The four dimension scores over a selection of probes (all of them, or a bootstrap resample). */
export function scoreDimensions(
  columns: ProbeColumns,
  documents: DocumentParts,
  selection?: Int32Array,
): DimensionTotals {
  return dimensionTotals(sumContributions(probeContributions(columns), selection), documents);
}
