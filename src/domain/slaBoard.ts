/**
 * The live SLA board (SPEC §6): every open probe with its clock running — elapsed time
 * against the trial's target and against the vendor's own promise, each on its own clock,
 * marked breached, at risk (over 75% used) or ok.
 */
import { deriveProbeMetrics } from './metrics.js';
import type { Probe, Severity, Trial, Vendor } from './schemas.js';
import { createScoringContext } from './scoring/context.js';
import { CALENDAR_CLOCK, type SlaClock } from './time.js';

/** Past this share of the allowed time a probe is "at risk". */
export const AT_RISK_SHARE = 0.75;

export type BoardStatus = 'breached' | 'at_risk' | 'ok';

export interface BoardMeasure {
  /** Which clock: `calendar` or `business` for trial targets, `24x7` or `business` for promises. */
  clock: 'calendar' | 'business' | '24x7';
  elapsedMinutes: number;
  targetMinutes: number;
  ratio: number;
  dueAt: string | null;
  status: BoardStatus;
}

export interface BoardRow {
  probeId: string;
  vendorId: string;
  vendorName: string;
  title: string;
  severity: Severity;
  sentAt: string;
  /** Waiting for a first human reply, or for a resolution. */
  phase: 'response' | 'resolution';
  target: BoardMeasure | null;
  promise: BoardMeasure | null;
  status: BoardStatus | 'untimed';
}

const RANK: Record<BoardRow['status'], number> = { breached: 0, at_risk: 1, ok: 2, untimed: 3 };

function measure(
  clock: SlaClock,
  clockName: BoardMeasure['clock'],
  sentMs: number,
  asOfMs: number,
  targetMinutes: number,
): BoardMeasure {
  const elapsedMinutes = clock.minutesBetween(sentMs, asOfMs);
  const ratio = elapsedMinutes / targetMinutes;
  const due = clock.addMinutes(sentMs, targetMinutes);
  return {
    clock: clockName,
    elapsedMinutes,
    targetMinutes,
    ratio,
    dueAt: Number.isFinite(due) ? new Date(due).toISOString() : null,
    status: ratio > 1 ? 'breached' : ratio > AT_RISK_SHARE ? 'at_risk' : 'ok',
  };
}

function worst(...measures: (BoardMeasure | null)[]): BoardRow['status'] {
  const statuses = measures.filter((m): m is BoardMeasure => m !== null).map((m) => m.status);
  if (statuses.length === 0) return 'untimed';
  return statuses.reduce((a, b) => (RANK[a] <= RANK[b] ? a : b));
}

/** Open probes as of `asOfMs`, most urgent first. */
export function slaBoard(
  data: { trial: Trial; vendors: readonly Vendor[]; probes: readonly Probe[] },
  asOfMs: number,
): BoardRow[] {
  const context = createScoringContext(data.trial, asOfMs);
  const vendors = new Map(data.vendors.map((vendor) => [vendor.id, vendor]));
  const rows: BoardRow[] = [];
  for (const probe of data.probes) {
    const vendor = vendors.get(probe.vendorId);
    const sentMs = Date.parse(probe.sentAt);
    if (!vendor || sentMs > asOfMs) continue;
    const metrics = deriveProbeMetrics(probe, asOfMs);
    if (metrics.outcome !== 'open') continue;

    const phase = metrics.firstResponseAt === null ? 'response' : 'resolution';
    const targets = data.trial.targets[probe.severity];
    const targetMinutes = phase === 'response' ? targets.firstResponseMinutes : targets.resolutionMinutes;
    const target =
      targetMinutes === null
        ? null
        : measure(context.trialClock(probe.severity), targets.clock, sentMs, asOfMs, targetMinutes);

    const responsePromise = vendor.sla.responseTargets?.[probe.severity];
    const promiseMinutes =
      phase === 'response'
        ? responsePromise?.minutes
        : vendor.sla.resolutionTargets?.[probe.severity]?.minutes;
    const coverage = responsePromise?.coverage ?? '24x7';
    const promise =
      promiseMinutes === undefined
        ? null
        : measure(
            coverage === '24x7' ? CALENDAR_CLOCK : context.vendorBusinessClock(vendor),
            coverage,
            sentMs,
            asOfMs,
            promiseMinutes,
          );

    rows.push({
      probeId: probe.id,
      vendorId: vendor.id,
      vendorName: vendor.name,
      title: probe.title,
      severity: probe.severity,
      sentAt: probe.sentAt,
      phase,
      target,
      promise,
      status: worst(target, promise),
    });
  }
  const urgency = (row: BoardRow) => Math.max(row.target?.ratio ?? 0, row.promise?.ratio ?? 0);
  return rows.sort((a, b) => RANK[a.status] - RANK[b.status] || urgency(b) - urgency(a));
}
