import { AsyncLocalStorage } from 'node:async_hooks';
import { SYSTEM_ACTOR, type AuditActor } from '../domain/accounts.js';

const acting = new AsyncLocalStorage<AuditActor>();

/**
 * Run `work` on behalf of `actor`: every change it makes, however deep in the call stack,
 * is written to the audit log under that name. The HTTP layer wraps each authenticated
 * request in it; the admin command wraps its own work.
 */
export function actingAs<T>(actor: AuditActor, work: () => T): T {
  return acting.run(actor, work);
}

/** Who the current change is made for; the program itself outside any request. */
export function currentActor(): AuditActor {
  return acting.getStore() ?? SYSTEM_ACTOR;
}

/** A creating request sent with an `Idempotency-Key`: recorded with the change it makes. */
export interface IdempotencyClaim {
  /** The key, scoped to the account that sent it. */
  key: string;
  fingerprint: string;
  /** The status the first answer carries. */
  status: number;
  /** Set once the key is recorded: later writes of the same request do not record it again. */
  recorded: boolean;
}

const claims = new AsyncLocalStorage<IdempotencyClaim>();

/** Run `work` so that the first change it writes also records `claim`'s key, in the same write. */
export function withIdempotencyClaim<T>(claim: IdempotencyClaim, work: () => T): T {
  return claims.run(claim, work);
}

export function currentIdempotencyClaim(): IdempotencyClaim | undefined {
  const claim = claims.getStore();
  return claim && !claim.recorded ? claim : undefined;
}

/** A request's reads: the catch-up its first read waited for (see freshReads). */
interface ReadScope {
  caughtUp?: Promise<void> | undefined;
}

const readScopes = new AsyncLocalStorage<ReadScope>();

/**
 * Run a request's work so that its reads catch up with the other instances once: the first
 * read waits for a catch-up, the later ones reuse it (and the request's own writes are seen
 * anyway). A request thus sees every change acknowledged before it started, as a person who
 * saved through one instance and then opens a page through another expects, for one query.
 */
export function withinRequest<T>(work: () => T): T {
  return readScopes.run({}, work);
}

/** The current request's catch-up, started with `start` when it has none (or its last failed). */
export function requestCatchUp(start: () => Promise<void>): Promise<void> {
  const scope = readScopes.getStore();
  if (!scope) return start();
  scope.caughtUp ??= start().catch((error: unknown) => {
    scope.caughtUp = undefined;
    throw error;
  });
  return scope.caughtUp;
}
