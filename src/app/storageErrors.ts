import { CloseThroughCloseError, TrialFrozenError } from '../domain/freeze.js';
import { WriteRefusedError } from '../storage/errors.js';
import { AppError, invalid } from './errors.js';

/** A change refused because its trial is closed (frozen): 409, pages say it in the reader's language. */
export class FrozenTrialConflict extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
    this.name = 'FrozenTrialConflict';
  }
}

/**
 * A change the storage refused, as an answer: 507 when the disk is full (freeing space is the
 * cure; nothing was saved and everything already saved is still readable), 503 for any other
 * write failure. Both say plainly that the change was not saved, so a retry is safe. A change
 * to a frozen trial is a 409 conflict; setting a trial's status to closed without closing it
 * is a 400 on `status`.
 */
export function refusedWriteAsAppError(error: unknown): AppError | undefined {
  if (error instanceof TrialFrozenError) return new FrozenTrialConflict(error.message);
  if (error instanceof CloseThroughCloseError)
    return invalid([{ path: 'status', message: error.message, reason: 'useClose' }]);
  if (!(error instanceof WriteRefusedError)) return undefined;
  return error.diskFull
    ? new AppError(507, 'insufficient_storage', error.message)
    : new AppError(503, 'storage_unavailable', error.message);
}
