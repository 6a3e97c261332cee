import type { Database } from '../domain/database.js';

/**
 * A write-ahead journal of changed records. Rewriting the whole database for every change
 * costs a full serialisation and a multi-megabyte write; instead each change appends the
 * records it touched (one JSON line, synced), and the database file is rewritten only now
 * and then (compaction). Replaying is idempotent — an upsert replaces by key, a delete
 * removes by key — so a journal replayed over a file that already holds some of its
 * changes gives the same result.
 */
export type Collection = Exclude<keyof Database, 'version'>;

/** How records of each collection are told apart. */
const KEYS: Record<Collection, string> = {
  trials: 'id',
  vendors: 'id',
  scenarios: 'id',
  probes: 'id',
  users: 'id',
  tokens: 'id',
  sessions: 'idHash',
  audit: 'seq',
};
export const COLLECTIONS = Object.keys(KEYS) as Collection[];

type AnyRecord = Record<string, unknown>;

export interface JournalEntry {
  upsert?: Partial<Record<Collection, AnyRecord[]>>;
  delete?: Partial<Record<Collection, (string | number)[]>>;
}

const keyOf = (collection: Collection, record: AnyRecord) => record[KEYS[collection]] as string | number;

/** The collections' arrays (and copies of them) as they are before a change: references only, cheap. */
export interface Snapshot {
  arrays: Record<Collection, readonly unknown[]>;
  copies: Record<Collection, readonly unknown[]>;
}

export function snapshotOf(data: Database): Snapshot {
  const arrays = Object.fromEntries(COLLECTIONS.map((collection) => [collection, data[collection]]));
  const copies = Object.fromEntries(COLLECTIONS.map((collection) => [collection, data[collection].slice()]));
  return { arrays, copies } as unknown as Snapshot;
}

/**
 * What a change did, found by reference: records are replaced, never mutated in place, so a
 * record that is not the same object as before is new or changed. An array that is still the
 * same object was only pushed to or assigned into; a new array (a filter) is compared as sets.
 */
export function changesSince(before: Snapshot, data: Database): JournalEntry | null {
  const entry: JournalEntry = {};
  let changed = false;
  for (const collection of COLLECTIONS) {
    const earlier = before.copies[collection] as AnyRecord[];
    const now = data[collection] as unknown as AnyRecord[];
    let upserts: AnyRecord[];
    let deletes: (string | number)[] = [];
    if (now === before.arrays[collection]) {
      upserts = now.filter((record, index) => record !== earlier[index]);
    } else {
      const earlierRecords = new Set(earlier);
      const nowKeys = new Set(now.map((record) => keyOf(collection, record)));
      upserts = now.filter((record) => !earlierRecords.has(record));
      deletes = earlier.map((record) => keyOf(collection, record)).filter((key) => !nowKeys.has(key));
    }
    if (upserts.length > 0) (entry.upsert ??= {})[collection] = upserts;
    if (deletes.length > 0) (entry.delete ??= {})[collection] = deletes;
    changed ||= upserts.length > 0 || deletes.length > 0;
  }
  return changed ? entry : null;
}

/** Apply journal entries to parsed (not yet validated) database JSON, in order. */
export function replay(data: Record<string, unknown>, entries: readonly JournalEntry[]): void {
  for (const entry of entries) {
    for (const collection of COLLECTIONS) {
      const deletes = new Set(entry.delete?.[collection] ?? []);
      const upserts = entry.upsert?.[collection] ?? [];
      if (deletes.size === 0 && upserts.length === 0) continue;
      const current = Array.isArray(data[collection]) ? (data[collection] as AnyRecord[]) : [];
      const kept =
        deletes.size === 0 ? current : current.filter((record) => !deletes.has(keyOf(collection, record)));
      const index = new Map(kept.map((record, position) => [keyOf(collection, record), position]));
      for (const record of upserts) {
        const position = index.get(keyOf(collection, record));
        if (position === undefined) {
          index.set(keyOf(collection, record), kept.length);
          kept.push(record);
        } else {
          kept[position] = record;
        }
      }
      data[collection] = kept;
    }
  }
}

/**
 * The entries of a journal file's text. A crash can cut the last line short; that line was
 * never acknowledged and is dropped. Any other unreadable line means a damaged journal.
 */
export function parseJournal(text: string): { entries: JournalEntry[]; damagedLine: number | null } {
  const lines = text.split('\n');
  const entries: JournalEntry[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      const isLast = lines.slice(index + 1).every((rest) => rest.trim() === '');
      if (!isLast) return { entries, damagedLine: index + 1 };
    }
  }
  return { entries, damagedLine: null };
}
