/**
 * Waiting on us (SPEC §4, §5.2): the stretches in which the vendor waits for something from
 * the buyer. Under `sla-score/2` they do not count against the vendor in resolution and
 * escalation times, the way a helpdesk's "pending" status stops its SLA clock.
 */
import { instantMs } from './instant.js';
import type { ProbeEvent } from './schemas.js';
import type { SlaClock } from './time.js';

/** A wait [startMs, endMs); `open` when nothing ended it by asOf (then `endMs` is asOf). */
export interface Wait {
  startMs: number;
  endMs: number;
  open: boolean;
  /** The vendor's `info_request` that opened it. */
  startEventId: string;
  /** The buyer event that ended it; null while open. */
  endEventId: string | null;
}

/** Buyer events that answer the vendor, or settle the probe so there is nothing left to wait for. */
const ENDS_A_WAIT: ReadonlySet<string> = new Set([
  'info_provided',
  'confirmed_fixed',
  'confirmed_workaround',
  'closed_unresolved',
]);

/**
 * The waits of a timeline as of `asOfMs`. A vendor `info_request` opens a wait when none is
 * open; the next buyer `info_provided`, `confirmed_fixed`, `confirmed_workaround` or
 * `closed_unresolved` (time order, then recorded order) ends it; anything else, further
 * info requests included, leaves it open. `events` are in timeline order.
 */
export function probeWaits(events: readonly ProbeEvent[], asOfMs: number): Wait[] {
  const waits: Wait[] = [];
  // Plain locals rather than an "open wait" object: a scorecard reads every probe's waits.
  let waiting = false;
  let startMs = 0;
  let startEventId = '';
  for (const event of events) {
    // Only the events that open or end a wait are looked at, and only their time is read.
    if (
      waiting
        ? event.actor !== 'buyer' || !ENDS_A_WAIT.has(event.kind)
        : event.kind !== 'info_request' || event.actor !== 'vendor'
    )
      continue;
    const atMs = instantMs(event.at);
    if (atMs > asOfMs) break;
    if (waiting) {
      waits.push({ startMs, endMs: atMs, open: false, startEventId, endEventId: event.id });
      waiting = false;
    } else {
      waiting = true;
      startMs = atMs;
      startEventId = event.id;
    }
  }
  if (waiting)
    waits.push({ startMs, endMs: Math.max(startMs, asOfMs), open: true, startEventId, endEventId: null });
  return waits;
}

/** The wait open at `asOfMs` (the probe is "waiting on us"), if any. */
export function openWait(waits: readonly Wait[]): Wait | null {
  const last = waits[waits.length - 1];
  return last?.open ? last : null;
}

const MS_PER_MINUTE = 60_000;

/**
 * A clock's minutes back in whole milliseconds. Instants are whole milliseconds and both
 * clocks count whole milliseconds before dividing, so this is exact; adding and subtracting
 * milliseconds rather than fractional minutes keeps "exactly on target" exactly on target
 * (e.g. 120.016… − 0.016… minutes would not give 120 again).
 */
function clockMs(clock: SlaClock, fromMs: number, toMs: number): number {
  return Math.round(clock.minutesBetween(fromMs, toMs) * MS_PER_MINUTE);
}

function waitingMsBetween(clock: SlaClock, fromMs: number, toMs: number, waits: readonly Wait[]): number {
  let ms = 0;
  for (const wait of waits) {
    const start = Math.max(fromMs, wait.startMs);
    const end = Math.min(toMs, wait.endMs);
    if (end > start) ms += clockMs(clock, start, end);
  }
  return ms;
}

/** Minutes (on `clock`) of the waits that fall between two instants, counted inside the overlap only. */
export function waitingMinutesBetween(
  clock: SlaClock,
  fromMs: number,
  toMs: number,
  waits: readonly Wait[],
): number {
  return waitingMsBetween(clock, fromMs, toMs, waits) / MS_PER_MINUTE;
}

/**
 * A span between two instants on `clock` under §5.2: its effective minutes (the clock's
 * minutes minus those of each wait, counted inside the overlap only) and the waiting
 * minutes left out. Waits never overlap one another, so each minute is taken out once.
 */
export function effectiveSpan(
  clock: SlaClock,
  fromMs: number,
  toMs: number,
  waits: readonly Wait[],
): { minutes: number; waitedMinutes: number } {
  if (toMs <= fromMs) return { minutes: clock.minutesBetween(fromMs, toMs), waitedMinutes: 0 };
  const waitedMs = waitingMsBetween(clock, fromMs, toMs, waits);
  if (waitedMs === 0) return { minutes: clock.minutesBetween(fromMs, toMs), waitedMinutes: 0 };
  const effectiveMs = Math.max(0, clockMs(clock, fromMs, toMs) - waitedMs);
  return { minutes: effectiveMs / MS_PER_MINUTE, waitedMinutes: waitedMs / MS_PER_MINUTE };
}

/** Effective minutes between two instants (§5.2): the clock's minutes minus the waits inside them. */
export function effectiveMinutesBetween(
  clock: SlaClock,
  fromMs: number,
  toMs: number,
  waits: readonly Wait[],
): number {
  return effectiveSpan(clock, fromMs, toMs, waits).minutes;
}
