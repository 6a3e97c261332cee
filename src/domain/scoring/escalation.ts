import type { ProbeInstants, ProbeMetrics } from '../metrics.js';
import type { Probe, SlaClauses } from '../schemas.js';
import type { ScoringContext } from './context.js';
import { counted, formatMinutes, notApplicable, round, waitedNote, type Finding } from './finding.js';

/** Each hand-off after the first is ticket ping-pong (seed 004): it costs 20 points. */
export const PENALTY_PER_EXTRA_HANDOFF = 20;
/** The vendor escalated, but later than the severity's escalation target. */
export const PENALTY_LATE_ESCALATION = 30;
/** We asked, the target has passed, and the vendor never escalated. */
export const PENALTY_IGNORED_REQUEST = 50;
/** A hard problem, never escalated to anyone who could fix it, and not fixed. */
export const PENALTY_HARD_NOT_ESCALATED = 30;
/** The documented path counts 30%, what the probes showed 70%. */
export const DOCUMENTED_SHARE = 0.3;

/** Is the escalation path exercised by this probe? */
export function isEscalationRelevant(probe: Probe, metrics: ProbeMetrics): boolean {
  return (
    metrics.handoffs > 0 ||
    metrics.escalationRequestedAt !== null ||
    metrics.everEscalated ||
    probe.difficulty === 'hard'
  );
}

/**
 * Does the escalation path work, or does the ticket bounce? Starts at 100 and takes off
 * points for extra hand-offs, a late or ignored escalation request, and a hard problem
 * left unfixed without escalation. Probes that never touch the path are not applicable.
 */
export function escalationFinding(
  probe: Probe,
  metrics: ProbeMetrics,
  instants: ProbeInstants,
  context: ScoringContext,
): Finding {
  if (!isEscalationRelevant(probe, metrics)) {
    return notApplicable(
      'escalation.not_relevant',
      {},
      'No hand-off, escalation or hard problem: path not exercised.',
    );
  }
  const reasons: string[] = [];
  let points = 100;

  const extraHandoffs = Math.max(0, metrics.handoffs - 1);
  if (extraHandoffs > 0) {
    points -= PENALTY_PER_EXTRA_HANDOFF * extraHandoffs;
    reasons.push(`${metrics.handoffs} hand-offs (−${PENALTY_PER_EXTRA_HANDOFF * extraHandoffs})`);
  }

  const target = context.trial.targets[probe.severity].escalationMinutes;
  // Under sla-score/2 the delay and the −50 rule's elapsed time leave out waiting on us.
  // Called directly rather than through a local arrow: under tsx (esbuild's keepNames) every
  // local arrow is named with `Object.defineProperty` each time, two thousand times a scorecard.
  let delay: number | null = null;
  let elapsed: number | null = null;
  let waitedMinutes: number | null = null;
  let late = false;
  let ignored = false;
  const { escalationRequestedMs: requestMs, escalatedMs } = instants;
  if (requestMs !== null) {
    if (metrics.escalatedBeforeRequest) {
      reasons.push('escalated before we asked');
    } else if (escalatedMs !== null) {
      const measured = context.spanMinutes(probe.severity, requestMs, escalatedMs, metrics.waits);
      delay = measured.minutes;
      waitedMinutes = measured.waitedMinutes;
      late = target !== null && delay > target;
      const waited = waitedNote(waitedMinutes);
      if (late) {
        points -= PENALTY_LATE_ESCALATION;
        reasons.push(
          `escalated ${formatMinutes(delay)} after our request${waited}, over the ${formatMinutes(target ?? 0)} target (−${PENALTY_LATE_ESCALATION})`,
        );
      } else {
        reasons.push(`escalated ${formatMinutes(delay)} after our request${waited}`);
      }
    } else if (target !== null) {
      const measured = context.spanMinutes(probe.severity, requestMs, context.asOfMs, metrics.waits);
      elapsed = measured.minutes;
      waitedMinutes = measured.waitedMinutes;
      const waited = waitedNote(waitedMinutes);
      if (elapsed > target) {
        ignored = true;
        points -= PENALTY_IGNORED_REQUEST;
        reasons.push(
          `our escalation request was not acted on within ${formatMinutes(target)}${waited} (−${PENALTY_IGNORED_REQUEST})`,
        );
      } else {
        reasons.push(`escalation requested, vendor still within its target${waited}`);
      }
    } else {
      reasons.push('escalation requested, vendor still within its target');
    }
  }

  const hardUnescalated =
    probe.difficulty === 'hard' && !metrics.everEscalated && metrics.outcome !== 'fixed';
  if (hardUnescalated) {
    points -= PENALTY_HARD_NOT_ESCALATED;
    reasons.push(`hard problem, never escalated and not fixed (−${PENALTY_HARD_NOT_ESCALATED})`);
  }

  points = Math.min(100, Math.max(0, points));
  const facts = {
    handoffs: metrics.handoffs,
    requested: metrics.escalationRequestedAt !== null,
    escalatedBeforeRequest: metrics.escalatedBeforeRequest,
    delay,
    elapsed: elapsed === null ? null : round(elapsed),
    waitedMinutes: waitedMinutes === null ? null : round(waitedMinutes),
    target,
    late,
    ignored,
    hardUnescalated,
    points,
  };
  const why = reasons.length > 0 ? reasons.join('; ') : 'path exercised without trouble';
  return counted(points, 'escalation.exercised', facts, `${capitalise(why)}: ${points} points.`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What the SLA document promises about escalation: 40 for a path, +20 for a second level,
 * +20 when every level names a contact, +20 when every level has a time limit.
 */
export function documentedEscalation(sla: SlaClauses): number {
  const path = sla.escalationPath ?? [];
  if (path.length === 0) return 0;
  let points = 40;
  if (path.length >= 2) points += 20;
  if (path.every((level) => level.contact !== undefined && level.contact.trim() !== '')) points += 20;
  if (path.every((level) => level.afterMinutes !== undefined)) points += 20;
  return points;
}
