/**
 * Frozen trials (SPEC §2): a `closed` trial is frozen. Nothing of it — the trial record, its
 * vendors, scenarios, probes (with their events, evaluations and evidence references) —
 * may be put or removed, until an admin reopens it. Closing records the SHA-256 of the
 * trial's canonical export (./canonical.ts), so a report or a copy can be checked later.
 *
 * The rule lives here; the repository applies it inside each write, against the trial as
 * stored at that moment, so no path (API, pages, imports, the admin command) slips past it.
 */
import type { Trial } from './schemas.js';

/** The statuses a reopened trial may go back to. */
export const REOPEN_STATUSES = ['running', 'planning'] as const;
export type ReopenStatus = (typeof REOPEN_STATUSES)[number];

/** Whether the trial is frozen: closed, so every change is refused until it is reopened. */
export const isFrozen = (trial: Pick<Trial, 'status'> | undefined): boolean => trial?.status === 'closed';

/** What the refusal says, in the API's words (pages translate it). */
export const FROZEN_MESSAGE =
  'This trial is closed (frozen): its data cannot change. An admin can reopen it to make changes.';

/**
 * A change to a frozen trial was refused, with nothing written. Thrown by the repository; the
 * application answers it as 409 conflict.
 */
export class TrialFrozenError extends Error {
  constructor(readonly trialId: string) {
    super(FROZEN_MESSAGE);
    this.name = 'TrialFrozenError';
  }
}

/**
 * A trial may only become closed through closing, which records its snapshot in the same
 * write; a plain update that sets `closed` is refused with this.
 */
export class CloseThroughCloseError extends Error {
  constructor(readonly trialId: string) {
    super(
      'A trial is closed with POST /trials/:trialId/close, which records its snapshot; not by setting its status.',
    );
    this.name = 'CloseThroughCloseError';
  }
}
