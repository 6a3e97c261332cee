/**
 * The verdict (SPEC §5, "Verdict"): who the ranking points to, how firmly, and — unless the
 * choice is clear — what would settle it. The dashboard's headline and the first thing in the
 * comparison report.
 */
import type { Evidence } from './certainty.js';
import { SEVERITIES, type Scenario, type Severity } from './schemas.js';

export type VerdictStatus = 'clear' | 'leaning' | 'open' | 'none';

/**
 * Ahead-of-next thresholds. Clear needs the leader ahead of the next qualified vendor in 90%
 * of resamples and enough evidence; 70% is a lean; below that the two cannot be told apart.
 */
export const CLEAR_AHEAD_OF_NEXT = 0.9;
export const LEANING_AHEAD_OF_NEXT = 0.7;

/** One step towards a settled choice: send a scenario to a vendor, or finish a pending probe. */
export interface SettleStep {
  vendorId: string;
  scenarioId?: string;
  probeId?: string;
}

export interface Verdict {
  status: VerdictStatus;
  /** The leader: the best-ranked vendor not disqualified; null when every vendor is. */
  vendorId: string | null;
  /** The next-ranked vendor not disqualified; null when there is none. */
  nextVendorId: string | null;
  aheadOfNext: number | null;
  settle: SettleStep[];
}

/** A vendor as the verdict sees it, in rank order. */
export interface VerdictCandidate {
  vendorId: string;
  disqualified: boolean;
  evidence: Evidence;
  aheadOfNext: number | null;
}

/** A probe as the settle list sees it (probes sent after `asOf` are left out by the caller). */
export interface SettleProbe {
  probeId: string;
  vendorId: string;
  /** Only when the scenario is one of the trial's. */
  scenarioId?: string;
  severity: Severity;
  difficulty: 'known' | 'hard';
  /** Still waiting on an outcome in at least one dimension: its points are yet to come. */
  pending: boolean;
}

/** The status and the two contenders; the settle list comes from `whatWouldSettle`. */
export function verdictStatus(ranked: readonly VerdictCandidate[]): Omit<Verdict, 'settle'> {
  const qualified = ranked.filter((candidate) => !candidate.disqualified);
  const [leader, next] = qualified;
  if (!leader) return { status: 'none', vendorId: null, nextVendorId: null, aheadOfNext: null };
  const contenders = { vendorId: leader.vendorId, nextVendorId: next?.vendorId ?? null };
  if (!next) return { status: 'clear', ...contenders, aheadOfNext: null };
  const ahead = leader.aheadOfNext ?? 0;
  const status =
    leader.evidence === 'sufficient' && ahead >= CLEAR_AHEAD_OF_NEXT
      ? 'clear'
      : ahead >= LEANING_AHEAD_OF_NEXT
        ? 'leaning'
        : 'open';
  return { status, ...contenders, aheadOfNext: leader.aheadOfNext };
}

interface Ordered {
  step: SettleStep;
  severity: Severity;
  difficulty: 'known' | 'hard';
  kind: number;
  contender: number;
  order: number;
}

/** P0/P1 and hard first, then by severity, hard before known, sends before pending probes. */
function priority(a: Ordered, b: Ordered): number {
  const urgent = (item: Ordered) =>
    item.severity === 'P0' || item.severity === 'P1' || item.difficulty === 'hard' ? 0 : 1;
  return (
    urgent(a) - urgent(b) ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    (a.difficulty === 'hard' ? 0 : 1) - (b.difficulty === 'hard' ? 0 : 1) ||
    a.kind - b.kind ||
    a.order - b.order ||
    a.contender - b.contender
  );
}

/**
 * What would settle a choice between two contenders: each scenario not yet sent to both (a
 * step for each contender that lacks it) and each pending probe of theirs, most telling first.
 */
export function whatWouldSettle(
  contenders: readonly [string, string],
  scenarios: readonly Scenario[],
  probes: readonly SettleProbe[],
): SettleStep[] {
  const items: Ordered[] = [];
  scenarios.forEach((scenario, order) => {
    contenders.forEach((vendorId, contender) => {
      const sent = probes.some((probe) => probe.vendorId === vendorId && probe.scenarioId === scenario.id);
      if (sent) return;
      items.push({
        step: { vendorId, scenarioId: scenario.id },
        severity: scenario.severity,
        difficulty: scenario.difficulty,
        kind: 0,
        contender,
        order,
      });
    });
  });
  probes.forEach((probe, order) => {
    const contender = contenders.indexOf(probe.vendorId);
    if (contender < 0 || !probe.pending) return;
    items.push({
      step: {
        vendorId: probe.vendorId,
        ...(probe.scenarioId === undefined ? {} : { scenarioId: probe.scenarioId }),
        probeId: probe.probeId,
      },
      severity: probe.severity,
      difficulty: probe.difficulty,
      kind: 1,
      contender,
      order,
    });
  });
  return items.sort(priority).map((item) => item.step);
}

/** The verdict of a ranking: its status and contenders, and unless clear what would settle it. */
export function decideVerdict(
  ranked: readonly VerdictCandidate[],
  scenarios: readonly Scenario[],
  probes: readonly SettleProbe[],
): Verdict {
  const status = verdictStatus(ranked);
  const settle =
    status.status === 'clear' || status.vendorId === null || status.nextVendorId === null
      ? []
      : whatWouldSettle([status.vendorId, status.nextVendorId], scenarios, probes);
  return { ...status, settle };
}
