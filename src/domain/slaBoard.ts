/**
 * The live SLA board (SPEC §6): every open probe with its clock running — elapsed time
 * against the trial's target and against the vendor's own promise, each on its own clock,
 * marked breached, at risk (over 75% used) or ok. A probe whose vendor waits for us (§4) is
 * "waiting on us"; under `sla-score/2` its resolution clocks stop for every wait (§5.2), the
 * way the score will count them, so the board never calls a vendor late for our own delay.
 */
import { deriveProbeMetrics } from './metrics.js';
import type { Probe, ScoringModel, Severity, Trial, Vendor } from './schemas.js';
import { createScoringContext } from './scoring/context.js';
import { CALENDAR_CLOCK, type SlaClock } from './time.js';
import { effectiveMinutesBetween, openWait, type Wait } from './waits.js';

/** Past this share of the allowed time a probe is "at risk". */
export const AT_RISK_SHARE = 0.75;

export type BoardStatus = 'breached' | 'at_risk' | 'ok';

/** Every status a row can have: `untimed` when neither a target nor a promise runs a clock. */
export const BOARD_ROW_STATUSES = ['breached', 'at_risk', 'ok', 'untimed'] as const;
/**
 * What the probe waits for: the vendor's first human reply, its resolution, or us (the vendor
 * asked for information and we have not answered; an info request is a first response, so
 * only a probe past its first reply can wait on us).
 */
export const BOARD_PHASES = ['response', 'resolution', 'on_us'] as const;
/** How the board can be ordered; `status` (most urgent first) is the board's own order. */
export const BOARD_SORTS = ['status', 'due', 'severity', 'vendor'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export interface BoardMeasure {
  /** Which clock: `calendar` or `business` for trial targets, `24x7` or `business` for promises. */
  clock: 'calendar' | 'business' | '24x7';
  elapsedMinutes: number;
  targetMinutes: number;
  ratio: number;
  dueAt: string | null;
  /** When more than AT_RISK_SHARE of the time is used (on the same clock, after the same waits); alerts fire from it. */
  atRiskAt: string | null;
  status: BoardStatus;
  /** The clock stands still: waiting on us under a model that does not count it. */
  paused: boolean;
}

export interface BoardRow {
  probeId: string;
  vendorId: string;
  vendorName: string;
  title: string;
  severity: Severity;
  sentAt: string;
  /** Waiting for a first human reply, or for a resolution. */
  phase: (typeof BOARD_PHASES)[number];
  /** When the open wait on us began (the vendor's info request), null when none is open. */
  waitingSince: string | null;
  target: BoardMeasure | null;
  promise: BoardMeasure | null;
  status: (typeof BOARD_ROW_STATUSES)[number];
}

const RANK: Record<BoardRow['status'], number> = { breached: 0, at_risk: 1, ok: 2, untimed: 3 };

/**
 * The instant `minutes` (on `clock`) run out after `fromMs` when the clock stops during
 * `waits` (in time order): each wait that starts before the time is up pushes it back by the
 * wait's length. While a wait is open (it ends at asOf) this is when time would run out if we
 * answered now.
 */
export function dueAfterWaits(
  clock: SlaClock,
  fromMs: number,
  minutes: number,
  waits: readonly Wait[],
): number {
  let cursor = fromMs;
  let left = minutes;
  for (const wait of waits) {
    if (wait.endMs <= cursor) continue;
    const due = clock.addMinutes(cursor, left);
    if (wait.startMs >= due) return due;
    left -= clock.minutesBetween(cursor, Math.max(cursor, wait.startMs));
    cursor = wait.endMs;
  }
  return clock.addMinutes(cursor, left);
}

/** One clock of a row; `waits` are left out of it (empty when waiting on us counts). */
function measure(
  clock: SlaClock,
  clockName: BoardMeasure['clock'],
  sentMs: number,
  asOfMs: number,
  targetMinutes: number,
  waits: readonly Wait[],
): BoardMeasure {
  const elapsedMinutes = effectiveMinutesBetween(clock, sentMs, asOfMs, waits);
  const ratio = elapsedMinutes / targetMinutes;
  const due = dueAfterWaits(clock, sentMs, targetMinutes, waits);
  const atRisk = dueAfterWaits(clock, sentMs, targetMinutes * AT_RISK_SHARE, waits);
  return {
    clock: clockName,
    elapsedMinutes,
    targetMinutes,
    ratio,
    dueAt: Number.isFinite(due) ? new Date(due).toISOString() : null,
    atRiskAt: Number.isFinite(atRisk) ? new Date(atRisk).toISOString() : null,
    status: ratio > 1 ? 'breached' : ratio > AT_RISK_SHARE ? 'at_risk' : 'ok',
    paused: openWait(waits) !== null,
  };
}

/** Whether a model stops the resolution clocks while the vendor waits on us (§5.2). */
export const pausesForWaits = (model: ScoringModel): boolean => model !== 'sla-score/1';

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

    const { waits } = metrics;
    const waitingOn = openWait(waits);
    const phase = metrics.firstResponseAt === null ? 'response' : waitingOn ? 'on_us' : 'resolution';
    // The first-reply clock never pauses: the info request that opens a wait is the reply.
    const paused = phase !== 'response' && pausesForWaits(data.trial.model) ? waits : [];
    const targets = data.trial.targets[probe.severity];
    const targetMinutes = phase === 'response' ? targets.firstResponseMinutes : targets.resolutionMinutes;
    const target =
      targetMinutes === null
        ? null
        : measure(context.trialClock(probe.severity), targets.clock, sentMs, asOfMs, targetMinutes, paused);

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
            paused,
          );

    rows.push({
      probeId: probe.id,
      vendorId: vendor.id,
      vendorName: vendor.name,
      title: probe.title,
      severity: probe.severity,
      sentAt: probe.sentAt,
      phase,
      waitingSince: waitingOn ? new Date(waitingOn.startMs).toISOString() : null,
      target,
      promise,
      status: worst(target, promise),
    });
  }
  const urgency = (row: BoardRow) => Math.max(row.target?.ratio ?? 0, row.promise?.ratio ?? 0);
  return rows.sort((a, b) => RANK[a.status] - RANK[b.status] || urgency(b) - urgency(a));
}

