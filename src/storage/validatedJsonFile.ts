import type { Adapter } from 'lowdb';
import { DatabaseSchema, SCHEMA_VERSION, type Database } from '../domain/schemas.js';
import { readTextIfExists, writeFileDurably } from './durableFile.js';
import { StorageError } from './errors.js';

/**
 * A lowdb adapter that parses and validates the JSON file on read. Only a missing file is
 * translated (to null, so the caller starts empty); any other problem throws a StorageError
 * naming the file and what is wrong, and nothing is written.
 */
export class ValidatedJsonFile implements Adapter<Database> {
  constructor(readonly filename: string) {}

  async read(): Promise<Database | null> {
    const content = await readTextIfExists(this.filename);
    if (content === null) return null;
    return parseDatabase(this.filename, content);
  }

  write(data: Database): Promise<void> {
    return writeFileDurably(this.filename, JSON.stringify(data));
  }
}

/** The database in a file's text, validated; a StorageError names the file and the problem. */
export function parseDatabase(filename: string, content: string): Database {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new StorageError(filename, `not valid JSON (${(error as Error).message})`);
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new StorageError(
      filename,
      `schema version ${version} is newer than this program (${SCHEMA_VERSION})`,
    );
  }
  const result = DatabaseSchema.safeParse(parsed);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? first.path.join('.') || '(root)' : '(root)';
    throw new StorageError(filename, `invalid data at ${where}: ${first?.message ?? 'unknown problem'}`);
  }
  return result.data;
}
