import type { Adapter } from 'lowdb';
import { DatabaseSchema, MigrationError, migrateDatabase, type Database } from '../domain/database.js';
import { readTextIfExists, writeFileDurably } from './durableFile.js';
import { StorageError } from './errors.js';

export interface LoadedDatabase {
  database: Database;
  /** The schema version the file was written in; lower than the current one means it was migrated. */
  fileVersion: number;
  /** The file's text as read, for a backup before a migrated copy replaces it. */
  content: string;
}

/**
 * The database file: parsed, migrated and validated on read, written durably. Only a
 * missing file is translated (to null, so the caller starts empty); any other problem
 * throws a StorageError naming the file and what is wrong, and nothing is written.
 */
export class ValidatedJsonFile implements Adapter<Database> {
  constructor(readonly filename: string) {}

  async load(): Promise<LoadedDatabase | null> {
    const content = await readTextIfExists(this.filename);
    if (content === null) return null;
    return { ...parseDatabase(this.filename, content), content };
  }

  async read(): Promise<Database | null> {
    return (await this.load())?.database ?? null;
  }

  write(data: Database): Promise<void> {
    return writeFileDurably(this.filename, JSON.stringify(data));
  }
}

/** The database in a file's text, migrated and validated; a StorageError names the file and the problem. */
export function parseDatabase(
  filename: string,
  content: string,
): { database: Database; fileVersion: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new StorageError(filename, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StorageError(filename, 'not a database (expected a JSON object)');
  }
  let migrated: ReturnType<typeof migrateDatabase>;
  try {
    migrated = migrateDatabase(parsed as Record<string, unknown>);
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
  return { database: result.data, fileVersion: migrated.from };
}
