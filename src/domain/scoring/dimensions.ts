import type { DimensionScores } from './aggregate.js';
import { DOCUMENTED_SHARE } from './escalation.js';
import { STRENGTH_SHARE } from './commitment.js';

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

/** Adds up the contributions of `selection` (indices, repeats allowed), or of every probe. */
export function sumContributions(parts: ProbeContributions, selection?: Int32Array): DimensionSums {
  const all = selection ?? Int32Array.from({ length: parts.count }, (_, index) => index);
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
  for (const i of all) {
    rw += responseWeight[i] ?? 0;
    rp += responsePoints[i] ?? 0;
    sw += resolutionWeight[i] ?? 0;
    sp += resolutionPoints[i] ?? 0;
    ew += escalationWeight[i] ?? 0;
    ep += escalationPoints[i] ?? 0;
    pn += promises[i] ?? 0;
    pp += promisePoints[i] ?? 0;
  }
  return {
    responseWeight: rw,
    responsePoints: rp,
    resolutionWeight: sw,
    resolutionPoints: sp,
    escalationWeight: ew,
    escalationPoints: ep,
    promises: pn,
    promisePoints: pp,
  };
}

/**
 * The four dimension scores from the sums of a selection of probes: severity-weighted means
 * for responsiveness, resolution and exercised escalation; the plain share of promises kept
 * for commitment; the SLA-only parts blended in as SPEC §5 says. Shared by the scorecard and
 * the bootstrap so both apply exactly the same rules.
 */
export function dimensionTotals(sums: DimensionSums, documents: DocumentParts): DimensionTotals {
  const exercisedScore = sums.escalationWeight > 0 ? sums.escalationPoints / sums.escalationWeight : null;
  const keepRate = sums.promises > 0 ? sums.promisePoints / 100 / sums.promises : null;
  return {
    scores: {
      responsiveness: sums.responseWeight > 0 ? sums.responsePoints / sums.responseWeight : null,
      resolution: sums.resolutionWeight > 0 ? sums.resolutionPoints / sums.resolutionWeight : null,
      escalation:
        exercisedScore === null
          ? documents.documented
          : DOCUMENTED_SHARE * documents.documented + (1 - DOCUMENTED_SHARE) * exercisedScore,
      commitment:
        keepRate === null
          ? documents.strength
          : STRENGTH_SHARE * documents.strength + (1 - STRENGTH_SHARE) * 100 * keepRate,
    },
    exercisedScore,
    keepRate,
  };
}

/** The four dimension scores over a selection of probes (all of them, or a bootstrap resample). */
export function scoreDimensions(
  columns: ProbeColumns,
  documents: DocumentParts,
  selection?: Int32Array,
): DimensionTotals {
  return dimensionTotals(sumContributions(probeContributions(columns), selection), documents);
}
