import pg from 'pg';
import type { AuditEntry } from '../../domain/accounts.js';
import { COLLECTIONS, emptyDatabase, type Collection, type Database } from '../../domain/database.js';
import { CommandQueue, decideBatch, touchesTrials, type Command } from '../batch.js';
import { WriteRefusedError } from '../errors.js';
import { keyOf, type AnyRecord, type Change } from '../journal.js';
import type { Decision, RecordStore } from '../recordStore.js';
import { firstIssue, parseRecord } from '../recordCheck.js';
import { Tables, type TableView } from '../tables.js';
import { LOCKS, migrate } from './migrations.js';
import { auditParams, insertAuditSql, putRecordsSql, recordParams, removeRecords } from './rows.js';

export interface PgStoreOptions {
  /** Connections this instance keeps to the database (10 unless told). */
  poolSize?: number;
  /**
   * Records that no longer matter (expired sessions, old request answers), removed at open and
   * then hourly, as the data folder drops them when it folds its journal.
   */
  expired?: (view: TableView) => [Collection, string][];
}

/** A change-log row as stored (bigint comes back as text, the changes as JSON text). */
interface ChangeRow {
  seq: string;
  touches_trials: boolean;
  audit_seq: string;
  body: string;
}

/** A change-log row to apply. */
interface LoggedChange {
  seq: number;
  touchesTrials: boolean;
  /** The last audit entry's number once it is applied. */
  auditSeq: number;
  changes: readonly Change[];
}

const logged = (row: ChangeRow): LoggedChange => ({
  seq: Number(row.seq),
  touchesTrials: row.touches_trials,
  auditSeq: Number(row.audit_seq),
  changes: JSON.parse(row.body) as Change[],
});

/** Changes kept in the log for instances to catch up on; one further behind reloads instead. */
const KEEP_CHANGES = 1000;
const PRUNE_EVERY_BATCHES = 100;
const EXPIRE_EVERY_MS = 60 * 60_000;
const AUDIT_PAGE = 1000;
const CATCH_UP = 'SELECT seq, touches_trials, audit_seq, body FROM changes WHERE seq >';
/** PostgreSQL's SQLSTATE for a full disk. */
const DISK_FULL = '53100';

/**
 * The repository's records in PostgreSQL, shared by any number of app instances. Each instance
 * holds the records in memory, as the data folder's Store does, and keeps them current from a
 * change log: every committed batch is one numbered row of it.
 *
 * A batch of commands is written in one transaction that first takes an advisory lock (so
 * batches of all instances take turns and are numbered without gaps), catches up on the log,
 * decides each command against the records as they now stand, writes the records, the audit
 * entries and the log row, and commits; only then is it applied in memory and acknowledged.
 * A failed transaction refuses every command of the batch and leaves nothing behind.
 * Reads catch up first (`refresh`), so a write acknowledged by one instance is seen by a read
 * that any instance starts after it.
 */
export class PgStore implements RecordStore {
  private readonly tables = new Tables(emptyDatabase(''), false);
  private readonly commands = new CommandQueue((batch) => this.writeBatch(batch));
  /** The last change-log row applied to `tables`. */
  private appliedSeq = 0;
  private auditSeq = 0;
  private trialChanges = 0;
  private batches = 0;
  private catchingUp: Promise<void> | null = null;
  private followingCatchUp: Promise<void> | null = null;
  private expiring: NodeJS.Timeout | undefined;
  private closing: Promise<void> | null = null;

  private constructor(
    /** The connection pool, shared with what else lives in the database (attachments, sign-ins). */
    readonly pool: pg.Pool,
    private readonly options: PgStoreOptions,
  ) {}

