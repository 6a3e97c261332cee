import path from 'node:path';
import { z } from 'zod';
import { AuditEntrySchema, type AuditEntry } from '../domain/accounts.js';
import {
  COLLECTIONS,
  DatabaseSchema,
  MigrationError,
  migrateDatabase,
  SCHEMA_VERSION,
  type Collection,
  type Database,
} from '../domain/database.js';
import { DatabaseFile } from './databaseFile.js';
import { temporaryOf } from './durableFile.js';
import { StorageError } from './errors.js';
import { readAuditFiles } from './auditFiles.js';
import { errorCode, nodeFileSystem, readIfExists, type FileSystem } from './fileSystem.js';
import { vouchesFor, type Fingerprint } from './fingerprint.js';
import { firstIssue, parseRecord } from './recordCheck.js';
import {
  applyEdit,
  DamagedJournalError,
  keyOf,
  parseJournal,
  type AnyRecord,
  type JournalChange,
} from './journal.js';

/** The files of a data folder. */
export function folderFiles(dataDir: string) {
  return {
    database: path.join(dataDir, 'db.json'),
    journal: path.join(dataDir, 'db.journal'),
    /** The journal of the next generation, written before the db.json it extends. */
    nextJournal: path.join(dataDir, 'db.journal.next'),
    audit: path.join(dataDir, 'audit'),
    backups: path.join(dataDir, 'backups'),
  };
}

/** The journal that extends the loaded db.json, to append to while no fold has succeeded yet. */
export interface ActiveJournal {
  filename: string;
  goodLength: number;
  size: number;
}

export interface LoadedFolder {
  /** Migrated, journal replayed, validated. */
  database: Database;
  /** The schema version db.json was written in; lower than the current one means it was migrated. */
  fileVersion: number;
  /** db.json as read, for the copy kept before a migrated file replaces it; null for a new folder. */
  originalContent: string | null;
  /** The journal to keep appending to (null: none, or one that must be replaced before any write). */
  journal: ActiveJournal | null;
  /** Journals already folded into db.json (a fold interrupted by a crash), to remove. */
  foldedJournals: string[];
  /** Audit entries not yet in the audit files: from the journal, or a version-2 db.json. */
  audit: AuditEntry[];
  /**
   * How db.json's records were vouched for: each checked against its schema (`full`), or the
   * file found exactly as the store wrote it after checking them (`fingerprint`; the records
   * the journal replays over it are still checked one by one).
   */
  checked: 'full' | 'fingerprint';
  /** How many changes the journal replayed over db.json. */
  replayed: number;
}

const AuditEntriesSchema = z.array(AuditEntrySchema);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function readFileOf(files: FileSystem, filename: string): Promise<Buffer | null> {
  try {
    return await readIfExists(files, filename);
  } catch (error) {
    if (errorCode(error) === 'EISDIR') throw new StorageError(filename, 'is a folder, not a file');
    throw error;
  }
}

