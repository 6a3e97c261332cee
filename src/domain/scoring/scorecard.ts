/**
 * The scorecard of a trial as of an instant (SPEC §5): a pipeline of pure steps —
 * probe metrics → per-probe findings → dimension scores → overall, rank and robustness.
 */
import { instantMs } from '../instant.js';
import { measureProbe } from '../metrics.js';
import { evidenceOf, JOINT_DRAWS, type Confidence, type Evidence } from '../certainty.js';
import { BOOTSTRAP_RESAMPLES, WEIGHT_DRAWS, type LeaderFlip } from '../robustness.js';
import {
  type Dimension,
  type Probe,
  type Scenario,
  type Severity,
  type ScoringModel,
  type Trial,
  type Vendor,
  type Weights,
} from '../schemas.js';
import { decideVerdict, type SettleProbe, type Verdict } from '../verdict.js';
import { compareRanked, overallScore } from './aggregate.js';
import { promiseKeptFinding, slaStrength, type StrengthItem } from './commitment.js';
import { createScoringContext, SEVERITY_WEIGHT, type ScoringContext } from './context.js';
import { scoreDimensions, type ProbeColumns } from './dimensions.js';
import { documentedEscalation, escalationFinding } from './escalation.js';
import type { Finding, FindingStatus } from './finding.js';
import { failedKnockouts, type KnockoutGate } from './knockouts.js';
import { resolutionFinding } from './resolution.js';
import { responsivenessFinding } from './responsiveness.js';
import { rankingUncertainty, type VendorUncertainty } from './uncertainty.js';

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
  /** Null when robustness was not computed (and when nothing was measured). */
  interval: { low: number; high: number } | null;
  /** Null when robustness was not computed (this and every figure below). */
  winShare: number | null;
  firstShare: number | null;
  /** Also null for the last vendor not disqualified and for disqualified vendors. */
  aheadOfNext: number | null;
  confidence: Confidence | null;
  /** Probes that count in at least one dimension. */
  countedProbes: number;
  evidence: Evidence;
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
  /** The trial's scoring model the figures were computed with (SPEC §5). */
  model: ScoringModel;
  asOf: string;
  weights: Weights;
  vendors: VendorScorecard[];
  leaderFlip: LeaderFlip | null;
  /** Null when robustness was not computed. */
  verdict: Verdict | null;
  robustness: { resamples: number; weightDraws: number; jointDraws: number; seed: string };
}

export interface TrialData {
  trial: Trial;
  vendors: readonly Vendor[];
  probes: readonly Probe[];
  /** For the verdict's settle list: scenarios not yet sent to both contenders. */
  scenarios?: readonly Scenario[];
}

/** A probe with its sending time, parsed once when the probes are sorted. */
interface SentProbe {
  probe: Probe;
  sentMs: number;
}

