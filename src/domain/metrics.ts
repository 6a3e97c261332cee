/**
 * Derived probe metrics (SPEC §4), computed from the events recorded up to `asOf`.
 * Events after `asOf` are ignored so a past `asOf` shows the probe as it stood then.
 */
import { instantMs } from './instant.js';
import { isVendorKind, VENDOR_EVENT_DEPTH, type Probe, type ProbeEvent } from './schemas.js';
import { openWait, probeWaits, type Wait } from './waits.js';

export type Outcome = 'open' | 'fixed' | 'workaround' | 'unresolved';

export interface ProbeMetrics {
  /** Events up to asOf, in recorded order (sorted by time, ties in the order recorded). */
  events: ProbeEvent[];
  firstResponseAt: string | null;
  /** Ratings' depth, else the median of the evaluators' votes (2.5 possible), else the deepest vendor event. */
  depth: number;
  outcome: Outcome;
  /** When the buyer confirmed a fix or workaround. */
  resolvedAt: string | null;
  /** When the outcome was settled (fixed, workaround or closed unresolved). */
  closedAt: string | null;
  handoffs: number;
  escalationRequestedAt: string | null;
  /** First vendor escalation at or after the request. */
  escalatedAt: string | null;
  /** Any vendor escalation before the buyer asked for one. */
  escalatedBeforeRequest: boolean;
  /** Any vendor escalation at all. */
  everEscalated: boolean;
  /** Longest gap between consecutive vendor events while the probe was open, in calendar minutes. */
  longestSilenceMinutes: number | null;
  /** Waiting on us (§4): stretches the vendor waited for us; an open one ends at asOf. */
  waits: Wait[];
  /** A wait is open at asOf: the ball is in our court. */
  waitingOnUs: boolean;
}

/**
 * The instants the scoring rules measure between, as epoch milliseconds, read during the walk
 * that derives the metrics: each rule parsing its timestamps again was about a twentieth of a
 * scorecard. Kept beside `ProbeMetrics` rather than in it: the probe API returns the metrics
 * field by field.
 */
export interface ProbeInstants {
  sentMs: number;
  firstResponseMs: number | null;
  resolvedMs: number | null;
  escalationRequestedMs: number | null;
  escalatedMs: number | null;
}

/** A probe's metrics with the instants behind them, for the scoring rules. */
export interface MeasuredProbe {
  metrics: ProbeMetrics;
  instants: ProbeInstants;
}

const OUTCOME_OF_BUYER_EVENT: Partial<Record<string, Outcome>> = {
  confirmed_fixed: 'fixed',
  confirmed_workaround: 'workaround',
  closed_unresolved: 'unresolved',
};

/**
 * The depth each vendor event kind shows, read once: under a loader that compiles imports to
 * namespace getters (tsx), a read per event of every probe would be a getter call each.
 */
const DEPTH_OF_VENDOR_KIND: ReadonlyMap<string, number> = new Map(Object.entries(VENDOR_EVENT_DEPTH));

export function eventsAsOf(probe: Probe, asOfMs: number): ProbeEvent[] {
  return probe.events.filter((event) => instantMs(event.at) <= asOfMs);
}

/** The metrics alone, for the callers that show them (pages, reports, the live board). */
export function deriveProbeMetrics(probe: Probe, asOfMs: number): ProbeMetrics {
  return measureProbe(probe, asOfMs).metrics;
}

/**
 * One walk over the timeline: each event's time is parsed once (a scorecard derives the
 * metrics of thousands of probes, and parsing timestamps again in every rule was most of
 * its time) and every metric is read off the kept events and their instants. `sentMs` is
 * `probe.sentAt` already parsed, when the caller has it.
 */
