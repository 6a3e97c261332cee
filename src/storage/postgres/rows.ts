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
 * keeps its place and takes the new text — unless it is among the keys `moved` names
 * (parameters $moved, $moved+1: collections, keys), which were removed and put again and so
 * move to the end, as the in-memory tables move them.
 */
export const putRecordsSql = (n: number, moved?: number): string =>
  `INSERT INTO records AS r (collection, key, ord, body)
   SELECT c, k, nextval('records_ord'), b
   FROM unnest($${n}::text[], $${n + 1}::text[], $${n + 2}::text[]) WITH ORDINALITY AS t(c, k, b, i) ORDER BY i
   ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body${
     moved === undefined
       ? ''
       : `, ord = CASE WHEN (r.collection, r.key) IN (SELECT * FROM unnest($${moved}::text[], $${moved + 1}::text[]))
          THEN excluded.ord ELSE r.ord END`
   }`;

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

/** Removes the records that parameters $n, $n+1 name (collections, keys). */
export const removeRecordsSql = (n: number): string =>
  `DELETE FROM records AS r USING unnest($${n}::text[], $${n + 1}::text[]) AS d(c, k)
   WHERE r.collection = d.c AND r.key = d.k`;

export const keyParams = (keys: readonly { collection: string; key: string }[]): string[][] => [
  keys.map((key) => key.collection),
  keys.map((key) => key.key),
];
