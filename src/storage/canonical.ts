import { createHash } from 'node:crypto';
import type { AuditEntry } from '../domain/accounts.js';
import { byCodePoint, canonicalJson } from '../domain/canonical.js';
import { COLLECTIONS, type Collection } from '../domain/database.js';
import { keyOf, type AnyRecord } from './journal.js';
import type { TableView } from './tables.js';

/** What a canonical export hash covers: its SHA-256 and how many records of each kind went in. */
export interface CanonicalExport {
  sha256: string;
  counts: Record<Collection | 'audit', number>;
}

/** Names the form, so a later change of it can never hash like this one. */
const FORM = 'sla-probe canonical export 1';

/**
 * One hash of all the data a store holds, the same for two stores holding the same data
 * whatever order they keep records in or wrote their keys in: what tells that a copy from the
 * data folder into PostgreSQL lost or changed nothing.
 *
 * The hashed text is, line by line: the form's name; for each collection (in COLLECTIONS
 * order) a line `<collection> <count>` and then its records sorted by key, each as canonical
 * JSON (keys sorted at every level, see domain/canonical.ts); then `audit <count>` and, for
 * each audit entry by seq, `<seq> <SHA-256 of its canonical JSON>`. Canonical JSON has no raw
 * line breaks, so the lines cannot run into each other.
 *
 * The hash is fed record by record: no text of the whole data is ever built. The audit log may
 * come in any order (both stores give it newest first, and it may not fit in memory), so only
 * each entry's digest is held until the entries are sorted by seq.
 */
export async function canonicalExportHash(
  view: TableView,
  audit: AsyncIterable<AuditEntry> | Iterable<AuditEntry>,
): Promise<CanonicalExport> {
  const hash = createHash('sha256').update(`${FORM}\n`);
  const counts = {} as Record<Collection | 'audit', number>;
  for (const collection of COLLECTIONS) {
    const records = sortedByKey(collection, view.all(collection));
    hash.update(`${collection} ${records.length}\n`);
    for (const record of records) hash.update(`${canonicalJson(record)}\n`);
    counts[collection] = records.length;
  }
  const entries = await auditDigestsBySeq(audit);
  hash.update(`audit ${entries.length}\n`);
  for (const { seq, digest } of entries) hash.update(`${seq} ${digest}\n`);
  counts.audit = entries.length;
  return { sha256: hash.digest('hex'), counts };
}

function sortedByKey(collection: Collection, records: readonly AnyRecord[]): AnyRecord[] {
  return records
    .map((record) => ({ key: keyOf(collection, record), record }))
    .sort((a, b) => byCodePoint(a.key, b.key))
    .map(({ record }) => record);
}

/** Each entry's seq and digest, by seq (two entries with one seq, which no store makes, by digest). */
async function auditDigestsBySeq(
  audit: AsyncIterable<AuditEntry> | Iterable<AuditEntry>,
): Promise<{ seq: number; digest: string }[]> {
  const entries: { seq: number; digest: string }[] = [];
  for await (const entry of audit)
    entries.push({ seq: entry.seq, digest: createHash('sha256').update(canonicalJson(entry)).digest('hex') });
  return entries.sort((a, b) => a.seq - b.seq || (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
}
