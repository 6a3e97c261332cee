/**
 * Closing, reopening and checking a trial (SPEC §2 frozen trials, §8 close/reopen/verify).
 * Closing freezes the trial and records the SHA-256 of its canonical export; only an admin
 * reopens it; verify recomputes the hash from the data as stored now. The freeze itself is
 * enforced by the repository, inside every write.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Role } from '../domain/accounts.js';
import { canonicalTrialExport } from '../domain/canonical.js';
import { isFrozen, REOPEN_STATUSES } from '../domain/freeze.js';
import type { Snapshot, Trial, TrialExport } from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { AppError, conflict, notFound } from './errors.js';
import { parseInput } from './parse.js';

type FreezeDeps = Pick<AppDeps, 'repository' | 'now'>;

/** The SHA-256 (lower-case hex) of a trial's canonical export. */
export function trialSha256(data: TrialExport): string {
  return createHash('sha256').update(canonicalTrialExport(data), 'utf8').digest('hex');
}

/**
 * The trial closed as of `at`, with the snapshot of exactly that data: the hash covers the
 * closed status and the update time, so verify recomputes it from the stored trial. A trial
 * sealed at start-up keeps its update time (nothing of it changes but the snapshot).
 */
function sealed(data: TrialExport, at: string, { touch }: { touch: boolean }): Trial {
  const { snapshot: _old, ...trial } = data.trial;
  const closed: Trial = { ...trial, status: 'closed', updatedAt: touch ? at : trial.updatedAt };
  return { ...closed, snapshot: { sha256: trialSha256({ ...data, trial: closed }), at } };
}

/** Close (freeze) a trial: from now on nothing of it changes until an admin reopens it. */
export async function closeTrial(deps: FreezeDeps, trialId: string): Promise<Trial> {
  const at = deps.now().toISOString();
  const closed = await deps.repository.closeTrial(trialId, (data) => sealed(data, at, { touch: true }));
  if (!closed) throw notFound('trial');
  return closed;
}

export const ReopenSchema = z.strictObject({
  /** Where the trial goes back to; running unless told. */
  status: z.enum(REOPEN_STATUSES).default('running'),
});

const adminOnly = () => new AppError(403, 'forbidden', 'Only an admin can reopen a closed trial');

/**
 * Reopen a closed trial (admins only), back to running or planning. The snapshot stays, so
 * verify shows whether the data still matches what was closed; closing again replaces it.
 */
export async function reopenTrial(
  deps: FreezeDeps,
  trialId: string,
  body: unknown,
  role: Role,
): Promise<Trial> {
  if (role !== 'admin') throw adminOnly();
  const { status } = parseInput(ReopenSchema, body ?? {});
  const reopened = await deps.repository.reopenTrial(trialId, status, deps.now().toISOString());
  if (reopened === undefined) throw notFound('trial');
  if (reopened === 'not_closed') throw conflict('This trial is not closed: there is nothing to reopen');
  return reopened;
}

export interface Verification {
  /** The hash of the trial's data as stored now. */
  sha256: string;
  /** What closing recorded, if the trial was ever closed. */
  snapshot: Snapshot | null;
  /** Whether the data is still what was closed (false without a snapshot). */
  matches: boolean;
}

/** Recompute the trial's hash and compare it with its snapshot. */
export async function verifyTrial(deps: FreezeDeps, trialId: string): Promise<Verification> {
  const data = await deps.repository.getTrialData(trialId);
  if (!data) throw notFound('trial');
  const sha256 = trialSha256(data);
  const snapshot = data.trial.snapshot ?? null;
  return { sha256, snapshot, matches: snapshot?.sha256 === sha256 };
}

/**
 * A trial already closed when freezing arrived has no snapshot: give it one, once, at start
 * (audited as the program itself). Answers the ids of the trials sealed.
 */
export async function snapshotClosedTrials(deps: FreezeDeps): Promise<string[]> {
  const sealedIds: string[] = [];
  for (const trial of await deps.repository.listTrials()) {
    if (!isFrozen(trial) || trial.snapshot) continue;
    const at = deps.now().toISOString();
    await deps.repository.closeTrial(trial.id, (data) => sealed(data, at, { touch: false }));
    sealedIds.push(trial.id);
  }
  return sealedIds;
}

/** What a page names: a trial, or a record of one (vendor, probe, import preview). */
export interface TrialRef {
  trialId?: string;
  vendorId?: string;
  probeId?: string;
  importId?: string;
}

/** The trial a page belongs to, for its read-only state; undefined when there is none. */
export async function trialOfPage(
  deps: Pick<AppDeps, 'repository' | 'imports'>,
  ref: TrialRef,
): Promise<Trial | undefined> {
  const trialId =
    ref.trialId ??
    (ref.vendorId === undefined ? undefined : (await deps.repository.getVendor(ref.vendorId))?.trialId) ??
    (ref.probeId === undefined ? undefined : (await deps.repository.getProbe(ref.probeId))?.trialId) ??
    (ref.importId === undefined ? undefined : (await deps.imports.get(ref.importId))?.trialId);
  return trialId === undefined ? undefined : deps.repository.getTrial(trialId);
}
