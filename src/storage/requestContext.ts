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
