import type { Outcome, ProbeInstants, ProbeMetrics } from '../metrics.js';
import type { Probe } from '../schemas.js';
import type { MeasuredSpan, ScoringContext } from './context.js';
import { counted, formatMinutes, pending, round, waitedNote, type Finding } from './finding.js';

/** Points per depth level (0 acknowledgement … 4 fix delivered). */
export const POINTS_PER_DEPTH = 25;
/** A workaround is help, but less than a fix; an unresolved probe keeps half its depth. */
export const OUTCOME_FACTOR: Record<Exclude<Outcome, 'open'>, number> = {
  fixed: 1,
  workaround: 0.85,
  unresolved: 0.5,
};
/** An open probe this many resolution targets old is judged unresolved. */
export const RESOLUTION_OVERDUE_RATIO = 4;

/** Resolved within target keeps everything, within 2× keeps 90%, later 75%. */
export function resolutionTimeFactor(ratio: number): number {
  if (ratio <= 1) return 1;
  if (ratio <= 2) return 0.9;
  return 0.75;
}

/**
 * How deep and effective the help was: 25 × depth, times the outcome factor, times the time
 * factor for a fix or workaround against the severity's resolution target.
 */
export function resolutionFinding(
  probe: Probe,
  metrics: ProbeMetrics,
  instants: ProbeInstants,
  context: ScoringContext,
): Finding {
  const target = context.trial.targets[probe.severity].resolutionMinutes;
  const { sentMs, resolvedMs } = instants;
  const base = POINTS_PER_DEPTH * metrics.depth;
  // Under sla-score/2 both the timeout's elapsed time and the resolution time leave out
  // waiting on us. `spanMinutes` is called directly rather than through a local arrow: under
  // tsx (esbuild's keepNames) every local arrow is named with `Object.defineProperty` each
  // time it is created, two thousand times a scorecard.
  let outcome = metrics.outcome;
  let overdue = false;
  let measured: MeasuredSpan | null = null;
  if (outcome === 'open') {
    measured = context.spanMinutes(probe.severity, sentMs, context.asOfMs, metrics.waits);
    const elapsed = measured.minutes;
    if (target === null || elapsed <= RESOLUTION_OVERDUE_RATIO * target) {
      const waitedMinutes = roundOrNull(measured.waitedMinutes);
      return pending(
        'resolution.open',
        { depth: metrics.depth, elapsed: round(elapsed), target, waitedMinutes },
        target === null
          ? `Still open after ${formatMinutes(elapsed)}${waitedNote(waitedMinutes)} (depth ${metrics.depth} so far).`
          : `Still open after ${formatMinutes(elapsed)}${waitedNote(waitedMinutes)}; pending until ${RESOLUTION_OVERDUE_RATIO}× the ${formatMinutes(target)} target.`,
      );
    }
    outcome = 'unresolved';
    overdue = true;
  }

  const outcomeFactor = OUTCOME_FACTOR[outcome];
  let timeFactor = 1;
  let minutes: number | null = null;
  if ((outcome === 'fixed' || outcome === 'workaround') && target !== null && resolvedMs !== null) {
    measured = context.spanMinutes(probe.severity, sentMs, resolvedMs, metrics.waits);
    minutes = measured.minutes;
    timeFactor = resolutionTimeFactor(minutes / target);
  }
  const points = base * outcomeFactor * timeFactor;
  const waitedMinutes = roundOrNull(measured?.waitedMinutes ?? null);
  const facts = {
    depth: metrics.depth,
    outcome,
    overdue,
    outcomeFactor,
    timeFactor,
    minutes: minutes === null ? null : round(minutes),
    target,
    ...(overdue && measured ? { elapsed: round(measured.minutes) } : {}),
    waitedMinutes,
  };
  const how = overdue
    ? `open past ${RESOLUTION_OVERDUE_RATIO}× the ${formatMinutes(target ?? 0)} target${waitedNote(waitedMinutes)}, judged unresolved`
    : minutes === null
      ? outcome
      : `${outcome} after ${formatMinutes(minutes)}${waitedNote(waitedMinutes)} against a ${formatMinutes(target ?? 0)} target`;
  return counted(
    points,
    `resolution.${overdue ? 'overdue' : outcome}`,
    facts,
    `Depth ${metrics.depth} (${base} points), ${how}: ${base} × ${outcomeFactor} × ${timeFactor} = ${round(points)}.`,
  );
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value);
}
