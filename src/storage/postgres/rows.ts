import type pg from 'pg';
import type { AuditEntry } from '../../domain/accounts.js';

/**
 * Records and audit entries as rows. Their JSON texts travel as text arrays and are stored as
 * text, so PostgreSQL never parses them (see the migration's note on `records.body`).
 */

/** A record as a row: its collection, key and JSON text. */
export interface RecordRow {
  collection: string;
  key: string;
  body: string;
}

/**
 * Puts records from parameters $n…$n+2 (collections, keys, texts) in their order: a new key
 * takes the next `ord` (lists read back in the order records were first stored), a stored one
 * keeps its place and takes the new text.
 */
export const putRecordsSql = (n: number): string =>
  `INSERT INTO records (collection, key, ord, body)
   SELECT c, k, nextval('records_ord'), b
   FROM unnest($${n}::text[], $${n + 1}::text[], $${n + 2}::text[]) WITH ORDINALITY AS t(c, k, b, i) ORDER BY i
   ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body`;

export const recordParams = (rows: readonly RecordRow[]): string[][] => [
  rows.map((row) => row.collection),
  rows.map((row) => row.key),
  rows.map((row) => row.body),
];

/** Inserts audit entries from parameters $n, $n+1 (sequence numbers, texts). */
export const insertAuditSql = (n: number): string =>
  `INSERT INTO audit (seq, entry) SELECT * FROM unnest($${n}::bigint[], $${n + 1}::text[])`;

export const auditParams = (entries: readonly AuditEntry[]): [number[], string[]] => [
  entries.map((entry) => entry.seq),
  entries.map((entry) => JSON.stringify(entry)),
];

export async function removeRecords(
  client: pg.ClientBase,
  keys: readonly { collection: string; key: string }[],
): Promise<void> {
  if (keys.length === 0) return;
  await client.query(
    `DELETE FROM records AS r USING unnest($1::text[], $2::text[]) AS d(c, k)
     WHERE r.collection = d.c AND r.key = d.k`,
    [keys.map((key) => key.collection), keys.map((key) => key.key)],
  );
}