function scoreProbe({ probe, sentMs }: SentProbe, vendor: Vendor, context: ScoringContext): ProbeScore {
  const { metrics, instants } = measureProbe(probe, context.asOfMs, sentMs);
  const findings: Record<Dimension, Finding> = {
    responsiveness: responsivenessFinding(probe, metrics, instants, context),
    resolution: resolutionFinding(probe, metrics, instants, context),
    escalation: escalationFinding(probe, metrics, instants, context),
    commitment: promiseKeptFinding(probe, metrics, instants, vendor, context),
  };
  // Written out in DIMENSIONS order rather than filled key by key: one object shape for
  // every probe, and no store under a computed key, two thousand times a scorecard.
  const { responsiveness, resolution, escalation, commitment } = findings;
  const points: Record<Dimension, number | null> = {
    responsiveness: responsiveness.points,
    resolution: resolution.points,
    escalation: escalation.points,
    commitment: commitment.points,
  };
  const explanation: Record<Dimension, string> = {
    responsiveness: responsiveness.text,
    resolution: resolution.text,
    escalation: escalation.text,
    commitment: commitment.text,
  };
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

/** A finding's points where it counts, NaN where it does not. */
function countedPoints(finding: Finding): number {
  return finding.status === 'counted' ? (finding.points ?? 0) : Number.NaN;
}

function toColumns(probes: readonly ProbeScore[]): ProbeColumns {
  const count = probes.length;
  const columns: ProbeColumns = {
    weight: new Float64Array(count),
    responsiveness: new Float64Array(count),
    resolution: new Float64Array(count),
    escalation: new Float64Array(count),
    commitment: new Float64Array(count),
  };
  probes.forEach((probe, index) => {
    const { findings } = probe;
    columns.weight[index] = probe.weight;
    columns.responsiveness[index] = countedPoints(findings.responsiveness);
    columns.resolution[index] = countedPoints(findings.resolution);
    columns.escalation[index] = countedPoints(findings.escalation);
    columns.commitment[index] = countedPoints(findings.commitment);
  });
  return columns;
}

/** Counts without an array per question: a scorecard asks a dozen of them of every vendor. */
function countProbes(probes: readonly ProbeScore[], matches: (probe: ProbeScore) => boolean): number {
  let count = 0;
  for (const probe of probes) if (matches(probe)) count++;
  return count;
}

function tally(probes: readonly ProbeScore[], dimension: Dimension, score: number | null): Tally {
  return {
    score,
    counted: countProbes(probes, (probe) => probe.findings[dimension].status === 'counted'),
    pending: countProbes(probes, (probe) => probe.findings[dimension].status === 'pending'),
  };
}

/** Whether any of the probe's four findings has `status`. */
function hasFinding(probe: ProbeScore, status: FindingStatus): boolean {
  const { responsiveness, resolution, escalation, commitment } = probe.findings;
  return (
    responsiveness.status === status ||
    resolution.status === status ||
    escalation.status === status ||
    commitment.status === status
  );
}

type Uncertain = 'interval' | 'winShare' | 'firstShare' | 'aheadOfNext' | 'confidence';

interface Evaluated {
  card: Omit<VendorScorecard, 'rank' | Uncertain>;
  columns: ProbeColumns;
  documents: { documented: number; strength: number };
  settleProbes: SettleProbe[];
}

function evaluateVendor(
  vendor: Vendor,
  sentProbes: readonly SentProbe[],
  context: ScoringContext,
): Evaluated {
  const scored = sentProbes.map((sent) => scoreProbe(sent, vendor, context));
  const columns = toColumns(scored);
  const { strength, items } = slaStrength(vendor.sla, context.trial.targets);
  const documents = { documented: documentedEscalation(vendor.sla), strength };
  const totals = scoreDimensions(columns, documents);
  const commitmentTally = tally(scored, 'commitment', totals.scores.commitment);
  const kept = countProbes(
    scored,
    (probe) => probe.findings.commitment.status === 'counted' && probe.points.commitment === 100,
  );
  const failedGates = failedKnockouts(vendor.sla, context.trial.knockouts);
  const countedProbes = countProbes(scored, (probe) => hasFinding(probe, 'counted'));
  const settleProbes = sentProbes.map(({ probe }, index): SettleProbe => ({
    probeId: probe.id,
    vendorId: vendor.id,
    scenarioId: probe.scenarioId,
    severity: probe.severity,
    difficulty: probe.difficulty,
    pending: scored[index] !== undefined && hasFinding(scored[index], 'pending'),
  }));
  return {
    columns,
    documents,
    settleProbes,
    card: {
      vendorId: vendor.id,
      name: vendor.name,
      overall: overallScore(totals.scores, context.trial.weights),
      countedProbes,
      evidence: evidenceOf(countedProbes),
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

/** A vendor's robustness figures; all null when robustness was not computed. */
function uncertainFigures(figures: VendorUncertainty | undefined): Pick<VendorScorecard, Uncertain> {
  return {
    interval: figures?.interval ?? null,
    winShare: figures?.winShare ?? null,
    firstShare: figures?.firstShare ?? null,
    aheadOfNext: figures?.aheadOfNext ?? null,
    confidence: figures?.confidence ?? null,
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
  // Each probe's sending time is parsed once: sorting by re-parsed timestamps in the
  // comparator was a tenth of the whole scorecard.
  const probesByVendor = new Map<string, SentProbe[]>();
  for (const probe of data.probes) {
    const sentMs = instantMs(probe.sentAt);
    if (sentMs > asOfMs) continue;
    let list = probesByVendor.get(probe.vendorId);
    if (!list) {
      list = [];
      probesByVendor.set(probe.vendorId, list);
    }
    list.push({ probe, sentMs });
  }
  const evaluated = data.vendors
    .filter((vendor) => vendor.trialId === trial.id)
    .map((vendor) => {
      const probes = (probesByVendor.get(vendor.id) ?? []).sort((a, b) => a.sentMs - b.sentMs);
      return evaluateVendor(vendor, probes, context);
    });
  evaluated.sort((a, b) => compareRanked(a.card, b.card));

  const uncertainty =
    (options.robustness ?? true)
      ? rankingUncertainty(
          trial.id,
          trial.weights,
          evaluated.map(({ card, columns, documents }) => ({ ...card, columns, documents })),
        )
      : null;
  const vendors = evaluated.map(({ card }, index): VendorScorecard => ({
    ...card,
    rank: index + 1,
    ...uncertainFigures(uncertainty?.vendors.get(card.vendorId)),
  }));
  const verdict = uncertainty
    ? decideVerdict(
        vendors,
        data.scenarios ?? [],
        evaluated.flatMap((vendor) => vendor.settleProbes),
      )
    : null;

  return {
    trialId: trial.id,
    model: context.model,
    asOf: new Date(asOfMs).toISOString(),
    weights: trial.weights,
    vendors,
    leaderFlip: uncertainty?.leaderFlip ?? null,
    verdict,
    robustness: {
      resamples: BOOTSTRAP_RESAMPLES,
      weightDraws: WEIGHT_DRAWS,
      jointDraws: JOINT_DRAWS,
      seed: trial.id,
    },
  };
}
