/**
 * The key facts of a probe in the user's language, from its derived metrics (probeWithMetrics):
 * durations on the trial clock of its severity, set against the trial targets and the vendor's
 * own promises. Nothing here measures anything a second time.
 */
import { depthFromEvents, type probeWithMetrics } from '../../app/probes.js';
import type { Trial, Vendor } from '../../domain/schemas.js';
import type { ViewHelpers } from '../web/locals.js';

export type ProbeRead = Awaited<ReturnType<typeof probeWithMetrics>>;
type Helpers = Pick<ViewHelpers, 't' | 'fmt' | 'locale'>;
type Tone = 'ok' | 'risk' | 'bad';

export interface FactRow {
  id: string;
  label: string;
  value: string;
  details: string[];
  state?: { tone: Tone; label: string };
}

const withinTarget = (minutes: number, target: number, t: Helpers['t']) =>
  minutes <= target
    ? { tone: 'ok' as const, label: t('probe.state.withinTarget') }
    : { tone: 'bad' as const, label: t('probe.state.overTarget') };

function firstResponseFact(read: ProbeRead, trial: Trial, vendor: Vendor, h: Helpers): FactRow {
  const { t, fmt } = h;
  const { metrics } = read;
  const target = trial.targets[read.severity].firstResponseMinutes;
  const clock = t(`dash.clock.${metrics.clock}`);
  const promise = vendor.sla.responseTargets?.[read.severity];
  const promiseText = promise
    ? [
        t('probe.fact.vendorPromise', {
          minutes: fmt.duration(promise.minutes),
          coverage: t(`coverage.${promise.coverage}`),
        }),
      ]
    : [];
  const row = { id: 'first-response', label: t('probe.fact.firstResponse') };
  if (metrics.firstResponseAt !== null && metrics.firstResponseMinutes !== null) {
    return {
      ...row,
      value: fmt.instant(metrics.firstResponseAt, trial.timezone),
      details: [
        t('probe.fact.after', {
          minutes: fmt.duration(metrics.firstResponseMinutes),
          target: fmt.duration(target),
          clock,
        }),
        ...promiseText,
      ],
      state: withinTarget(metrics.firstResponseMinutes, target, t),
    };
  }
  const closed = metrics.outcome !== 'open';
  return {
    ...row,
    value: t(closed ? 'probe.fact.closedNoResponse' : 'probe.fact.noResponse'),
    details: [
      t('probe.fact.elapsed', {
        elapsed: fmt.duration(metrics.elapsedMinutes),
        target: fmt.duration(target),
        clock,
      }),
      ...promiseText,
    ],
    state:
      closed || metrics.elapsedMinutes > target
        ? { tone: 'bad', label: t('probe.state.overTarget') }
        : { tone: 'risk', label: t('probe.state.waiting') },
  };
}

function outcomeFact(read: ProbeRead, trial: Trial, h: Helpers): FactRow {
  const { t, fmt } = h;
  const { metrics } = read;
  const target = trial.targets[read.severity].resolutionMinutes;
  const row = { id: 'outcome', label: t('probe.fact.outcome'), value: t(`outcome.${metrics.outcome}`) };
  if (metrics.resolvedAt !== null && metrics.resolutionMinutes !== null) {
    const when = fmt.instant(metrics.resolvedAt, trial.timezone);
    const minutes = fmt.duration(metrics.resolutionMinutes);
    return target === null
      ? { ...row, details: [t('probe.fact.resolvedNoTarget', { when, minutes })] }
      : {
          ...row,
          details: [t('probe.fact.resolved', { when, minutes, target: fmt.duration(target) })],
          state: withinTarget(metrics.resolutionMinutes, target, t),
        };
  }
  if (metrics.closedAt !== null) {
    return {
      ...row,
      details: [t('probe.fact.closed', { when: fmt.instant(metrics.closedAt, trial.timezone) })],
      state: { tone: 'bad', label: t('outcome.unresolved') },
    };
  }
  const elapsed = fmt.duration(metrics.elapsedMinutes);
  return {
    ...row,
    details: [
      target === null
        ? t('probe.fact.openNoTarget', { elapsed })
        : t('probe.fact.open', { elapsed, target: fmt.duration(target) }),
    ],
  };
}

