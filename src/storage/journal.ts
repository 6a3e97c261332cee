import type { AuditEntry } from '../domain/accounts.js';
import { COLLECTIONS, type Collection } from '../domain/database.js';
import type { Fingerprint } from './fingerprint.js';
import { readJsonLines } from './jsonLines.js';

export { DamagedJournalError } from './jsonLines.js';

/**
 * A write-ahead journal of changes. Rewriting the whole database for every change costs a
 * full serialisation and a multi-megabyte write; instead each batch of changes is appended
 * as one JSON line (synced before any of them is acknowledged), and the database file is
 * rewritten only now and then (compaction). The first line names the generation of the
 * database file the journal extends, so a journal is never replayed over another file, and
 * it is replayed once, in order, over exactly the records it was written against. That lets
 * a record that already exists be written as an edit (the fields that changed, a list's
 * spliced part) rather than whole: appending an event to a probe with hundreds of them writes
 * the event, not the timeline, so a line costs what the change does and the journal, and with
 * it the rewrites of the database file, grows with the changes and not with the records.
 */
export type AnyRecord = Readonly<Record<string, unknown>>;

/** What one command changed: records put and removed by key, and the audit entries describing it. */
export interface Change {
  put?: Partial<Record<Collection, AnyRecord[]>>;
  delete?: Partial<Record<Collection, string[]>>;
  audit?: AuditEntry[];
}

/**
 * A stored record's new version as the difference from its previous one: fields given new
 * values, fields removed, and lists of which only a middle part changed (`[at, remove, insert]`).
 */
export interface RecordEdit {
  key: string;
  set?: Record<string, unknown>;
  unset?: string[];
  splice?: Record<string, [at: number, remove: number, insert: unknown[]]>;
}

/** A change as one journal line holds it: records that already existed are written as edits. */
export interface JournalChange extends Change {
  edit?: Partial<Record<Collection, RecordEdit[]>>;
}

/** How `after` differs from `before`: unchanged fields (the same object) cost nothing. */
export function editOf(key: string, before: AnyRecord, after: AnyRecord): RecordEdit {
  const edit: RecordEdit = { key };
  for (const field of Object.keys(after)) {
    const was = before[field];
    const now = after[field];
    if (now === was || now === undefined) continue;
    if (Array.isArray(was) && Array.isArray(now)) {
      const spliced = spliceOf(was, now);
      if (spliced) {
        // Lists of the same items (a copy) are left as they are.
        if (spliced[1] > 0 || spliced[2].length > 0) (edit.splice ??= {})[field] = spliced;
        continue;
      }
    }
    (edit.set ??= {})[field] = now;
  }
  for (const field of Object.keys(before))
    if (before[field] !== undefined && after[field] === undefined) (edit.unset ??= []).push(field);
  return edit;
}

