import { z } from 'zod';
import { deriveProbeMetrics, insertEventInOrder, type Outcome } from '../domain/metrics.js';
import { probeWaits, type Wait } from '../domain/waits.js';
import {
  ActorSchema,
  EventKindSchema,
  EventSchema,
  HandlerSchema,
  isVendorKind,
  MAX_EVENTS_PER_PROBE,
  ProbeSchema,
  RatingsSchema,
  type Probe,
  type ProbeEvent,
  type Trial,
} from '../domain/schemas.js';
import { createScoringContext } from '../domain/scoring/context.js';
import { sweepAfterRemoval } from './attachments.js';
import type { AppDeps } from './deps.js';
import { conflict, invalid, notFound } from './errors.js';
import { parseInput } from './parse.js';
import { AsOfQuerySchema } from './scorecard.js';
import { applyPatch } from './patch.js';
import { getTrial } from './trials.js';

const shape = ProbeSchema.shape;

export const EventInputSchema = z.strictObject({
  at: EventSchema.shape.at,
  kind: EventKindSchema,
  actor: ActorSchema.optional(),
  handler: HandlerSchema.optional(),
  note: EventSchema.shape.note,
});

export const ProbeCreateSchema = z.strictObject({
  vendorId: shape.vendorId,
  scenarioId: shape.scenarioId,
  title: shape.title.optional(),
  description: shape.description,
  severity: shape.severity.optional(),
  category: shape.category.optional(),
  difficulty: shape.difficulty.optional(),
  channel: shape.channel,
  sentAt: shape.sentAt,
  vendorRef: shape.vendorRef,
  acceptedSeverity: shape.acceptedSeverity,
  ratings: RatingsSchema.optional(),
  events: z.array(EventInputSchema).max(2000).optional(),
});

export const ProbePatchSchema = z.strictObject({
  vendorId: shape.vendorId.optional(),
  scenarioId: shape.scenarioId.nullable(),
  title: shape.title.optional(),
  description: shape.description.nullable(),
  severity: shape.severity.optional(),
  category: shape.category.optional(),
  difficulty: shape.difficulty.optional(),
  channel: shape.channel.optional(),
  sentAt: shape.sentAt.optional(),
  vendorRef: shape.vendorRef.nullable(),
  acceptedSeverity: shape.acceptedSeverity.nullable(),
  ratings: RatingsSchema.optional(),
});

export const ProbeStatusSchema = z.enum(['open', 'closed', 'fixed', 'workaround', 'unresolved']);
export const ProbeListQuerySchema = z.object({
  vendorId: z.string().min(1).optional(),
  status: ProbeStatusSchema.optional(),
});

function toEvent(
  deps: AppDeps,
  input: z.output<typeof EventInputSchema>,
  path: PropertyKey[],
  id = deps.newId('event'),
): ProbeEvent {
  const actor = input.actor ?? (isVendorKind(input.kind) ? 'vendor' : 'buyer');
  return parseInput(EventSchema, { ...input, actor, id }, path);
}

/** Checks a probe against its trial: vendor and scenario belong to it, events not before sentAt. */
async function parseProbe(deps: AppDeps, trial: Trial, candidate: Record<string, unknown>): Promise<Probe> {
  const probe = parseInput(ProbeSchema, candidate);
  const vendor = await deps.repository.getVendor(probe.vendorId);
  if (vendor?.trialId !== trial.id)
    throw invalid([{ path: 'vendorId', message: 'unknown vendor in this trial', reason: 'unknownVendor' }]);
  if (probe.scenarioId !== undefined) {
    const scenario = await deps.repository.getScenario(probe.scenarioId);
    if (scenario?.trialId !== trial.id)
      throw invalid([{ path: 'scenarioId', message: 'unknown scenario in this trial' }]);
  }
  return probe;
}

export async function createProbe(deps: AppDeps, trialId: string, body: unknown): Promise<Probe> {
  const trial = await getTrial(deps, trialId);
  const input = parseInput(ProbeCreateSchema, body);
  const scenario =
    input.scenarioId === undefined ? undefined : await deps.repository.getScenario(input.scenarioId);
  const now = deps.now().toISOString();
  const events = (input.events ?? [])
    .map((event, index) => toEvent(deps, event, ['events', index]))
    .reduce<ProbeEvent[]>((ordered, event) => insertEventInOrder(ordered, event), []);
  const probe = await parseProbe(deps, trial, {
    ...input,
    title: input.title ?? scenario?.title,
    description: input.description ?? scenario?.description,
    severity: input.severity ?? scenario?.severity,
    category: input.category ?? scenario?.category,
    difficulty: input.difficulty ?? scenario?.difficulty,
    id: deps.newId('probe'),
    trialId,
    ratings: input.ratings ?? {},
    events,
    createdAt: now,
    updatedAt: now,
  });
  return deps.repository.insertProbe(probe);
}

export async function getProbe(deps: AppDeps, probeId: string): Promise<Probe> {
  const probe = await deps.repository.getProbe(probeId);
  if (!probe) throw notFound('probe');
  return probe;
}

export async function updateProbe(deps: AppDeps, probeId: string, body: unknown): Promise<Probe> {
  const patch = parseInput(ProbePatchSchema, body);
  const current = await getProbe(deps, probeId);
  const trial = await getTrial(deps, current.trialId);
  // Check references first (async), then apply the change against the latest stored probe.
  await parseProbe(deps, trial, applyPatch(current, patch));
  const updated = await deps.repository.updateProbe(probeId, (probe) =>
    parseInput(ProbeSchema, applyPatch(probe, { ...patch, updatedAt: deps.now().toISOString() })),
  );
  if (!updated) throw notFound('probe');
  return updated;
}

