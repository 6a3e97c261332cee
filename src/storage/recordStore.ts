import type { AuditEntry } from '../domain/accounts.js';
import type { Change } from './journal.js';
import { requestCatchUp } from './requestContext.js';
import type { TableView } from './tables.js';

/** An audit entry before the store numbers it. */
export type UnnumberedAuditEntry = Omit<AuditEntry, 'seq'>;

/** What a command decided: the records to put and remove, the audit entries, and its result. */
export interface Decision<T> {
  change?: (Omit<Change, 'audit'> & { audit?: UnnumberedAuditEntry[] }) | undefined;
  result: T;
}

/**
 * What the repository runs on: the data folder's Store (one process, a JSON file and its
 * journal) or PostgreSQL's PgStore (any number of instances sharing one database). Both hold
 * the records in memory as `view` and take every write as a command deciding against them.
 */
export interface RecordStore {
  /** The acknowledged data, for queries. Records are frozen: change them only through `commit`. */
  readonly view: TableView;
  /**
   * Brings `view` up to every change acknowledged anywhere before the call: a no-op for the
   * data folder (its process is the only writer), a catch-up on the change log for PostgreSQL.
   */
  refresh(): Promise<void>;
  /**
   * Runs a command: `decide` looks at the data as it stands (with the changes decided before it
   * in the same batch) and says what to change; the promise resolves with its result once the
   * change is durable. `decide` must not change what it sees; throwing refuses the command alone.
   * It may run more than once (PostgreSQL decides a batch again when another instance wrote
   * first), so it does nothing but look and decide.
   */
  commit<T>(decide: (view: TableView) => Decision<T>): Promise<T>;
  /** Grows with every change to trial data: what was computed at one value still holds. */
  readonly dataRevision: number;
  /** Audit entries, newest first. */
  auditNewestFirst(): AsyncGenerator<AuditEntry>;
  /** Resolves once every queued command is done. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A query over the store's records as they stand once it has caught up with every instance:
 * once per request (withinRequest), at every read outside one (the alert loop, scripts).
 */
export const freshReads =
  (store: RecordStore) =>
  <T>(read: () => T): Promise<T> =>
    requestCatchUp(() => store.refresh()).then(read);
