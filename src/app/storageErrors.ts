import { WriteRefusedError } from '../storage/errors.js';
import { AppError } from './errors.js';

/**
 * A change the disk refused, as an answer: 507 when the disk is full (freeing space is the
 * cure; nothing was saved and everything already saved is still readable), 503 for any other
 * write failure. Both say plainly that the change was not saved, so a retry is safe.
 */
export function refusedWriteAsAppError(error: unknown): AppError | undefined {
  if (!(error instanceof WriteRefusedError)) return undefined;
  return error.diskFull
    ? new AppError(507, 'insufficient_storage', error.message)
    : new AppError(503, 'storage_unavailable', error.message);
}
