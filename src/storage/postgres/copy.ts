import type pg from 'pg';
import type { AuditEntry } from '../../domain/accounts.js';
import { COLLECTIONS, type Collection } from '../../domain/database.js';
import { sha256Of } from '../attachments.js';
import { keyOf } from '../journal.js';
import type { TableView } from '../tables.js';
import { migrate } from './migrations.js';
import { RELOAD_EVERYTHING } from './pgStore.js';
import { auditParams, insertAuditSql, putRecordsSql, recordParams } from './rows.js';

/** What a copy reads: the records as a store holds them, its audit log and its evidence files. */
export interface CopySource {
  view: TableView;
  auditOldestFirst: AsyncIterable<AuditEntry> | Iterable<AuditEntry>;
  attachments: AsyncIterable<{ sha256: string; bytes: Buffer }>;
}

/** How many of each were copied. */
export type CopyCounts = Record<Collection | 'audit' | 'attachments', number>;

/** `a`, `a and b`, `a, b and c`. */
const listed = (items: readonly string[]): string =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}` : (items[0] ?? '');

/** The database already holds data: a copy would mix two histories, so nothing was copied. */
export class DatabaseNotEmptyError extends Error {
  constructor(readonly holds: readonly string[]) {
    super(
      `The database already holds ${listed(holds)}: data is copied only into an empty database. Nothing was copied.`,
    );
    this.name = 'DatabaseNotEmptyError';
  }
}

/**
 * Rows per INSERT, and the most JSON text one takes (a probe with many events is large): few
 * round trips without one statement growing past what the server is glad to parse.
 */
const CHUNK_ROWS = 1000;
const CHUNK_CHARS = 8 * 1024 * 1024;

/**
 * Copies a store's data (the data folder's, say) into a PostgreSQL database that holds none,
 * in one transaction: the database ends with all of it or, on any failure, nothing of it.
 *
 * The change log is locked first, so an instance already running on the database cannot write
 * between the check and the copy (its write waits, then finds its number taken and catches
 * up). Records keep the source's order (lists read back as they did); the change log gets one
 * row standing for the whole copy, which tells instances to reload every record, so PgStore
 * numbers the next change 2 and the next audit entry after the copied ones.
 * The schema is brought up to date first.
 */
export async function copyIntoEmptyDatabase(pool: pg.Pool, source: CopySource): Promise<CopyCounts> {
  await migrate(pool);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('LOCK TABLE changes IN EXCLUSIVE MODE');
    await refuseUnlessEmpty(client);
    const counts = {} as CopyCounts;
    for (const collection of COLLECTIONS)
      counts[collection] = await copyRecords(client, collection, source.view);
    const audit = await copyAudit(client, source.auditOldestFirst);
    counts.audit = audit.count;
    counts.attachments = await copyAttachments(client, source.attachments);
    await client.query(
      'INSERT INTO changes (seq, touches_trials, audit_seq, body) VALUES (1, true, $1, $2)',
      [audit.lastSeq, RELOAD_EVERYTHING],
    );
    await client.query('COMMIT');
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Records, audit entries or a change log mean the database is in use (or was): the copy's
 * change-log row would clash with one there, and instances would miss the copied records.
 */
async function refuseUnlessEmpty(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ records: boolean; audit: boolean; changes: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM records) AS records,
            EXISTS (SELECT 1 FROM audit) AS audit,
            EXISTS (SELECT 1 FROM changes) AS changes`,
  );
  const found = rows[0];
  const holds = [
    ...(found?.records ? ['records'] : []),
    ...(found?.audit ? ['audit entries'] : []),
    ...(found?.changes ? ['a change log'] : []),
  ];
  if (holds.length > 0) throw new DatabaseNotEmptyError(holds);
}

/** A collection's records in the view's order: `ord` is drawn in that order, as PgStore's writes draw it. */
async function copyRecords(client: pg.ClientBase, collection: Collection, view: TableView): Promise<number> {
  const rows = view
    .all(collection)
    .map((record) => ({ collection, key: keyOf(collection, record), body: JSON.stringify(record) }));
  for await (const chunk of chunks(rows, (row) => row.body.length))
    await client.query(putRecordsSql(1), recordParams(chunk));
  return rows.length;
}

async function copyAudit(
  client: pg.ClientBase,
  entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>,
): Promise<{ count: number; lastSeq: number }> {
  let count = 0;
  let lastSeq = 0;
  async function* counted(): AsyncGenerator<AuditEntry> {
    for await (const entry of entries) {
      count++;
      lastSeq = Math.max(lastSeq, entry.seq);
      yield entry;
    }
  }
  // An entry's size is guessed from its changes: it is turned into text once, by auditParams.
  for await (const chunk of chunks(counted(), (entry) => 200 + entry.changes.length * 400))
    await client.query(insertAuditSql(1), auditParams(chunk));
  return { count, lastSeq };
}

/**
 * One file a statement (a file may be megabytes). A file whose bytes do not hash to its name
 * was damaged where it was kept: it is refused rather than stored under a name it no longer has.
 * Files the database already has (by hash, so the same bytes) are kept, marked as just saved.
 */
async function copyAttachments(
  client: pg.ClientBase,
  files: AsyncIterable<{ sha256: string; bytes: Buffer }>,
): Promise<number> {
  let count = 0;
  for await (const { sha256, bytes } of files) {
    if (sha256Of(bytes) !== sha256)
      throw new Error(
        `The evidence file ${sha256} does not hash to its name: its bytes are damaged. Nothing was copied.`,
      );
    await client.query(
      `INSERT INTO attachment_files (sha256, bytes) VALUES ($1, $2)
       ON CONFLICT (sha256) DO UPDATE SET saved_at = excluded.saved_at`,
      [sha256, bytes],
    );
    count++;
  }
  return count;
}

/** Items gathered into lists of at most CHUNK_ROWS items and about CHUNK_CHARS characters of text. */
async function* chunks<T>(
  items: AsyncIterable<T> | Iterable<T>,
  size: (item: T) => number,
): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  let chars = 0;
  for await (const item of items) {
    const itemSize = size(item);
    if (chunk.length > 0 && (chunk.length >= CHUNK_ROWS || chars + itemSize > CHUNK_CHARS)) {
      yield chunk;
      chunk = [];
      chars = 0;
    }
    chunk.push(item);
    chars += itemSize;
  }
  if (chunk.length > 0) yield chunk;
}
