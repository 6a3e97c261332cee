import type { AuditActor } from '../domain/accounts.js';
import type { Collection, IdempotencyRecord, Row } from '../domain/database.js';
import { auditEntry, type AuditRecord } from './auditTrail.js';
import type { AnyRecord } from './journal.js';
import { currentActor, currentIdempotencyClaim } from './requestContext.js';
import type { Decision, RecordStore, UnnumberedAuditEntry } from './recordStore.js';
import type { TableView } from './tables.js';

/** How long a request's answer is kept for its retries (SPEC §9). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

export const isLive = (record: IdempotencyRecord, now: Date): boolean =>
  now.getTime() - Date.parse(record.createdAt) < IDEMPOTENCY_TTL_MS;

/** A creating request was retried: the key is already recorded, with the first answer. */
export class IdempotencyKeyTakenError extends Error {
  constructor(readonly record: IdempotencyRecord) {
    super('This Idempotency-Key was already used');
    this.name = 'IdempotencyKeyTakenError';
  }
}

/** What one command puts, removes and audits, collected while it decides. */
export class Draft {
  private readonly puts: Partial<Record<Collection, AnyRecord[]>> = {};
  private readonly deletes: Partial<Record<Collection, string[]>> = {};
  private readonly audits: UnnumberedAuditEntry[] = [];

  /** `actor`: whom the audit entries name unless an entry names its own (a login names the account). */
  constructor(
    readonly at: Date,
    private readonly actor: AuditActor,
  ) {}

  put<C extends Collection>(collection: C, record: Row<C>): void {
    const puts: Partial<Record<Collection, AnyRecord[]>> = this.puts;
    const key: Collection = collection;
    (puts[key] ??= []).push(record);
  }

  remove(collection: Collection, key: string): void {
    (this.deletes[collection] ??= []).push(key);
  }

  audit(record: AuditRecord): void {
    const entry = auditEntry(this.at, record, this.actor);
    if (entry) this.audits.push(entry);
  }

  get isEmpty(): boolean {
    return Object.keys(this.puts).length === 0 && Object.keys(this.deletes).length === 0;
  }

  toChange(): Decision<unknown>['change'] {
    return { put: this.puts, delete: this.deletes, audit: this.audits };
  }
}

/**
 * Run a write command on the store: `decide` reads the data as it stands and records in the
 * draft what to change. When the current request carries an Idempotency-Key, its first write
 * records the key with the answer (`answer(result)`, the result itself by default) in the same
 * journal record, and a key recorded before refuses the command with IdempotencyKeyTakenError.
 */
export async function runCommand<T>(
  store: RecordStore,
  now: () => Date,
  decide: (view: TableView, draft: Draft) => T,
  answer: (result: T) => unknown = (result) => result,
): Promise<T> {
  // Both are read here, in the caller's context: the command runs later, in the batch's.
  const claim = currentIdempotencyClaim();
  const actor = currentActor();
  let claimed = false as boolean;
  const result = await store.commit((view) => {
    const at = now();
    const draft = new Draft(at, actor);
    if (claim) {
      const earlier = view.get('idempotency', claim.key);
      if (earlier && isLive(earlier, at)) throw new IdempotencyKeyTakenError(earlier);
    }
    const result = decide(view, draft);
    if (claim && !draft.isEmpty) {
      draft.put('idempotency', {
        key: claim.key,
        fingerprint: claim.fingerprint,
        status: claim.status,
        body: JSON.parse(JSON.stringify(answer(result) ?? null)) as unknown,
        createdAt: at.toISOString(),
      });
      claimed = true;
    }
    return { change: draft.toChange(), result };
  });
  if (claim && claimed) claim.recorded = true;
  return result;
}
