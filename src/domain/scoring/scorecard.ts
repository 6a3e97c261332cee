/**
 * The scorecard of a trial as of an instant (SPEC §5): a pipeline of pure steps —
 * probe metrics → per-probe findings → dimension scores → overall, rank and robustness.
 */
import { deriveProbeMetrics } from '../metrics.js';
import { seededRandom } from '../prng.js';
import {
  BOOTSTRAP_RESAMPLES,
  WEIGHT_DRAWS,
  bootstrapInterval,
  confidenceLabel,
  smallestLeaderFlip,
  winShares,
  type Confidence,
  type Contender,
  type LeaderFlip,
} from '../robustness.js';
import {
  DIMENSIONS,
  type Dimension,
  type Probe,
  type Severity,
  type Trial,
  type Vendor,
  type Weights,
} from '../schemas.js';
import { compareRanked, overallScore } from './aggregate.js';
import { promiseKeptFinding, slaStrength, type StrengthItem } from './commitment.js';
import { createScoringContext, SEVERITY_WEIGHT, type ScoringContext } from './context.js';
import { scoreDimensions, type ProbeColumns } from './dimensions.js';
import { documentedEscalation, escalationFinding } from './escalation.js';
import type { Finding } from './finding.js';
import { failedKnockouts, type KnockoutGate } from './knockouts.js';
import { resolutionFinding } from './resolution.js';
import { responsivenessFinding } from './responsiveness.js';

export const SCORING_MODEL = 'sla-score/1';

export interface ProbeScore {
  probeId: string;
  title: string;
  severity: Severity;
  weight: number;
  outcome: string;
  points: Record<Dimension, number | null>;
  explanation: Record<Dimension, string>;
  findings: Record<Dimension, Finding>;
}

interface Tally {
  score: number | null;
  counted: number;
  pending: number;
}

export interface VendorScorecard {
  vendorId: string;
  name: string;
  rank: number;
  overall: number | null;
  interval: { low: number; high: number } | null;
  /** Null when robustness was not computed. */
  winShare: number | null;
  confidence: Confidence;
  countedProbes: number;
  disqualified: boolean;
  failedGates: KnockoutGate[];
  dimensions: {
    responsiveness: Tally;
    resolution: Tally;
    escalation: Tally & { documented: number; exercised: boolean; exercisedScore: number | null };
    commitment: Tally & {
      strength: number;
      strengthItems: StrengthItem[];
      keepRate: number | null;
      kept: number;
      broken: number;
      measured: boolean;
    };
  };
  probes: ProbeScore[];
}

export interface Scorecard {
  trialId: string;
  model: typeof SCORING_MODEL;
  asOf: string;
  weights: Weights;
  vendors: VendorScorecard[];
  leaderFlip: LeaderFlip | null;
  robustness: { resamples: number; weightDraws: number; seed: string };
}

export interface TrialData {
  trial: Trial;
  vendors: readonly Vendor[];
  probes: readonly Probe[];
}

function scoreProbe(probe: Probe, vendor: Vendor, context: ScoringContext): ProbeScore {
  const metrics = deriveProbeMetrics(probe, context.asOfMs);
  const findings: Record<Dimension, Finding> = {
    responsiveness: responsivenessFinding(probe, metrics, context),
    resolution: resolutionFinding(probe, metrics, context),
    escalation: escalationFinding(probe, metrics, context),
    commitment: promiseKeptFinding(probe, metrics, vendor, context),
  };
  const points = {} as Record<Dimension, number | null>;
  const explanation = {} as Record<Dimension, string>;
  for (const dimension of DIMENSIONS) {
    points[dimension] = findings[dimension].points;
    explanation[dimension] = findings[dimension].text;
  }
  return {
    probeId: probe.id,
    title: probe.title,
    severity: probe.severity,
    weight: SEVERITY_WEIGHT[probe.severity],
    outcome: metrics.outcome,
    points,
    explanation,
    findings,
  };
}

function toColumns(probes: readonly ProbeScore[]): ProbeColumns {
  const column = (dimension: Dimension) =>
    Float64Array.from(probes, (probe) =>
      probe.findings[dimension].status === 'counted' ? (probe.points[dimension] ?? 0) : Number.NaN,
    );
  return {
    weight: Float64Array.from(probes, (probe) => probe.weight),
    responsiveness: column('responsiveness'),
    resolution: column('resolution'),
    escalation: column('escalation'),
    commitment: column('commitment'),
  };
}