function escalationFact(read: ProbeRead, trial: Trial, h: Helpers): FactRow {
  const { t, fmt } = h;
  const { metrics } = read;
  const target = trial.targets[read.severity].escalationMinutes;
  const row = { id: 'escalation', label: t('probe.fact.escalation') };
  if (metrics.escalationRequestedAt === null) {
    return {
      ...row,
      value: t(metrics.everEscalated ? 'probe.fact.escalatedUnasked' : 'probe.fact.notRequested'),
      details: [],
    };
  }
  const value = t('probe.fact.requested', {
    when: fmt.instant(metrics.escalationRequestedAt, trial.timezone),
  });
  if (metrics.escalatedBeforeRequest) return { ...row, value, details: [t('probe.fact.escalatedBefore')] };
  if (metrics.escalatedAt !== null && metrics.escalationDelayMinutes !== null) {
    const escalated = t('probe.fact.escalated', {
      when: fmt.instant(metrics.escalatedAt, trial.timezone),
      delay: fmt.duration(metrics.escalationDelayMinutes),
    });
    return target === null
      ? { ...row, value, details: [escalated] }
      : {
          ...row,
          value,
          details: [escalated, t('probe.fact.target', { target: fmt.duration(target) })],
          state: withinTarget(metrics.escalationDelayMinutes, target, t),
        };
  }
  return {
    ...row,
    value,
    details: [
      target === null
        ? t('probe.fact.notEscalated')
        : t('probe.fact.notEscalatedTarget', { target: fmt.duration(target) }),
    ],
    state: { tone: 'risk', label: t('probe.state.waiting') },
  };
}

function silenceFact(read: ProbeRead, vendor: Vendor, h: Helpers): FactRow {
  const { t, fmt } = h;
  const silence = read.metrics.longestSilenceMinutes;
  const cadence = vendor.sla.updateCadence?.[read.severity]?.minutes;
  const row = { id: 'silence', label: t('probe.fact.silence') };
  const promise =
    cadence === undefined
      ? t('probe.fact.noCadence', { severity: read.severity })
      : t('probe.fact.cadence', { cadence: fmt.duration(cadence) });
  if (silence === null) return { ...row, value: t('probe.fact.noVendorEvent'), details: [promise] };
  return {
    ...row,
    value: fmt.duration(silence),
    details: [promise],
    ...(cadence === undefined
      ? {}
      : {
          state:
            silence <= cadence
              ? { tone: 'ok' as const, label: t('probe.state.withinPromise') }
              : { tone: 'bad' as const, label: t('probe.state.overPromise') },
        }),
  };
}

/** The facts a tech lead checks at a glance, durations on the trial clock of the probe's severity. */
export function keyFacts(read: ProbeRead, trial: Trial, vendor: Vendor, h: Helpers): FactRow[] {
  const { t, fmt } = h;
  const { metrics } = read;
  const shown = depthFromEvents(read, Date.parse(metrics.asOf));
  const rated = read.ratings.depth !== undefined;
  return [
    {
      id: 'sent',
      label: t('probe.fact.sent'),
      value: fmt.instant(read.sentAt, trial.timezone),
      details: [t(`channel.${read.channel}`)],
    },
    firstResponseFact(read, trial, vendor, h),
    {
      id: 'depth',
      label: t('probe.fact.depth'),
      value: `${metrics.depth} — ${t(`probe.depth.${metrics.depth}`)}`,
      details: [rated ? t('probe.fact.depthRated', { shown }) : t('probe.fact.depthFromEvents')],
    },
    outcomeFact(read, trial, h),
    {
      id: 'handoffs',
      label: t('probe.fact.handoffs'),
      value: String(metrics.handoffs),
      details: [],
      ...(metrics.handoffs > 1 ? { state: { tone: 'risk' as const, label: t('probe.state.bounced') } } : {}),
    },
    escalationFact(read, trial, h),
    silenceFact(read, vendor, h),
  ];
}
