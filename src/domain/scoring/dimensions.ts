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
 * The four dimension scores over a selection of probes (all of them, or a bootstrap
 * resample): severity-weighted means for responsiveness, resolution and exercised
 * escalation; the plain share of promises kept for commitment. Shared by the scorecard and
 * the bootstrap so both apply exactly the same rules.
 */
export function scoreDimensions(
  columns: ProbeColumns,
  documents: DocumentParts,
  selection?: ArrayLike<number>,
): DimensionTotals {
  let responseWeight = 0;
  let responsePoints = 0;
  let resolutionWeight = 0;
  let resolutionPoints = 0;
  let escalationWeight = 0;
  let escalationPoints = 0;
  let promises = 0;
  let promisePoints = 0;
  const count = selection ? selection.length : columns.weight.length;
  for (let k = 0; k < count; k++) {
    const i = selection ? (selection[k] ?? 0) : k;
    const weight = columns.weight[i] ?? 0;
    const response = columns.responsiveness[i] ?? Number.NaN;
    if (!Number.isNaN(response)) {
      responseWeight += weight;
      responsePoints += weight * response;
    }
    const resolution = columns.resolution[i] ?? Number.NaN;
    if (!Number.isNaN(resolution)) {
      resolutionWeight += weight;
      resolutionPoints += weight * resolution;
    }
    const escalation = columns.escalation[i] ?? Number.NaN;
    if (!Number.isNaN(escalation)) {
      escalationWeight += weight;
      escalationPoints += weight * escalation;
    }
    const kept = columns.commitment[i] ?? Number.NaN;
    if (!Number.isNaN(kept)) {
      promises += 1;
      promisePoints += kept;
    }
  }
  const exercisedScore = escalationWeight > 0 ? escalationPoints / escalationWeight : null;
  const keepRate = promises > 0 ? promisePoints / 100 / promises : null;
  return {
    scores: {
      responsiveness: responseWeight > 0 ? responsePoints / responseWeight : null,
      resolution: resolutionWeight > 0 ? resolutionPoints / resolutionWeight : null,
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
