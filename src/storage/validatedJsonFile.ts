import type { Adapter } from 'lowdb';
import {
  DatabaseSchema,
  emptyDatabase,
  MigrationError,
  migrateDatabase,
  type Database,
} from '../domain/database.js';
import { readTextIfExists, writeFileDurably } from './durableFile.js';
import { StorageError } from './errors.js';
import { parseJournal, replay } from './journal.js';

export interface LoadedDatabase {
  database: Database;
  /** The schema version the file was written in; lower than the current one means it was migrated. */
  fileVersion: number;
  /** The data as read (journal replayed, not yet migrated), for a backup before a migrated copy replaces it. */
  content: string;
}

/** A journal of changes beside the database file (see journal.ts). */
export interface JournalText {
  filename: string;
  text: string;
}

/**
 * The database file: parsed, migrated and validated on read, written durably. Only a
 * missing file is translated (to null, so the caller starts empty); any other problem
 * throws a StorageError naming the file and what is wrong, and nothing is written.
 */
export class ValidatedJsonFile implements Adapter<Database> {
  constructor(
    readonly filename: string,
    readonly journalFilename?: string,
  ) {}

  /** The file with its journal replayed over it; null when neither exists. */
  async load(): Promise<LoadedDatabase | null> {
    const content = await readTextIfExists(this.filename);
    const journalText = this.journalFilename ? await readTextIfExists(this.journalFilename) : null;
    if (content === null && journalText === null) return null;
    const journal =
      this.journalFilename && journalText !== null
        ? { filename: this.journalFilename, text: journalText }
        : undefined;
    const { database, fileVersion, raw } = parseDatabase(
      this.filename,
      content ?? JSON.stringify(emptyDatabase()),
      journal,
    );
    return { database, fileVersion, content: journal ? JSON.stringify(raw) : (content ?? '') };
  }

  async read(): Promise<Database | null> {
    return (await this.load())?.database ?? null;
  }

  write(data: Database): Promise<void> {
    return this.writeText(JSON.stringify(data));
  }

  /** Replace the file with data serialised earlier (the store serialises in the same tick as it takes journal lines). */
  writeText(content: string): Promise<void> {
    return writeFileDurably(this.filename, content);
  }
}

/**
 * The database in a file's text (with a journal replayed over it), migrated and validated;
 * a StorageError names the file and the problem.
 */
export function parseDatabase(
  filename: string,
  content: string,
  journal?: JournalText,
): { database: Database; fileVersion: number; raw: Record<string, unknown> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new StorageError(filename, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StorageError(filename, 'not a database (expected a JSON object)');
  }
  const raw = parsed as Record<string, unknown>;
  if (journal) {
    const { entries, damagedLine } = parseJournal(journal.text);
    if (damagedLine !== null) throw new StorageError(journal.filename, `damaged at line ${damagedLine}`);
    replay(raw, entries);
  }
  let migrated: ReturnType<typeof migrateDatabase>;
  try {
    migrated = migrateDatabase(raw);
  } catch (error) {
    if (error instanceof MigrationError) throw new StorageError(filename, error.message);
    throw error;
  }
  const result = DatabaseSchema.safeParse(migrated.data);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? first.path.join('.') || '(root)' : '(root)';
    throw new StorageError(filename, `invalid data at ${where}: ${first?.message ?? 'unknown problem'}`);
  }
  return { database: result.data, fileVersion: migrated.from, raw };
}