function tally(probes: readonly ProbeScore[], dimension: Dimension, score: number | null): Tally {
  return {
    score,
    counted: probes.filter((probe) => probe.findings[dimension].status === 'counted').length,
    pending: probes.filter((probe) => probe.findings[dimension].status === 'pending').length,
  };
}

interface Evaluated {
  card: Omit<VendorScorecard, 'rank' | 'interval' | 'winShare'>;
  columns: ProbeColumns;
  documents: { documented: number; strength: number };
}

function evaluateVendor(vendor: Vendor, probes: readonly Probe[], context: ScoringContext): Evaluated {
  const scored = probes.map((probe) => scoreProbe(probe, vendor, context));
  const columns = toColumns(scored);
  const { strength, items } = slaStrength(vendor.sla, context.trial.targets);
  const documents = { documented: documentedEscalation(vendor.sla), strength };
  const totals = scoreDimensions(columns, documents);
  const commitmentTally = tally(scored, 'commitment', totals.scores.commitment);
  const kept = scored.filter(
    (probe) => probe.findings.commitment.status === 'counted' && probe.points.commitment === 100,
  ).length;
  const failedGates = failedKnockouts(vendor.sla, context.trial.knockouts);
  const countedProbes = scored.filter((probe) =>
    DIMENSIONS.some((dimension) => probe.findings[dimension].status === 'counted'),
  ).length;
  return {
    columns,
    documents,
    card: {
      vendorId: vendor.id,
      name: vendor.name,
      overall: overallScore(totals.scores, context.trial.weights),
      confidence: confidenceLabel(countedProbes),
      countedProbes,
      disqualified: failedGates.length > 0,
      failedGates,
      dimensions: {
        responsiveness: tally(scored, 'responsiveness', totals.scores.responsiveness),
        resolution: tally(scored, 'resolution', totals.scores.resolution),
        escalation: {
          ...tally(scored, 'escalation', totals.scores.escalation),
          documented: documents.documented,
          exercised: totals.exercisedScore !== null,
          exercisedScore: totals.exercisedScore,
        },
        commitment: {
          ...commitmentTally,
          strength,
          strengthItems: items,
          keepRate: totals.keepRate,
          kept,
          broken: commitmentTally.counted - kept,
          measured: totals.keepRate !== null,
        },
      },
      probes: scored,
    },
  };
}

export interface ScorecardOptions {
  /** Skip the bootstrap and weight draws (e.g. for a quick preview). */
  robustness?: boolean;
}

/** Score every vendor of a trial as of `asOfMs`; probes sent after it and later events are ignored. */
export function computeScorecard(data: TrialData, asOfMs: number, options: ScorecardOptions = {}): Scorecard {
  const { trial } = data;
  const context = createScoringContext(trial, asOfMs);
  const probesByVendor = new Map<string, Probe[]>();
  for (const probe of data.probes) {
    if (Date.parse(probe.sentAt) > asOfMs) continue;
    const list = probesByVendor.get(probe.vendorId) ?? [];
    list.push(probe);
    probesByVendor.set(probe.vendorId, list);
  }
  const evaluated = data.vendors
    .filter((vendor) => vendor.trialId === trial.id)
    .map((vendor) => {
      const probes = (probesByVendor.get(vendor.id) ?? []).sort(
        (a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt),
      );
      return evaluateVendor(vendor, probes, context);
    });
  evaluated.sort((a, b) => compareRanked(a.card, b.card));

  const withRobustness = options.robustness ?? true;
  const contenders: Contender[] = evaluated.map(({ card, columns, documents }) => ({
    id: card.vendorId,
    name: card.name,
    scores: scoreDimensions(columns, documents).scores,
  }));
  const shares = withRobustness
    ? winShares(contenders, seededRandom(`${trial.id}:weights`))
    : new Map<string, number>();

  const vendors = evaluated.map(({ card, columns, documents }, index): VendorScorecard => ({
    ...card,
    rank: index + 1,
    interval: withRobustness
      ? bootstrapInterval(
          columns,
          documents,
          trial.weights,
          seededRandom(`${trial.id}:bootstrap:${card.vendorId}`),
        )
      : null,
    winShare: withRobustness ? (shares.get(card.vendorId) ?? 0) : null,
  }));

  return {
    trialId: trial.id,
    model: SCORING_MODEL,
    asOf: new Date(asOfMs).toISOString(),
    weights: trial.weights,
    vendors,
    leaderFlip: withRobustness ? smallestLeaderFlip(contenders, trial.weights) : null,
    robustness: { resamples: BOOTSTRAP_RESAMPLES, weightDraws: WEIGHT_DRAWS, seed: trial.id },
  };
}
