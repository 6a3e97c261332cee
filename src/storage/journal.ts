import type { AuditEntry } from '../domain/accounts.js';
import { COLLECTIONS, type Collection } from '../domain/database.js';
import { readJsonLines } from './jsonLines.js';

export { DamagedJournalError } from './jsonLines.js';

/**
 * A write-ahead journal of changes. Rewriting the whole database for every change costs a
 * full serialisation and a multi-megabyte write; instead each batch of changes is appended
 * as one JSON line (synced before any of them is acknowledged), and the database file is
 * rewritten only now and then (compaction). The first line names the generation of the
 * database file the journal extends, so a journal is never replayed over another file.
 * Replaying is idempotent — a put replaces by key, a delete removes by key.
 */
export type AnyRecord = Readonly<Record<string, unknown>>;

/** What one command changed: records put and removed by key, and the audit entries describing it. */
export interface Change {
  put?: Partial<Record<Collection, AnyRecord[]>>;
  delete?: Partial<Record<Collection, string[]>>;
  audit?: AuditEntry[];
}

export interface JournalHeader {
  journal: 1;
  generation: string;
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
};

export const keyOf = (collection: Collection, record: AnyRecord): string => String(record[KEYS[collection]]);

export const headerLine = (generation: string): string =>
  `${JSON.stringify({ journal: 1, generation } satisfies JournalHeader)}\n`;

export const batchLine = (changes: readonly Change[]): string => `${JSON.stringify({ changes })}\n`;

export interface ParsedJournal {
  /** The generation it extends; null when its header was cut short or it is a legacy journal. */
  generation: string | null;
  /** Written before journals had headers (schema version 2): it extends whatever db.json is there. */
  legacy: boolean;
  changes: Change[];
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

function changesOfLine(line: unknown, legacy: boolean): Change[] | null {
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
  const { records, goodLength, torn } = readJsonLines(bytes, (value, lineNumber): Change[] | null => {
    if (lineNumber === 1) {
      const header = isObject(value) && value['journal'] === 1 ? value['generation'] : undefined;
      if (typeof header === 'string') {
        generation = header;
        return [];
      }
      legacy = true;
    }
    return changesOfLine(value, legacy);
  });
  return { generation, legacy, changes: records.flat(), goodLength, torn };
}