export async function deleteProbe(deps: AppDeps, probeId: string): Promise<void> {
  if (!(await deps.repository.deleteProbe(probeId))) throw notFound('probe');
  await sweepAfterRemoval(deps);
}

/** An event cannot be before the probe was sent (SPEC §2). */
function assertNotBeforeSent(probe: Probe, event: ProbeEvent): void {
  if (Date.parse(event.at) < Date.parse(probe.sentAt)) {
    throw invalid([
      { path: 'at', message: `event is before the probe was sent (${probe.sentAt})`, reason: 'beforeSent' },
    ]);
  }
}

/** Log what happened; the event joins the timeline in time order, after any at the same instant. */
export async function appendEvent(deps: AppDeps, probeId: string, body: unknown): Promise<ProbeEvent> {
  const event = toEvent(deps, parseInput(EventInputSchema, body), []);
  const updated = await deps.repository.updateProbe(
    probeId,
    (probe) => {
      assertNotBeforeSent(probe, event);
      if (probe.events.length >= MAX_EVENTS_PER_PROBE) {
        throw conflict(`a probe holds at most ${MAX_EVENTS_PER_PROBE} events`);
      }
      return {
        ...probe,
        events: insertEventInOrder(probe.events, event),
        updatedAt: deps.now().toISOString(),
      };
    },
    event,
  );
  if (!updated) throw notFound('probe');
  return event;
}

/**
 * Correct a logged event (its time, kind, handler or note): it keeps its id and moves to its
 * place in time order, after any other event at the same instant. Like appending, an event
 * before the probe was sent is refused.
 */
export async function updateEvent(
  deps: AppDeps,
  probeId: string,
  eventId: string,
  body: unknown,
): Promise<ProbeEvent> {
  const event = toEvent(deps, parseInput(EventInputSchema, body), [], eventId);
  const updated = await deps.repository.updateProbe(probeId, (probe) => {
    if (!probe.events.some((existing) => existing.id === eventId)) throw notFound('event');
    assertNotBeforeSent(probe, event);
    const others = probe.events.filter((existing) => existing.id !== eventId);
    return { ...probe, events: insertEventInOrder(others, event), updatedAt: deps.now().toISOString() };
  });
  if (!updated) throw notFound('probe');
  return event;
}

export async function deleteEvent(deps: AppDeps, probeId: string, eventId: string): Promise<void> {
  const updated = await deps.repository.updateProbe(probeId, (probe) => {
    if (!probe.events.some((event) => event.id === eventId)) throw notFound('event');
    return {
      ...probe,
      events: probe.events.filter((event) => event.id !== eventId),
      updatedAt: deps.now().toISOString(),
    };
  });
  if (!updated) throw notFound('probe');
  await sweepAfterRemoval(deps);
}

function matchesStatus(outcome: Outcome, status: z.output<typeof ProbeStatusSchema>): boolean {
  if (status === 'closed') return outcome !== 'open';
  return outcome === status;
}

export async function listProbes(deps: AppDeps, trialId: string, query: unknown): Promise<readonly Probe[]> {
  await getTrial(deps, trialId);
  const filter = parseInput(ProbeListQuerySchema, query);
  const probes = await deps.repository.listProbes(trialId, { vendorId: filter.vendorId });
  if (filter.status === undefined) return probes;
  const status = filter.status;
  const nowMs = deps.now().getTime();
  return probes.filter((probe) => matchesStatus(deriveProbeMetrics(probe, nowMs).outcome, status));
}

/**
 * The depth the vendor's own events show, whatever the lead's ratings and the evaluators'
 * votes say: what the probe page shows beside a rated depth.
 */
export function depthFromEvents(probe: Probe, asOfMs: number): number {
  return deriveProbeMetrics({ ...probe, ratings: {}, evaluations: [] }, asOfMs).depth;
}

/** The waits on us (SPEC §4) among the probe's recorded events as of `asOfMs`, for its timeline. */
export function timelineWaits(probe: Probe, asOfMs: number): Wait[] {
  return probeWaits(probe.events, asOfMs);
}

/** A probe with its derived metrics as of an instant (default now), durations in minutes on the trial clock. */
export async function probeWithMetrics(deps: AppDeps, probe: Probe, query: unknown = {}) {
  const { asOf } = parseInput(AsOfQuerySchema, query);
  const asOfMs = asOf === undefined ? deps.now().getTime() : Date.parse(asOf);
  const trial = await getTrial(deps, probe.trialId);
  const metrics = deriveProbeMetrics(probe, asOfMs);
  const clock = createScoringContext(trial, asOfMs).trialClock(probe.severity);
  const sentMs = Date.parse(probe.sentAt);
  const minutesTo = (at: string | null) =>
    at === null ? null : clock.minutesBetween(sentMs, Date.parse(at));
  const { events: _events, waits, ...derived } = metrics;
  return {
    ...probe,
    metrics: {
      ...derived,
      waits: waits.map((wait) => ({
        start: new Date(wait.startMs).toISOString(),
        end: new Date(wait.endMs).toISOString(),
        open: wait.open,
        startEventId: wait.startEventId,
        endEventId: wait.endEventId,
      })),
      asOf: new Date(asOfMs).toISOString(),
      clock: trial.targets[probe.severity].clock,
      elapsedMinutes: clock.minutesBetween(sentMs, asOfMs),
      firstResponseMinutes: minutesTo(metrics.firstResponseAt),
      resolutionMinutes: minutesTo(metrics.resolvedAt),
      escalationDelayMinutes:
        metrics.escalationRequestedAt === null || metrics.escalatedAt === null
          ? null
          : clock.minutesBetween(Date.parse(metrics.escalationRequestedAt), Date.parse(metrics.escalatedAt)),
    },
  };
}