/** A database file's text parsed into an object; StorageError when it is not one. */
function parseObject(filename: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StorageError(filename, `not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new StorageError(filename, 'not a database (expected a JSON object)');
  return parsed;
}

/** The parsed file migrated to the current version and validated. */
function validDatabase(filename: string, raw: Record<string, unknown>): { database: Database; from: number } {
  let migrated: ReturnType<typeof migrateDatabase>;
  try {
    migrated = migrateDatabase(raw);
  } catch (error) {
    if (error instanceof MigrationError) throw new StorageError(filename, error.message);
    throw error;
  }
  const result = DatabaseSchema.safeParse(migrated.data);
  if (!result.success) throw new StorageError(filename, `invalid data at ${firstIssue(result.error)}`);
  return { database: result.data, from: migrated.from };
}

let fileFields: z.ZodType | undefined;

/**
 * The database schema with each collection taken as a plain list: the file's own fields
 * (version, generation, audit number) checked without going through every record.
 */
function fileFieldsSchema(): z.ZodType {
  fileFields ??= DatabaseSchema.extend(
    Object.fromEntries(COLLECTIONS.map((collection) => [collection, z.array(z.unknown())])),
  );
  return fileFields;
}

/**
 * A file of this version found as the store wrote it (its fingerprint matches): its records
 * were checked before it was written, so only its own fields and the records the journal put
 * or edited since are checked now, each by its schema, as a full pass would.
 */
function vouchedDatabase(
  filename: string,
  journalFilename: string,
  raw: Record<string, unknown>,
  replayed: ReadonlyMap<Collection, ReadonlySet<string>>,
): Database {
  const fields = fileFieldsSchema().safeParse(raw);
  if (!fields.success) throw new StorageError(filename, `invalid data at ${firstIssue(fields.error)}`);
  for (const [collection, keys] of replayed) {
    const records = raw[collection] as Record<string, unknown>[];
    records.forEach((record, index) => {
      if (!keys.has(keyOf(collection, record))) return;
      const result = parseRecord(collection, record);
      if (!result.success)
        throw new StorageError(
          journalFilename,
          `invalid data at ${firstIssue(result.error, [collection, index])}`,
        );
      records[index] = result.data as Record<string, unknown>;
    });
  }
  return raw as unknown as Database;
}

/** Whether a copy of db.json (a backup) could be started from; StorageError says why not. */
export function checkDatabaseText(filename: string, text: string): void {
  validDatabase(filename, parseObject(filename, text));
}

function parseJournalOf(filename: string, bytes: Buffer) {
  try {
    return parseJournal(bytes);
  } catch (error) {
    if (error instanceof DamagedJournalError) throw new StorageError(filename, error.message);
    throw error;
  }
}

/**
 * Applies changes to the parsed (not yet validated) file, in order: records put and removed by
 * key, edits over the record as it stands, audit entries collected. An edit of a record that
 * is not there means the journal does not extend this file: StorageError.
 */
function replay(
  filename: string,
  raw: Record<string, unknown>,
  changes: readonly JournalChange[],
  audit: AuditEntry[],
): Map<Collection, Set<string>> {
  const touched = new Map<Collection, Set<string>>();
  const touch = (collection: Collection, key: string) => {
    const keys = touched.get(collection) ?? new Set<string>();
    touched.set(collection, keys.add(key));
  };
  const indexes = new Map<string, Map<string, number>>();
  const arrayOf = (collection: string): AnyRecord[] => {
    const current = raw[collection];
    if (Array.isArray(current)) return current as AnyRecord[];
    const created: AnyRecord[] = [];
    raw[collection] = created;
    return created;
  };
  for (const change of changes) {
    for (const collection of COLLECTIONS) {
      const deletes = change.delete?.[collection] ?? [];
      const puts = change.put?.[collection] ?? [];
      const edits = change.edit?.[collection] ?? [];
      if (deletes.length === 0 && puts.length === 0 && edits.length === 0) continue;
      if (deletes.length > 0) {
        const gone = new Set(deletes);
        raw[collection] = arrayOf(collection).filter((record) => !gone.has(keyOf(collection, record)));
        indexes.delete(collection);
      }
      const records = arrayOf(collection);
      let index = indexes.get(collection);
      if (!index) {
        index = new Map(records.map((record, position) => [keyOf(collection, record), position]));
        indexes.set(collection, index);
      }
      for (const record of puts) {
        const key = keyOf(collection, record);
        touch(collection, key);
        const position = index.get(key);
        if (position === undefined) {
          index.set(key, records.length);
          records.push(record);
        } else {
          records[position] = record;
        }
      }
      for (const edit of edits) {
        touch(collection, edit.key);
        const position = index.get(edit.key);
        const record = position === undefined ? undefined : records[position];
        if (position === undefined || !record)
          throw new StorageError(
            filename,
            `edits ${collection} ${edit.key}, which the database file does not hold`,
          );
        try {
          records[position] = applyEdit(record, edit);
        } catch (error) {
          throw new StorageError(filename, (error as Error).message);
        }
      }
    }
    audit.push(...(change.audit ?? []));
  }
  return touched;
}

/**
 * Reads a data folder as the next start sees it, writing nothing: db.json migrated and
 * validated, with the journal that extends it replayed. Refuses (StorageError naming the
 * files) whatever it cannot vouch for: a journal without its db.json, a journal of another
 * generation, a damaged line that is not the last. A state that the store itself leaves
 * when interrupted — a cut-short last line, a journal already folded in — is accepted.
 */
export async function loadDataFolder(files: FileSystem, dataDir: string): Promise<LoadedFolder | null> {
  const names = folderFiles(dataDir);
  const bytes = await new DatabaseFile(files, names.database).readBytes();
  const text = bytes?.toString('utf8') ?? null;
  const journals: { filename: string; bytes: Buffer }[] = [];
  for (const filename of [names.journal, names.nextJournal]) {
    const journalBytes = await readFileOf(files, filename);
    if (journalBytes) journals.push({ filename, bytes: journalBytes });
  }
  if (bytes === null || text === null) {
    const left = journals.filter(({ bytes }) => bytes.length > 0).map(({ filename }) => filename);
    if (left.length > 0) {
      throw new StorageError(
        names.database,
        `is missing although ${left.join(' and ')} exists: the database file was removed or moved. Put it back (or restore a backup and remove the journal)`,
      );
    }
    return null;
  }

  const raw = parseObject(names.database, text);
  const generation = typeof raw['generation'] === 'string' ? raw['generation'] : null;
  const replaces = typeof raw['replaces'] === 'string' ? raw['replaces'] : null;

  const audit: AuditEntry[] = [];
  let journal: ActiveJournal | null = null;
  const foldedJournals: string[] = [];
  let changes: JournalChange[] = [];
  let fingerprint: Fingerprint | null = null;
  for (const { filename, bytes: journalBytes } of journals) {
    const parsedJournal = parseJournalOf(filename, journalBytes);
    const extendsFile = generation === null ? parsedJournal.legacy : parsedJournal.generation === generation;
    const alreadyFolded =
      (parsedJournal.generation !== null && parsedJournal.generation === replaces) ||
      (!parsedJournal.legacy && parsedJournal.generation === null && parsedJournal.changes.length === 0);
    if (extendsFile && journal === null) {
      changes = parsedJournal.changes;
      fingerprint = parsedJournal.fingerprint;
      journal = { filename, goodLength: parsedJournal.goodLength, size: journalBytes.length };
    } else if (alreadyFolded) {
      foldedJournals.push(filename);
    } else {
      const belongs = parsedJournal.legacy ? 'an older version' : `generation ${parsedJournal.generation}`;
      throw new StorageError(
        filename,
        `does not belong to ${names.database} (the journal is of ${belongs}, the database file of ${generation ?? 'an older version'}); it was not replayed`,
      );
    }
  }

  if (Array.isArray(raw['audit'])) audit.push(...(raw['audit'] as AuditEntry[]));
  // Only the journal that extends this very file can vouch for it; a file of another version never is.
  const vouched = generation !== null && raw['version'] === SCHEMA_VERSION && vouchesFor(fingerprint, bytes);
  const replayed = replay(journal?.filename ?? names.database, raw, changes, audit);
  // What the copy kept before a migration holds: the old file with its journal applied.
  const originalContent =
    changes.length === 0 ? text : JSON.stringify(Array.isArray(raw['audit']) ? { ...raw, audit } : raw);

  const { database, from } = vouched
    ? {
        database: vouchedDatabase(names.database, journal?.filename ?? names.database, raw, replayed),
        from: SCHEMA_VERSION,
      }
    : validDatabase(names.database, raw);
  const auditResult = AuditEntriesSchema.safeParse(audit);
  if (!auditResult.success) {
    throw new StorageError(
      journal?.filename ?? names.database,
      `invalid audit entry at ${firstIssue(auditResult.error)}`,
    );
  }
  database.auditSeq = auditResult.data.reduce(
    (newest, entry) => Math.max(newest, entry.seq),
    database.auditSeq,
  );
  return {
    database,
    fileVersion: from,
    originalContent,
    // A legacy journal is replaced by the first fold, never appended to.
    journal: generation === null ? null : journal,
    foldedJournals,
    audit: auditResult.data,
    checked: vouched ? 'fingerprint' : 'full',
    replayed: changes.length,
  };
}

/**
 * The data and the whole audit log as the next start would see them, read without taking the
 * folder's lock or writing anything: for checks of what reached the disk.
 */
export async function inspectDataFolder(
  dataDir: string,
  files: FileSystem = nodeFileSystem,
): Promise<{ database: Database; audit: AuditEntry[] } | null> {
  const loaded = await loadDataFolder(files, dataDir);
  if (!loaded) return null;
  const filed = await readAuditFiles(files, dataDir);
  const newestFiled = filed[filed.length - 1]?.seq ?? 0;
  return {
    database: loaded.database,
    audit: [...filed, ...loaded.audit.filter((entry) => entry.seq > newestFiled)],
  };
}

/** Removes the temporary files a write interrupted by a crash may leave (beside db.json and among the backups). */
export async function removeLeftovers(files: FileSystem, dataDir: string): Promise<void> {
  const names = folderFiles(dataDir);
  for (const leftover of [temporaryOf(names.database), temporaryOf(names.journal)])
    await files.remove(leftover);
  const backups = await files.readdir(names.backups).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  });
  for (const name of backups) {
    if (name.startsWith('.') && name.endsWith('.tmp')) await files.remove(path.join(names.backups, name));
  }
}
