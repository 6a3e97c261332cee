import type { AttachmentRef, Probe, ProbeEvent } from '../domain/schemas.js';
import { AttachmentRefSchema } from '../domain/schemas.js';
import { sha256Of } from '../storage/attachments.js';
import { cleanFileName, servedTypeOf, sniffType } from './attachmentType.js';
import type { AppDeps } from './deps.js';
import { AppError, conflict, notFound } from './errors.js';

/** SPEC §2: an event carries at most this many files. */
export const MAX_ATTACHMENTS_PER_EVENT = 50;

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export const tooLarge = (maxBytes: number) =>
  new AppError(413, 'payload_too_large', `A file may be at most ${String(maxBytes)} bytes`);

/**
 * Keeps an evidence file (stored once by its SHA-256) and describes it: the type sniffed from
 * the bytes, the name without folders or control characters. The file is on disk before this
 * resolves; the event that refers to it is committed after (a crash between leaves an orphan
 * the sweep removes). Imports call it for each mail they keep.
 */
export async function saveAttachment(deps: AppDeps, file: UploadedFile): Promise<AttachmentRef> {
  if (file.bytes.length > deps.attachmentMaxBytes) throw tooLarge(deps.attachmentMaxBytes);
  const type = await sniffType(file.bytes);
  const sha256 = await deps.attachments.save(file.bytes);
  return AttachmentRefSchema.parse({
    id: deps.newId('att'),
    name: cleanFileName(file.name),
    type,
    bytes: file.bytes.length,
    sha256,
  });
}

function findEvent(probe: Probe, eventId: string): ProbeEvent {
  const event = probe.events.find((candidate) => candidate.id === eventId);
  if (!event) throw notFound('event');
  return event;
}

/** 404 for an unknown probe or event, before any file is written. */
export async function requireEvent(deps: AppDeps, probeId: string, eventId: string): Promise<ProbeEvent> {
  const probe = await deps.repository.getProbe(probeId);
  if (!probe) throw notFound('probe');
  return findEvent(probe, eventId);
}

/** Adds files to an event (audited as a change of its probe); 409 past 50 files on one event. */
export async function attachToEvent(
  deps: AppDeps,
  probeId: string,
  eventId: string,
  files: AttachmentRef | readonly AttachmentRef[],
): Promise<readonly AttachmentRef[]> {
  const added = Array.isArray(files) ? (files as readonly AttachmentRef[]) : [files as AttachmentRef];
  const updated = await deps.repository.updateProbe(
    probeId,
    (probe) => {
      const event = findEvent(probe, eventId);
      const attachments = [...(event.attachments ?? []), ...added];
      if (attachments.length > MAX_ATTACHMENTS_PER_EVENT) {
        throw conflict(`An event holds at most ${String(MAX_ATTACHMENTS_PER_EVENT)} files`);
      }
      return replaceEvent(deps, probe, { ...event, attachments });
    },
    // A retried request (Idempotency-Key) gets the refs back, as the first answer had them.
    added,
  );
  if (!updated) throw notFound('probe');
  return added;
}

/** What identifies an upload for its Idempotency-Key: each file's name, size and hash (not its bytes). */
export const uploadFingerprint = (files: readonly UploadedFile[]) =>
  files.map((file) => ({ name: file.name, bytes: file.bytes.length, sha256: sha256Of(file.bytes) }));

/** Stores uploaded files and adds them to the event: the use case behind the upload form and API. */
export async function uploadAttachments(
  deps: AppDeps,
  probeId: string,
  eventId: string,
  files: readonly UploadedFile[],
): Promise<readonly AttachmentRef[]> {
  const event = await requireEvent(deps, probeId, eventId);
  if ((event.attachments?.length ?? 0) + files.length > MAX_ATTACHMENTS_PER_EVENT) {
    throw conflict(`An event holds at most ${String(MAX_ATTACHMENTS_PER_EVENT)} files`);
  }
  const refs: AttachmentRef[] = [];
  for (const file of files) refs.push(await saveAttachment(deps, file));
  return attachToEvent(deps, probeId, eventId, refs);
}

/** Takes a file off an event (audited); the stored file goes once nothing refers to it. */
export async function removeAttachment(
  deps: AppDeps,
  probeId: string,
  eventId: string,
  attachmentId: string,
): Promise<void> {
  const updated = await deps.repository.updateProbe(probeId, (probe) => {
    const event = findEvent(probe, eventId);
    const attachments = event.attachments ?? [];
    if (!attachments.some((ref) => ref.id === attachmentId)) throw notFound('attachment');
    const kept = attachments.filter((ref) => ref.id !== attachmentId);
    const { attachments: _dropped, ...rest } = event;
    return replaceEvent(deps, probe, kept.length > 0 ? { ...rest, attachments: kept } : rest);
  });
  if (!updated) throw notFound('probe');
  await sweepAfterRemoval(deps);
}

/**
 * After something that may have held the last reference to a file is removed (a file, an
 * event, a probe): sweep. A failed sweep is only logged — the removal itself is saved, and
 * the next sweep tries again.
 */
export async function sweepAfterRemoval(deps: AppDeps): Promise<void> {
  await sweepAttachments(deps).catch((error: unknown) => {
    console.error('Could not sweep attachment files:', error);
  });
}

function replaceEvent(deps: AppDeps, probe: Probe, event: ProbeEvent): Probe {
  return {
    ...probe,
    events: probe.events.map((candidate) => (candidate.id === event.id ? event : candidate)),
    updatedAt: deps.now().toISOString(),
  };
}

export interface OpenedAttachment {
  name: string;
  /** The sniffed type, as stored. */
  type: string;
  /** What a download says it is: the sniffed type only when no browser would render it as active content. */
  servedType: string;
  bytes: Buffer;
}

async function everyEvent(deps: AppDeps): Promise<ProbeEvent[]> {
  const events: ProbeEvent[] = [];
  for (const trial of await deps.repository.listTrials()) {
    for (const probe of await deps.repository.listProbes(trial.id)) events.push(...probe.events);
  }
  return events;
}

/** An attachment's file for download; 404 when no event refers to it (or its file is gone). */
export async function openAttachment(deps: AppDeps, attachmentId: string): Promise<OpenedAttachment> {
  const ref = (await everyEvent(deps))
    .flatMap((event) => event.attachments ?? [])
    .find((candidate) => candidate.id === attachmentId);
  if (!ref) throw notFound('attachment');
  const bytes = await deps.attachments.read(ref.sha256);
  if (!bytes) throw notFound('attachment');
  return { name: ref.name, type: ref.type, servedType: servedTypeOf(ref.type), bytes };
}

/**
 * Removes stored files no event refers to (orphans of a crash between a file's write and its
 * event's commit, files whose last reference went). Backups keep their own links to the files
 * they refer to, so this never takes a file a backup needs. Run at start and after a removal.
 */
export async function sweepAttachments(deps: AppDeps): Promise<string[]> {
  return deps.attachments.sweep(async () => {
    const hashes = new Set<string>();
    for (const event of await everyEvent(deps))
      for (const ref of event.attachments ?? []) hashes.add(ref.sha256);
    return hashes;
  });
}
