/**
 * The writes of a commit, after every chosen item has been checked: each new probe inserted
 * with its events, events for existing probes added to them, the chat names the person
 * assigned to vendors remembered — each through the repository, so each is audited.
 */
import type { ImportItem } from '../../domain/imports.js';
import { insertEventInOrder } from '../../domain/metrics.js';
import {
  MAX_EVENTS_PER_PROBE,
  ProbeSchema,
  type AttachmentRef,
  type Probe,
  type ProbeEvent,
} from '../../domain/schemas.js';
import { saveAttachment } from '../attachments.js';
import type { AppDeps } from '../deps.js';
import { AppError, invalid, notFound } from '../errors.js';
import { eventOf, probeOf } from './commitChecks.js';

export interface Writes {
  deps: AppDeps;
  trialId: string;
  now: string;
  /** The stored original of an item (its `.eml`), by item key. */
  originals: ReadonlyMap<string, AttachmentRef>;
}

interface Created {
  created: { probes: number; events: number };
  probeIds: string[];
}

/**
 * Keeps each chosen item's original as an evidence file. One larger than an attachment may be
 * is left out rather than refusing the import: the event still says what the mail said.
 */
export async function keepOriginals(
  deps: AppDeps,
  chosen: readonly ImportItem[],
  originals: ReadonlyMap<string, { name: string; bytes: Uint8Array }>,
): Promise<Map<string, AttachmentRef>> {
  const kept = new Map<string, AttachmentRef>();
  for (const item of chosen) {
    const original = originals.get(item.key);
    if (!original) continue;
    try {
      kept.set(item.key, await saveAttachment(deps, original));
    } catch (error) {
      if (!(error instanceof AppError && error.status === 413)) throw error;
    }
  }
  return kept;
}

function eventWithOriginal(writes: Writes, item: ImportItem): ProbeEvent {
  const event = eventOf(writes.deps, item);
  const original = writes.originals.get(item.key);
  return original ? { ...event, attachments: [original] } : event;
}

/**
 * The mail that opened a thread is the probe itself (its time sent, its text); it is also kept
 * as our note at that time, carrying the mail's import key and original, so importing the
 * archive again finds this probe.
 */
function openingNote(writes: Writes, item: ImportItem): ProbeEvent[] {
  if (item.importKey === undefined || item.at === undefined) return [];
  const original = writes.originals.get(item.key);
  return [
    eventOf(writes.deps, { ...item, type: 'event', actor: 'buyer', kind: 'note', text: undefined }),
  ].map((event) => (original ? { ...event, attachments: [original] } : event));
}

export async function storeNewProbes(writes: Writes, chosen: readonly ImportItem[], result: Created) {
  for (const item of chosen) {
    if (item.type !== 'probe' || item.probeId !== undefined) continue;
    const events = [
      ...openingNote(writes, item),
      ...chosen
        .filter(
          (event) => event.type === 'event' && event.probeId === undefined && event.probeKey === item.key,
        )
        .map((event) => eventWithOriginal(writes, event)),
    ].reduce<ProbeEvent[]>((ordered, event) => insertEventInOrder(ordered, event), []);
    const probe = probeOf(writes.deps, item, writes.trialId, events, writes.now);
    const description = ProbeSchema.shape.description.safeParse(item.text?.slice(0, 20_000));
    const described =
      item.source.row === undefined && description.success && description.data !== undefined
        ? { ...probe, description: description.data }
        : probe;
    await writes.deps.repository.insertProbe(described);
    result.created.probes += 1;
    result.created.events += events.length;
    result.probeIds.push(probe.id);
  }
}

export async function addToExistingProbes(writes: Writes, chosen: readonly ImportItem[], result: Created) {
  const matched = new Map(
    chosen
      .filter((item) => item.type === 'probe' && item.probeId !== undefined)
      .map((item) => [item.key, item.probeId]),
  );
  const byProbe = new Map<string, ImportItem[]>();
  for (const item of chosen) {
    if (item.type !== 'event') continue;
    const target = item.probeId ?? (item.probeKey === undefined ? undefined : matched.get(item.probeKey));
    if (target !== undefined) byProbe.set(target, [...(byProbe.get(target) ?? []), item]);
  }
  for (const [probeId, items] of byProbe) {
    let added = 0;
    const updated = await writes.deps.repository.updateProbe(probeId, (probe: Probe) => {
      const stored = new Set(probe.events.map((event) => event.importKey));
      const fresh = items.filter((item) => item.importKey === undefined || !stored.has(item.importKey));
      if (fresh.length === 0) return probe;
      if (probe.events.length + fresh.length > MAX_EVENTS_PER_PROBE)
        throw invalid([{ path: probeId, message: `a probe holds at most ${MAX_EVENTS_PER_PROBE} events` }]);
      added = fresh.length;
      const events = fresh
        .map((item) => eventWithOriginal(writes, item))
        .reduce<readonly ProbeEvent[]>((ordered, event) => insertEventInOrder(ordered, event), probe.events);
      return { ...probe, events: [...events], updatedAt: writes.now };
    });
    if (!updated) throw notFound('probe');
    result.created.events += added;
    if (!result.probeIds.includes(probeId)) result.probeIds.push(probeId);
  }
}

/** A chat name on a vendor's message is that vendor's from now on (`chatNames`), so the next paste knows it. */
export async function rememberChatNames(
  deps: AppDeps,
  chosen: readonly ImportItem[],
  probes: readonly Probe[],
) {
  const names = new Map<string, Set<string>>();
  for (const item of chosen) {
    if (item.type !== 'event' || item.source.line === undefined || item.actor !== 'vendor' || !item.from)
      continue;
    const owner = chosen.find((probe) => probe.type === 'probe' && probe.key === item.probeKey);
    const vendorId =
      item.vendorId ?? probes.find((probe) => probe.id === item.probeId)?.vendorId ?? owner?.vendorId;
    if (vendorId !== undefined) names.set(vendorId, (names.get(vendorId) ?? new Set()).add(item.from.trim()));
  }
  for (const [vendorId, added] of names) {
    await deps.repository.updateVendor(vendorId, (vendor) => {
      const known = vendor.chatNames ?? [];
      const fresh = [...added].filter((name) => name !== '' && name.length <= 100 && !known.includes(name));
      if (fresh.length === 0 || known.length + fresh.length > 200) return vendor;
      return { ...vendor, chatNames: [...known, ...fresh], updatedAt: deps.now().toISOString() };
    });
  }
}

const sameName = (a: string, b: string) =>
  a.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase() ===
  b.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A chat name on one of our own messages is ours from now on (the trial's `teamChatNames`),
 * so the next paste reads it as our side without asking. One audited trial update.
 */
export async function rememberTeamChatNames(deps: AppDeps, trialId: string, chosen: readonly ImportItem[]) {
  const named = chosen.flatMap((item) =>
    item.type === 'event' && item.source.line !== undefined && item.actor === 'buyer' && item.from
      ? [item.from.trim()]
      : [],
  );
  if (named.length === 0) return;
  await deps.repository.updateTrial(trialId, (trial) => {
    const known = [...(trial.teamChatNames ?? [])];
    for (const name of named)
      if (name !== '' && name.length <= 100 && !known.some((other) => sameName(other, name)))
        known.push(name);
    if (known.length === (trial.teamChatNames ?? []).length || known.length > 200) return trial;
    return { ...trial, teamChatNames: known, updatedAt: deps.now().toISOString() };
  });
}