export function measureProbe(probe: Probe, asOfMs: number, sentMs = instantMs(probe.sentAt)): MeasuredProbe {
  const events: ProbeEvent[] = [];
  let firstResponse: ProbeEvent | undefined;
  let firstResponseMs: number | null = null;
  let depthShown = 0;
  let handoffs = 0;
  let outcome: Outcome = 'open';
  let closedAt: string | null = null;
  let closedAtMs = 0;
  /** Stretches [from, to) in which the probe was settled: a vendor's silence there is no silence. */
  const settledSpans: [number, number][] = [];
  let settledSince: number | null = null;
  let request: ProbeEvent | undefined;
  let requestMs: number | null = null;
  /** Instants of the vendor's escalations, and of all its events, in timeline order. */
  const escalationTimes: number[] = [];
  const escalationEvents: ProbeEvent[] = [];
  const vendorTimes: number[] = [];
  for (const event of probe.events) {
    const atMs = instantMs(event.at);
    if (atMs > asOfMs) continue;
    events.push(event);
    if (event.actor === 'vendor') {
      vendorTimes.push(atMs);
      if (firstResponse === undefined && event.kind !== 'auto_ack') {
        firstResponse = event;
        firstResponseMs = atMs;
      }
      depthShown = Math.max(depthShown, DEPTH_OF_VENDOR_KIND.get(event.kind) ?? 0);
      if (event.kind === 'handoff') handoffs++;
      else if (event.kind === 'escalation') {
        escalationTimes.push(atMs);
        escalationEvents.push(event);
      }
      continue;
    }
    if (request === undefined && event.kind === 'escalation_request') {
      request = event;
      requestMs = atMs;
    }
    const settled = OUTCOME_OF_BUYER_EVENT[event.kind];
    if (settled) {
      outcome = settled;
      closedAt = event.at;
      closedAtMs = atMs;
      settledSince ??= atMs;
    } else if (event.kind === 'reopened') {
      outcome = 'open';
      closedAt = null;
      if (settledSince !== null) settledSpans.push([settledSince, atMs]);
      settledSince = null;
    }
  }
  if (settledSince !== null) settledSpans.push([settledSince, Number.POSITIVE_INFINITY]);
  const waits = probeWaits(events, asOfMs);
  const resolved = outcome === 'fixed' || outcome === 'workaround';
  const resolvedAt = resolved ? closedAt : null;

  let escalated: ProbeEvent | undefined;
  let escalatedMs: number | null = null;
  let escalatedBeforeRequest = false;
  if (requestMs !== null) {
    for (let index = 0; index < escalationTimes.length; index++) {
      const atMs = escalationTimes[index] ?? 0;
      if (atMs < requestMs) escalatedBeforeRequest = true;
      else if (escalated === undefined) {
        escalated = escalationEvents[index];
        escalatedMs = atMs;
      }
    }
  }

  const metrics: ProbeMetrics = {
    events,
    firstResponseAt: firstResponse?.at ?? null,
    depth: probe.ratings.depth ?? medianVote(probe) ?? depthShown,
    outcome,
    resolvedAt,
    closedAt,
    handoffs,
    escalationRequestedAt: request?.at ?? null,
    escalatedAt: escalated?.at ?? null,
    escalatedBeforeRequest,
    everEscalated: escalationTimes.length > 0,
    longestSilenceMinutes: longestSilence(
      vendorTimes,
      closedAt === null ? null : closedAtMs,
      asOfMs,
      settledSpans,
    ),
    waits,
    waitingOnUs: openWait(waits) !== null,
  };
  const instants: ProbeInstants = {
    sentMs,
    firstResponseMs,
    resolvedMs: resolved ? closedAtMs : null,
    escalationRequestedMs: requestMs,
    escalatedMs,
  };
  return { metrics, instants };
}

/** The deepest help the vendor's events show (0 without any), whatever the ratings say. */
export function depthShownByEvents(events: readonly ProbeEvent[]): number {
  return events.reduce(
    (deepest, event) =>
      Math.max(
        deepest,
        event.actor === 'vendor' && isVendorKind(event.kind) ? VENDOR_EVENT_DEPTH[event.kind] : 0,
      ),
    0,
  );
}

/**
 * The median of the evaluators' depth votes (the mean of the two middle ones for an even
 * count), or null when nobody voted on depth. Evaluations are ratings, not timeline events:
 * like `ratings.depth` they carry no asOf cut-off, so every vote counts whatever its `at`.
 */
export function medianVote(probe: Probe): number | null {
  if (probe.evaluations.length === 0) return null;
  const votes = probe.evaluations
    .map((evaluation) => evaluation.depth)
    .filter((depth): depth is number => depth !== undefined)
    .sort((a, b) => a - b);
  if (votes.length === 0) return null;
  const middle = votes.length >> 1;
  const upper = votes[middle] ?? 0;
  return votes.length % 2 === 1 ? upper : ((votes[middle - 1] ?? 0) + upper) / 2;
}

/**
 * Longest gap between consecutive vendor events while the probe is open: time while it was
 * settled (until closed for good, or until reopened) does not count, and an open probe's
 * current silence (last vendor event to asOf) does.
 */
function longestSilence(
  vendorTimes: readonly number[],
  closedAtMs: number | null,
  asOfMs: number,
  settledSpans: readonly [number, number][],
): number | null {
  const endMs = closedAtMs ?? asOfMs;
  // The gaps between consecutive vendor events up to the end, walked without a copy.
  let previous = 0;
  let seen = false;
  let longest = 0;
  for (const ms of vendorTimes) {
    if (ms > endMs) continue;
    if (seen) longest = Math.max(longest, openMsBetween(previous, ms, settledSpans));
    previous = ms;
    seen = true;
  }
  if (!seen) return null;
  if (closedAtMs === null) longest = Math.max(longest, openMsBetween(previous, asOfMs, settledSpans));
  return longest / 60_000;
}

function openMsBetween(fromMs: number, toMs: number, settledSpans: readonly [number, number][]): number {
  let settledMs = 0;
  for (const [since, until] of settledSpans) {
    settledMs += Math.max(0, Math.min(toMs, until) - Math.max(fromMs, since));
  }
  return toMs - fromMs - settledMs;
}

/**
 * Stable insertion by time: an event joins after every event at the same instant. The timeline
 * is in time order and a new event is nearly always the latest, so the place is sought from the
 * end: appending reads one timestamp, not every one.
 */
export function insertEventInOrder(events: readonly ProbeEvent[], event: ProbeEvent): ProbeEvent[] {
  const atMs = instantMs(event.at);
  let index = events.length;
  while (index > 0 && instantMs(events[index - 1]?.at ?? '') > atMs) index--;
  return index === events.length
    ? [...events, event]
    : [...events.slice(0, index), event, ...events.slice(index)];
}
