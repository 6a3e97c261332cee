import type { ProbeInstants, ProbeMetrics } from '../metrics.js';
import type { Probe } from '../schemas.js';
import type { ScoringContext } from './context.js';
import { counted, formatMinutes, pending, round, type Finding } from './finding.js';

/** Beyond this multiple of the target a reply, or the lack of one, earns nothing. */
export const RESPONSE_ZERO_RATIO = 4;

/**
 * How fast a human answers, as r = first response / target on the trial clock: on time earns
 * 100; late loses 40 points per target-length up to 2× (60 left), then 30 per target-length
 * until nothing is left at 4×. A continuous curve, so a minute late is not a cliff.
 */
export function responseCurve(ratio: number): number {
  if (ratio <= 1) return 100;
  if (ratio <= 2) return 100 - 40 * (ratio - 1);
  if (ratio <= RESPONSE_ZERO_RATIO) return 60 - 30 * (ratio - 2);
  return 0;
}

/**
 * Responsiveness of one probe. An auto-acknowledgement is not a response. Unanswered probes
 * count as 0 once 4× the target has passed or once they were closed without any reply;
 * until then they are pending (the vendor still has time).
 */
export function responsivenessFinding(
  probe: Probe,
  metrics: ProbeMetrics,
  instants: ProbeInstants,
  context: ScoringContext,
): Finding {
  const target = context.trial.targets[probe.severity].firstResponseMinutes;
  const clock = context.trialClock(probe.severity);
  const { sentMs, firstResponseMs } = instants;
  if (firstResponseMs !== null) {
    const minutes = clock.minutesBetween(sentMs, firstResponseMs);
    const ratio = minutes / target;
    const points = responseCurve(ratio);
    const facts = { minutes: round(minutes), target, ratio: round(ratio, 3) };
    return ratio <= 1
      ? counted(
          points,
          'response.on_time',
          facts,
          `First reply after ${formatMinutes(minutes)}, within the ${formatMinutes(target)} target.`,
        )
      : counted(
          points,
          'response.late',
          facts,
          `First reply after ${formatMinutes(minutes)}, ${round(ratio, 2)}× the ${formatMinutes(target)} target.`,
        );
  }
  if (metrics.outcome !== 'open') {
    return counted(0, 'response.closed_unanswered', { target }, 'Closed without any reply from the vendor.');
  }
  const elapsed = clock.minutesBetween(sentMs, context.asOfMs);
  const facts = { elapsed: round(elapsed), target };
  if (elapsed > RESPONSE_ZERO_RATIO * target) {
    return counted(
      0,
      'response.unanswered_overdue',
      facts,
      `No reply after ${formatMinutes(elapsed)}, more than ${RESPONSE_ZERO_RATIO}× the ${formatMinutes(target)} target.`,
    );
  }
  return pending(
    'response.awaiting',
    facts,
    `No reply yet after ${formatMinutes(elapsed)}; pending until ${RESPONSE_ZERO_RATIO}× the ${formatMinutes(target)} target.`,
  );
}