/** The middle part of `now` that differs from `was` (same items at both ends); null when nothing is shared. */
function spliceOf(was: readonly unknown[], now: readonly unknown[]): [number, number, unknown[]] | null {
  const shorter = Math.min(was.length, now.length);
  let head = 0;
  while (head < shorter && was[head] === now[head]) head++;
  let tail = 0;
  while (tail < shorter - head && was[was.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
  if (head + tail === 0) return null;
  return [head, was.length - head - tail, now.slice(head, now.length - tail)];
}

/** The record `edit` turns `record` into; throws when a spliced field is not a list long enough. */
export function applyEdit(record: AnyRecord, edit: RecordEdit): AnyRecord {
  const unset = new Set(edit.unset ?? []);
  const next: Record<string, unknown> = Object.fromEntries(
    Object.entries({ ...record, ...edit.set }).filter(([field]) => !unset.has(field)),
  );
  for (const [field, [at, remove, insert]] of Object.entries(edit.splice ?? {})) {
    const list: unknown = record[field];
    if (!Array.isArray(list) || at + remove > list.length)
      throw new Error(`the edit of ${edit.key} splices ${field}, which does not have ${at + remove} items`);
    const items = list as unknown[];
    next[field] = [...items.slice(0, at), ...insert, ...items.slice(at + remove)];
  }
  return next;
}

/**
 * The journal form of `change`, decided against `previous` (the records as they stand just
 * before it, which a replay reproduces): a record put once over an existing one is written
 * as an edit of it; new records, and any key the change also removes or puts twice, whole.
 */
export function journalChange(
  change: Change,
  previous: (collection: Collection, key: string) => AnyRecord | undefined,
): JournalChange {
  if (!change.put) return change;
  const put: Partial<Record<Collection, AnyRecord[]>> = {};
  const edit: Partial<Record<Collection, RecordEdit[]>> = {};
  for (const [collection, records] of Object.entries(change.put) as [Collection, AnyRecord[]][]) {
    const keys = records.map((record) => keyOf(collection, record));
    const times = new Map<string, number>();
    for (const key of keys) times.set(key, (times.get(key) ?? 0) + 1);
    for (const key of change.delete?.[collection] ?? []) times.set(key, Number.POSITIVE_INFINITY);
    records.forEach((record, index) => {
      const key = keys[index] ?? '';
      const before = times.get(key) === 1 ? previous(collection, key) : undefined;
      if (before) (edit[collection] ??= []).push(editOf(key, before, record));
      else (put[collection] ??= []).push(record);
    });
  }
  const { put: _whole, ...rest } = change;
  return {
    ...rest,
    ...(Object.keys(put).length > 0 ? { put } : {}),
    ...(Object.keys(edit).length > 0 ? { edit } : {}),
  };
}

/**
 * A journal's first line: the generation of the db.json it extends and, when the store checked
 * every record of that db.json before writing it, its fingerprint (see fingerprint.ts).
 */
export interface JournalHeader {
  journal: 1;
  generation: string;
  sha256?: string;
  schema?: string;
}

/** How records of each collection are told apart. */
export const KEYS: Record<Collection, string> = {
  trials: 'id',
  vendors: 'id',
  scenarios: 'id',
  probes: 'id',
  users: 'id',
  tokens: 'id',
  sessions: 'idHash',
  idempotency: 'key',
  webhooks: 'id',
  alerts: 'key',
  deliveries: 'id',
};

export const keyOf = (collection: Collection, record: AnyRecord): string => String(record[KEYS[collection]]);

export const headerLine = (generation: string, fingerprint?: Fingerprint): string =>
  `${JSON.stringify({ journal: 1, generation, ...fingerprint } satisfies JournalHeader)}\n`;

export const batchLine = (changes: readonly JournalChange[]): string => `${JSON.stringify({ changes })}\n`;

export interface ParsedJournal {
  /** The generation it extends; null when its header was cut short or it is a legacy journal. */
  generation: string | null;
  /** Written before journals had headers (schema version 2): it extends whatever db.json is there. */
  legacy: boolean;
  /** What its header says of the db.json it extends; null when it says nothing. */
  fingerprint: Fingerprint | null;
  changes: JournalChange[];
  /** Bytes of the readable part; anything after it is a line cut short by a crash. */
  goodLength: number;
  /** Whether a cut-short last line was dropped. */
  torn: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A version-2 line: `{upsert: {collection: records}, delete: {collection: keys}}`, audit entries among the upserts. */
function legacyChange(line: Record<string, unknown>): Change {
  const upsert = isObject(line['upsert']) ? line['upsert'] : {};
  const removed = isObject(line['delete']) ? line['delete'] : {};
  const change: Change = { put: {}, delete: {} };
  for (const collection of COLLECTIONS) {
    const records = upsert[collection];
    const keys = removed[collection];
    if (Array.isArray(records)) (change.put ?? {})[collection] = records as AnyRecord[];
    if (Array.isArray(keys)) (change.delete ?? {})[collection] = keys.map(String);
  }
  if (Array.isArray(upsert['audit'])) change.audit = upsert['audit'] as AuditEntry[];
  return change;
}

function changesOfLine(line: unknown, legacy: boolean): JournalChange[] | null {
  if (!isObject(line)) return null;
  if (legacy) return 'upsert' in line || 'delete' in line ? [legacyChange(line)] : null;
  return Array.isArray(line['changes']) && line['changes'].every(isObject) ? line['changes'] : null;
}

/**
 * The changes in a journal file's bytes: its first line names the generation it extends
 * (a journal from before headers has none and is read as legacy), the others are batches.
 * A cut-short last line is dropped; a damaged one elsewhere throws DamagedJournalError.
 */
export function parseJournal(bytes: Buffer): ParsedJournal {
  let generation: string | null = null;
  let legacy = false;
  let fingerprint: Fingerprint | null = null;
  const { records, goodLength, torn } = readJsonLines(bytes, (value, lineNumber): JournalChange[] | null => {
    if (lineNumber === 1) {
      const header = isObject(value) && value['journal'] === 1 ? value['generation'] : undefined;
      if (typeof header === 'string') {
        generation = header;
        const { sha256, schema } = value as Record<string, unknown>;
        if (typeof sha256 === 'string' && typeof schema === 'string') fingerprint = { sha256, schema };
        return [];
      }
      legacy = true;
    }
    return changesOfLine(value, legacy);
  });
  return { generation, legacy, fingerprint, changes: records.flat(), goodLength, torn };
}
