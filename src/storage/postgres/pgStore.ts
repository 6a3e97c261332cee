import pg from 'pg';
import type { AuditEntry } from '../../domain/accounts.js';
import { COLLECTIONS, emptyDatabase, type Collection, type Database } from '../../domain/database.js';
import { CommandQueue, decideBatch, touchesTrials, type Command } from '../batch.js';
import { WriteRefusedError } from '../errors.js';
import { errorCode, isDiskFull } from '../fileSystem.js';
import { keyOf, type AnyRecord, type Change } from '../journal.js';
import type { Decision, RecordStore } from '../recordStore.js';
import { firstIssue, parseRecord } from '../recordCheck.js';
import { Tables, type TableView } from '../tables.js';
import { migrate } from './migrations.js';
import {
  auditParams,
  insertAuditSql,
  keyParams,
  putRecordsSql,
  recordParams,
  removeRecordsSql,
} from './rows.js';

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

/** A change-log row to apply; `changes` null for a row that says to reload everything. */
interface LoggedChange {
  seq: number;
  touchesTrials: boolean;
  /** The last audit entry's number once it is applied. */
  auditSeq: number;
  changes: readonly Change[] | null;
}

/**
 * The body of a change-log row written by a bulk load (admin migrate-to-postgres), which puts
 * records without logging them: an instance that reaches it reloads every record.
 */
export const RELOAD_EVERYTHING = '{"reload":true}';

const logged = (row: ChangeRow): LoggedChange => {
  const body = JSON.parse(row.body) as unknown;
  return {
    seq: Number(row.seq),
    touchesTrials: row.touches_trials,
    auditSeq: Number(row.audit_seq),
    changes: Array.isArray(body) ? (body as Change[]) : null,
  };
};

/** Changes kept in the log for instances to catch up on; one further behind reloads instead. */
const KEEP_CHANGES = 1000;
const PRUNE_EVERY_BATCHES = 100;
const EXPIRE_EVERY_MS = 60 * 60_000;
const AUDIT_PAGE = 1000;
/** PostgreSQL's SQLSTATE for a key taken (here: the log's next number). */
const UNIQUE_VIOLATION = '23505';
/** Tries of a batch that keeps losing its number to other instances before it is refused. */
const MAX_ATTEMPTS = 50;

