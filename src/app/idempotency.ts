import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IdempotencyKeyTakenError } from '../storage/command.js';
import { withIdempotencyClaim } from '../storage/requestContext.js';
import type { AppDeps } from './deps.js';
import { AppError } from './errors.js';
import { parseInput } from './parse.js';

/** What clients send: Stripe's and the IETF draft's form, printable ASCII. */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, { message: 'must be 1–255 printable ASCII characters' });

export interface IdempotentRequest {
  /** The account sending it: keys are scoped to it, so two clients cannot collide. */
  accountId: string;
  key: string;
  method: string;
  path: string;
  body: unknown;
  /** The status of a first answer (201 for a creation). */
  status: number;
}

export interface Answer {
  status: number;
  body: unknown;
  /** True when this is the recorded answer to an earlier request with the same key. */
  replayed: boolean;
}

const fingerprintOf = ({ method, path, body }: IdempotentRequest) =>
  createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');

function replay(record: { fingerprint: string; status: number; body: unknown }, fingerprint: string): Answer {
  if (record.fingerprint !== fingerprint) {
    throw new AppError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; send a new key for a new request',
    );
  }
  return { status: record.status, body: record.body, replayed: true };
}

/**
 * Run a creating request at most once per key (SPEC §9): a retry after a lost answer — same
 * key, same request, within 24 hours — gets the first answer instead of a duplicate. The key
 * is recorded in the same write as the change it made, so a crash cannot separate them; two
 * copies racing each other are told apart inside that write. The same key with another
 * request is refused (422). A request that failed recorded nothing and may be retried.
 */
export async function runIdempotent(
  deps: AppDeps,
  request: IdempotentRequest,
  work: () => Promise<unknown>,
): Promise<Answer> {
  const key = `${request.accountId}:${parseInput(IdempotencyKeySchema, request.key, ['Idempotency-Key'])}`;
  const fingerprint = fingerprintOf(request);
  const earlier = await deps.repository.findIdempotencyRecord(key);
  if (earlier) return replay(earlier, fingerprint);
  try {
    const body = await withIdempotencyClaim(
      { key, fingerprint, status: request.status, recorded: false },
      work,
    );
    return { status: request.status, body, replayed: false };
  } catch (error) {
    if (error instanceof IdempotencyKeyTakenError) return replay(error.record, fingerprint);
    throw error;
  }
}