/** What the board shows; an absent criterion lets every row through. */
export interface BoardFilter {
  status?: BoardRow['status'];
  vendorId?: string;
  severity?: Severity;
  phase?: BoardRow['phase'];
}

export function filterBoard(rows: readonly BoardRow[], filter: BoardFilter): BoardRow[] {
  return rows.filter(
    (row) =>
      (filter.status === undefined || row.status === filter.status) &&
      (filter.vendorId === undefined || row.vendorId === filter.vendorId) &&
      (filter.severity === undefined || row.severity === filter.severity) &&
      (filter.phase === undefined || row.phase === filter.phase),
  );
}

/**
 * When the row's first clock runs out: the earlier of the target's and the promise's due
 * instants, in the past once breached. Null when no clock can run out (no target, no promise).
 */
export function breachAtMs(row: BoardRow): number | null {
  const due = [row.target?.dueAt, row.promise?.dueAt]
    .filter((at): at is string => typeof at === 'string')
    .map((at) => Date.parse(at));
  return due.length === 0 ? null : Math.min(...due);
}

const SEVERITY_ORDER: Record<Severity, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };

/**
 * The board in the order asked for. `due` puts the longest overdue first, then the soonest to
 * breach, and rows without a clock last; `severity` P0 first; `vendor` by name. Ties keep the
 * board's own order (most urgent first), so every order still reads worst-first within a group.
 */
export function sortBoard(rows: readonly BoardRow[], sort: BoardSort): BoardRow[] {
  const due = (row: BoardRow) => breachAtMs(row) ?? Number.POSITIVE_INFINITY;
  const byDue = (a: BoardRow, b: BoardRow) => (due(a) === due(b) ? 0 : due(a) < due(b) ? -1 : 1);
  const compare: Record<BoardSort, ((a: BoardRow, b: BoardRow) => number) | null> = {
    status: null,
    due: byDue,
    severity: (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
    vendor: (a, b) => a.vendorName.localeCompare(b.vendorName),
  };
  const order = compare[sort];
  // Array.prototype.sort is stable: equal rows keep the board's urgency order.
  return order === null ? [...rows] : [...rows].sort(order);
}
