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