  /** Connects, brings the schema up to date and loads the records. */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      application_name: 'sla-probe',
    });
    // An idle connection the server closed is replaced at the next query; say why it went.
    pool.on('error', (error) => {
      console.error('A PostgreSQL connection was lost:', error.message);
    });
    try {
      await migrate(pool);
      const store = new PgStore(pool, options);
      await store.reload();
      if (options.expired) {
        await store.dropExpired();
        store.expiring = setInterval(() => void store.dropExpired(), EXPIRE_EVERY_MS);
        store.expiring.unref();
      }
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  get view(): TableView {
    return this.tables;
  }

  get dataRevision(): number {
    return this.trialChanges;
  }

  /**
   * Catches up on the change log. A query already on its way may have left before the caller's
   * moment, so callers arriving meanwhile share the one that starts when it is back.
   */
  refresh(): Promise<void> {
    if (this.catchingUp === null) return this.startCatchUp();
    this.followingCatchUp ??= this.catchingUp
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.followingCatchUp = null;
        return this.startCatchUp();
      });
    return this.followingCatchUp;
  }

  private startCatchUp(): Promise<void> {
    const running = this.catchUp(this.pool).finally(() => {
      if (this.catchingUp === running) this.catchingUp = null;
    });
    this.catchingUp = running;
    return running;
  }

  commit<T>(decide: (view: TableView) => Decision<T>): Promise<T> {
    return this.commands.push(decide);
  }

  settled(): Promise<void> {
    return this.commands.settled();
  }

  async *auditNewestFirst(): AsyncGenerator<AuditEntry> {
    let before: number | null = null;
    for (;;) {
      const { rows }: pg.QueryResult<{ seq: string; entry: string }> = await this.pool.query(
        `SELECT seq, entry FROM audit ${before === null ? '' : 'WHERE seq < $2'} ORDER BY seq DESC LIMIT $1`,
        before === null ? [AUDIT_PAGE] : [AUDIT_PAGE, before],
      );
      for (const row of rows) yield JSON.parse(row.entry) as AuditEntry;
      const last = rows.at(-1);
      if (rows.length < AUDIT_PAGE || !last) return;
      before = Number(last.seq);
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.expiring);
      await this.commands.close();
      await this.pool.end();
    })();
    return this.closing;
  }

  /**
   * Every record, and where the change log stands, read in one snapshot; inside a write, on its
   * connection (the write lock keeps the data still).
   */
  private async reload(inWrite?: pg.ClientBase): Promise<void> {
    if (inWrite) return this.load(inWrite);
    const connection = await this.pool.connect();
    try {
      await connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await this.load(connection);
      await connection.query('COMMIT');
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  private async load(connection: pg.ClientBase): Promise<void> {
    const position = await connection.query<{ seq: string; audit_seq: string }>(
      `SELECT (SELECT coalesce(max(seq), 0) FROM changes) AS seq,
              (SELECT coalesce(max(seq), 0) FROM audit) AS audit_seq`,
    );
    const records = await connection.query<{ collection: Collection; key: string; body: string }>(
      'SELECT collection, key, body FROM records ORDER BY ord',
    );
    const database = Object.fromEntries(COLLECTIONS.map((collection) => [collection, [] as AnyRecord[]]));
    for (const row of records.rows) database[row.collection]?.push(checked(row));
    this.tables.reset(database as unknown as Pick<Database, Collection>);
    this.appliedSeq = Number(position.rows[0]?.seq ?? 0);
    this.auditSeq = Number(position.rows[0]?.audit_seq ?? 0);
    this.trialChanges++;
  }

  /** Applies the log's rows after the last one applied; reloads when some were pruned. */
  private async catchUp(client: pg.ClientBase | pg.Pool): Promise<void> {
    const { rows } = await client.query<ChangeRow>(`${CATCH_UP} $1 ORDER BY seq`, [this.appliedSeq]);
    if (!this.apply(rows.map(logged))) await this.reload(client instanceof pg.Pool ? undefined : client);
  }

  /**
   * Applies rows in order, skipping those already applied (two catch-ups may cross). False when
   * a row is missing (pruned from the log): the caller reloads.
   */
  private apply(rows: readonly LoggedChange[]): boolean {
    for (const { seq, touchesTrials, auditSeq, changes } of rows) {
      if (seq <= this.appliedSeq) continue;
      if (seq !== this.appliedSeq + 1) return false;
      for (const change of changes) this.tables.apply(change);
      this.appliedSeq = seq;
      this.auditSeq = Math.max(this.auditSeq, auditSeq);
      if (touchesTrials) this.trialChanges++;
    }
    return true;
  }

  /**
   * One batch, one transaction, in three round trips: begin, take the lock and read the log's
   * new rows; write everything (removals first, when there are any); commit.
   */
  private async writeBatch(batch: Command[]): Promise<void> {
    let client: pg.PoolClient | undefined;
    let outcome: ReturnType<typeof decideBatch> | undefined;
    try {
      client = await this.pool.connect();
      // Several statements in one query go without parameters: both numbers are ours.
      const opened = (await client.query(
        `BEGIN; SET LOCAL lock_timeout = '30s'; SELECT pg_advisory_xact_lock(${LOCKS.write});
         ${CATCH_UP} ${Math.trunc(this.appliedSeq)} ORDER BY seq`,
      )) as unknown as pg.QueryResult<ChangeRow>[];
      if (!this.apply((opened.at(-1)?.rows ?? []).map(logged))) await this.reload(client);
      outcome = decideBatch(this.tables, batch, this.auditSeq);
      if (outcome.changes.length > 0) {
        const row: LoggedChange = {
          seq: this.appliedSeq + 1,
          touchesTrials: outcome.changes.some(touchesTrials),
          auditSeq: outcome.auditSeq,
          // The audit entries have their own table.
          changes: outcome.changes.map(({ audit: _audit, ...records }) => records),
        };
        await writeChange(client, outcome.changes, row);
        if (++this.batches % PRUNE_EVERY_BATCHES === 0)
          await client.query(`DELETE FROM changes WHERE seq <= $1 AND at < now() - interval '10 minutes'`, [
            this.appliedSeq + 1 - KEEP_CHANGES,
          ]);
        await client.query('COMMIT');
        this.apply([row]);
      } else {
        await client.query('COMMIT');
      }
    } catch (error) {
      await client?.query('ROLLBACK').catch(() => undefined);
      const refused = new WriteRefusedError(errorCode(error) === DISK_FULL, error);
      if (!refused.diskFull) console.error('Could not write to PostgreSQL:', error);
      // Those decided are refused; those not reached yet (a failure before deciding) too.
      const settled = new Set(outcome?.decided.map(({ command }) => command));
      for (const command of batch) if (!outcome || settled.has(command)) command.reject(refused);
      return;
    } finally {
      client?.release();
    }
    for (const { command, result } of outcome.decided) command.resolve(result);
  }

  private async dropExpired(): Promise<void> {
    const expired = this.options.expired;
    if (!expired) return;
    await this.refresh();
    await this.commit((view) => {
      const drop: Partial<Record<Collection, string[]>> = {};
      for (const [collection, key] of expired(view)) (drop[collection] ??= []).push(key);
      return { change: { delete: drop }, result: undefined };
    }).catch((error: unknown) => {
      console.error('Could not drop expired records:', error);
    });
  }
}

/**
 * Writes a batch: its records, its audit entries and its change-log row. The keys removed at
 * any point go first (a statement of their own); then, in one statement with the rest, each
 * record that stands at the end is put, new ones in the order they were first put after their
 * last removal, so lists read back in the order the in-memory tables keep (a record put again
 * keeps its place; one removed and put again moves to the end).
 */
async function writeChange(
  client: pg.ClientBase,
  changes: readonly Change[],
  row: LoggedChange,
): Promise<void> {
  const removed = new Map<string, { collection: Collection; key: string }>();
  const standing = new Map<
    string,
    { collection: Collection; key: string; body: AnyRecord | null; order: number }
  >();
  let order = 0;
  for (const change of changes) {
    for (const collection of COLLECTIONS) {
      for (const key of change.delete?.[collection] ?? []) {
        const id = `${collection}\u0000${key}`;
        removed.set(id, { collection, key });
        standing.set(id, { collection, key, body: null, order: Number.POSITIVE_INFINITY });
      }
      for (const record of change.put?.[collection] ?? []) {
        const key = keyOf(collection, record);
        const id = `${collection}\u0000${key}`;
        const before = standing.get(id);
        standing.set(id, { collection, key, body: record, order: before?.body ? before.order : order++ });
      }
    }
  }
  await removeRecords(client, [...removed.values()]);
  const puts = [...standing.values()]
    .filter((entry) => entry.body !== null)
    .sort((a, b) => a.order - b.order)
    .map(({ collection, key, body }) => ({ collection, key, body: JSON.stringify(body) }));
  await client.query(
    `WITH put AS (${putRecordsSql(1)}), audited AS (${insertAuditSql(4)})
     INSERT INTO changes (seq, touches_trials, audit_seq, body) VALUES ($6, $7, $8, $9)`,
    [
      ...recordParams(puts),
      ...auditParams(changes.flatMap((change) => change.audit ?? [])),
      row.seq,
      row.touchesTrials,
      row.auditSeq,
      JSON.stringify(row.changes),
    ],
  );
}

/** A stored record that its schema refuses: the instance does not start on data it cannot read. */
export class InvalidRecordError extends Error {
  constructor(collection: string, key: string, problem: string) {
    super(
      `PostgreSQL holds a record that is not valid: ${collection} ${key}: ${problem}. Nothing was changed; fix or restore the row in the table records, then start again.`,
    );
    this.name = 'InvalidRecordError';
  }
}

/** A record as loaded: parsed, and checked against its collection's schema (as a data folder's records are). */
function checked(row: { collection: Collection; key: string; body: string }): AnyRecord {
  let record: unknown;
  try {
    record = JSON.parse(row.body);
  } catch {
    throw new InvalidRecordError(row.collection, row.key, 'its text is not JSON');
  }
  const result = parseRecord(row.collection, record);
  if (!result.success) throw new InvalidRecordError(row.collection, row.key, firstIssue(result.error));
  return record as AnyRecord;
}

const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
