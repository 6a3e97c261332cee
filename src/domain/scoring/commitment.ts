import type { ProbeInstants, ProbeMetrics } from '../metrics.js';
import { CALENDAR_CLOCK } from '../time.js';
import { SEVERITIES, type Probe, type SlaClauses, type Targets, type Vendor } from '../schemas.js';
import type { ScoringContext } from './context.js';
import { counted, formatMinutes, notApplicable, pending, type Finding } from './finding.js';

/** Points of SLA strength per clause; they add up to 100. */
export const STRENGTH_POINTS = {
  severityDefinitions: 10,
  responseTargetPerSeverity: 6.25,
  p0Coverage24x7: 10,
  resolutionOrCadence: 10,
  escalationPath: 5,
  escalationPathTimed: 5,
  serviceCredits: 15,
  dedicatedCsm: 5,
  proactiveReports: 5,
  rcaCommitment: 5,
  directChannel: 5,
} as const;

/** The SLA strength counts 60%, the share of promises kept 40%. */
export const STRENGTH_SHARE = 0.6;

export interface StrengthItem {
  clause: string;
  points: number;
  max: number;
}

/**
 * How strong the SLA is (0–100). A response promise earns full points when it is within the
 * trial target and its coverage fits (a calendar-clock severity needs 24x7), half when within
 * 2× the target, else nothing.
 */
export function slaStrength(sla: SlaClauses, targets: Targets): { strength: number; items: StrengthItem[] } {
  const items: StrengthItem[] = [];
  const add = (clause: string, earned: boolean | number, max: number) =>
    items.push({ clause, points: typeof earned === 'number' ? earned : earned ? max : 0, max });

  add('severityDefinitions', sla.severityDefinitions === true, STRENGTH_POINTS.severityDefinitions);
  for (const severity of SEVERITIES) {
    const promise = sla.responseTargets?.[severity];
    const target = targets[severity];
    const full = STRENGTH_POINTS.responseTargetPerSeverity;
    let points = 0;
    if (promise) {
      const coverageFits = target.clock === 'business' || promise.coverage === '24x7';
      if (promise.minutes <= target.firstResponseMinutes && coverageFits) points = full;
      else if (promise.minutes <= 2 * target.firstResponseMinutes) points = full / 2;
    }
    add(`responseTarget.${severity}`, points, full);
  }
  add('p0Coverage24x7', sla.responseTargets?.P0?.coverage === '24x7', STRENGTH_POINTS.p0Coverage24x7);
  const hasResolutionOrCadence = SEVERITIES.some(
    (severity) =>
      sla.resolutionTargets?.[severity] !== undefined || sla.updateCadence?.[severity] !== undefined,
  );
  add('resolutionOrCadence', hasResolutionOrCadence, STRENGTH_POINTS.resolutionOrCadence);
  const path = sla.escalationPath ?? [];
  add('escalationPath', path.length >= 1, STRENGTH_POINTS.escalationPath);
  add(
    'escalationPathTimed',
    path.length >= 1 && path.every((level) => level.afterMinutes !== undefined),
    STRENGTH_POINTS.escalationPathTimed,
  );
  add('serviceCredits', sla.serviceCredits?.offered === true, STRENGTH_POINTS.serviceCredits);
  add('dedicatedCsm', sla.channels?.dedicatedCsm === true, STRENGTH_POINTS.dedicatedCsm);
  add('proactiveReports', sla.proactiveReports === true, STRENGTH_POINTS.proactiveReports);
  add('rcaCommitment', sla.rcaCommitment === true, STRENGTH_POINTS.rcaCommitment);
  add(
    'directChannel',
    sla.channels?.hotline24x7 === true || sla.channels?.imGroup === true,
    STRENGTH_POINTS.directChannel,
  );
  return { strength: items.reduce((sum, item) => sum + item.points, 0), items };
}

/**
 * Does the vendor keep its own response promise? Measured on the promise's clock: 24x7 is
 * elapsed time, business is the vendor's support hours. 100 when kept, 0 when broken.
 */
export function promiseKeptFinding(
  probe: Probe,
  metrics: ProbeMetrics,
  instants: ProbeInstants,
  vendor: Vendor,
  context: ScoringContext,
): Finding {
  const promise = vendor.sla.responseTargets?.[probe.severity];
  if (!promise) {
    return notApplicable(
      'promise.none',
      { severity: probe.severity },
      `No response promise for ${probe.severity}.`,
    );
  }
  const clock = promise.coverage === '24x7' ? CALENDAR_CLOCK : context.vendorBusinessClock(vendor);
  const { sentMs, firstResponseMs } = instants;
  const clockName = promise.coverage === '24x7' ? '24x7' : 'support hours';
  if (firstResponseMs !== null) {
    const minutes = clock.minutesBetween(sentMs, firstResponseMs);
    const facts = { minutes, promise: promise.minutes, coverage: promise.coverage };
    return minutes <= promise.minutes
      ? counted(
          100,
          'promise.kept',
          facts,
          `Replied in ${formatMinutes(minutes)} (${clockName}), promise ${formatMinutes(promise.minutes)}: kept.`,
        )
      : counted(
          0,
          'promise.broken',
          facts,
          `Replied in ${formatMinutes(minutes)} (${clockName}), promise ${formatMinutes(promise.minutes)}: broken.`,
        );
  }
  if (metrics.outcome !== 'open') {
    return counted(
      0,
      'promise.closed_unanswered',
      { promise: promise.minutes },
      'Closed without any reply: promise broken.',
    );
  }
  const elapsed = clock.minutesBetween(sentMs, context.asOfMs);
  const facts = { elapsed, promise: promise.minutes, coverage: promise.coverage };
  return elapsed > promise.minutes
    ? counted(
        0,
        'promise.overdue',
        facts,
        `No reply after ${formatMinutes(elapsed)} (${clockName}), promise ${formatMinutes(promise.minutes)}: broken.`,
      )
    : pending(
        'promise.awaiting',
        facts,
        `No reply yet, ${formatMinutes(elapsed)} of the ${formatMinutes(promise.minutes)} promise used.`,
      );
}