/**
 * The repository's records in PostgreSQL, shared by any number of app instances. Each instance
 * holds the records in memory, as the data folder's Store does, and keeps them current from a
 * change log: every committed batch is one numbered row of it.
 *
 * A batch of commands is decided against the records as this instance holds them and written
 * in one statement — records, audit entries and the log row numbered next — which fails whole
 * when another instance took that number first; the batch is then decided again on the
 * caught-up records (see writeBatch). Only a written batch is applied in memory and
 * acknowledged; a refused one leaves nothing behind. Reads catch up first (`refresh`, once per
 * request), so a write acknowledged by one instance is seen by a request any instance starts
 * after it.
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
    const running = this.catchUp().finally(() => {
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
   * Every record, and where the change log stands, read in one snapshot. A snapshot older than
   * what this instance applied meanwhile (its own write, landed while the snapshot was read) is
   * read again, once: the second one is taken whatever it holds (a database restored to an
   * earlier point holds less than any instance applied).
   */
  private async reload(): Promise<void> {
    const connection = await this.pool.connect();
    try {
      for (const anyway of [false, true]) {
        await connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const taken = await this.load(connection, anyway);
        await connection.query('COMMIT');
        if (taken) break;
      }
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  /**
   * Takes the records as the connection's snapshot holds them; false (nothing taken) when it
   * is older than what is applied, unless `anyway`.
   */
  private async load(connection: pg.ClientBase, anyway: boolean): Promise<boolean> {
    const position = await connection.query<{ seq: string; audit_seq: string }>(
      `SELECT (SELECT coalesce(max(seq), 0) FROM changes) AS seq,
              (SELECT coalesce(max(seq), 0) FROM audit) AS audit_seq`,
    );
    const records = await connection.query<{ collection: Collection; key: string; body: string }>(
      'SELECT collection, key, body FROM records ORDER BY ord',
    );
    const seq = Number(position.rows[0]?.seq ?? 0);
    if (seq < this.appliedSeq && !anyway) return false;
    const database = Object.fromEntries(COLLECTIONS.map((collection) => [collection, [] as AnyRecord[]]));
    for (const row of records.rows) database[row.collection]?.push(checked(row));
    this.tables.reset(database as unknown as Pick<Database, Collection>);
    this.appliedSeq = seq;
    this.auditSeq = Number(position.rows[0]?.audit_seq ?? 0);
    this.trialChanges++;
    return true;
  }

  /** Applies the log's rows after the last one applied; reloads when some were pruned. */
  private async catchUp(): Promise<void> {
    const { rows } = await this.pool.query<ChangeRow>(
      'SELECT seq, touches_trials, audit_seq, body FROM changes WHERE seq > $1 ORDER BY seq',
      [this.appliedSeq],
    );
    if (!this.apply(rows.map(logged))) await this.reload();
  }

  /**
   * Applies rows in order, skipping those already applied (two catch-ups may cross). False when
   * a row is missing (pruned from the log) or says to reload: the caller reloads.
   */
  private apply(rows: readonly LoggedChange[]): boolean {
    for (const { seq, touchesTrials, auditSeq, changes } of rows) {
      if (seq <= this.appliedSeq) continue;
      if (seq !== this.appliedSeq + 1 || changes === null) return false;
      for (const change of changes) this.tables.apply(change);
      this.appliedSeq = seq;
      this.auditSeq = Math.max(this.auditSeq, auditSeq);
      if (touchesTrials) this.trialChanges++;
    }
    return true;
  }

  /**
   * A batch is decided against the records as they stand once this instance has caught up, and
   * written in one statement that takes the next number of the change log. When another
   * instance took that number first, the statement fails whole (the log's primary key),
   * nothing of it is stored, and the batch is decided again on the caught-up records:
   * optimistic concurrency on one version for all the data. Each conflict means another
   * instance's batch landed, so the instances together always make progress. Two round trips
   * when no other instance writes at the same moment.
   */
  private async writeBatch(batch: Command[]): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      const refused = new WriteRefusedError(isDiskFull(error), error);
      console.error('Could not read from PostgreSQL before writing:', error);
      for (const command of batch) command.reject(refused);
      return;
    }
    let pending: readonly Command[] = batch;
    for (let attempt = 1; ; attempt++) {
      const outcome = decideBatch(this.tables, pending, this.auditSeq);
      const decided = outcome.decided.map(({ command }) => command);
      try {
        if (outcome.changes.length > 0) {
          const row: LoggedChange = {
            seq: this.appliedSeq + 1,
            touchesTrials: outcome.changes.some(touchesTrials),
            auditSeq: outcome.auditSeq,
            // The audit entries have their own table.
            changes: outcome.changes.map(({ audit: _audit, ...records }) => records),
          };
          await writeChange(this.pool, outcome.changes, row);
          this.apply([row]);
          if (++this.batches % PRUNE_EVERY_BATCHES === 0) void this.pruneLog(row.seq);
        }
      } catch (error) {
        if (errorCode(error) === UNIQUE_VIOLATION && attempt < MAX_ATTEMPTS) {
          const caughtUp = await this.refresh().then(
            () => true,
            () => false,
          );
          if (caughtUp) {
            pending = decided;
            continue;
          }
        }
        const refused = new WriteRefusedError(isDiskFull(error), error);
        if (!refused.diskFull) console.error('Could not write to PostgreSQL:', error);
        for (const command of decided) command.reject(refused);
        return;
      }
      for (const { command, result } of outcome.decided) command.resolve(result);
      return;
    }
  }

  /** Drops change-log rows every instance has long applied (one further behind reloads). */
  private async pruneLog(seq: number): Promise<void> {
    await this.pool
      .query(`DELETE FROM changes WHERE seq <= $1 AND at < now() - interval '10 minutes'`, [
        seq - KEEP_CHANGES,
      ])
      .catch((error: unknown) => {
        console.error('Could not prune the change log:', error);
      });
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
 * Writes a batch in one statement: its records, its audit entries and its change-log row
 * numbered `row.seq`, all or nothing. The keys that end removed are deleted; each record that
 * stands at the end is put, new ones in the order they were first put after their last
 * removal, so lists read back in the order the in-memory tables keep (a record put again keeps
 * its place; one removed and put again moves to the end). The two sets of keys never meet, as
 * one statement must not change a row twice.
 */
async function writeChange(pool: pg.Pool, changes: readonly Change[], row: LoggedChange): Promise<void> {
  const standing = new Map<
    string,
    { collection: Collection; key: string; body: AnyRecord | null; removed: boolean; order: number }
  >();
  let order = 0;
  for (const change of changes) {
    for (const collection of COLLECTIONS) {
      for (const key of change.delete?.[collection] ?? [])
        standing.set(`${collection}\u0000${key}`, {
          collection,
          key,
          body: null,
          removed: true,
          order: Number.POSITIVE_INFINITY,
        });
      for (const record of change.put?.[collection] ?? []) {
        const key = keyOf(collection, record);
        const id = `${collection}\u0000${key}`;
        const before = standing.get(id);
        standing.set(id, {
          collection,
          key,
          body: record,
          removed: before?.removed ?? false,
          order: before?.body ? before.order : order++,
        });
      }
    }
  }
  const entries = [...standing.values()];
  const removed = entries.filter((entry) => entry.body === null);
  const puts = entries
    .filter((entry) => entry.body !== null)
    .sort((a, b) => a.order - b.order)
    .map((entry) => ({ ...entry, body: JSON.stringify(entry.body) }));
  await pool.query(
    `WITH removed AS (${removeRecordsSql(1)}),
          put AS (${putRecordsSql(3, 6)}),
          audited AS (${insertAuditSql(8)})
     INSERT INTO changes (seq, touches_trials, audit_seq, body) VALUES ($10, $11, $12, $13)`,
    [
      ...keyParams(removed),
      ...recordParams(puts),
      ...keyParams(puts.filter((put) => put.removed)),
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
