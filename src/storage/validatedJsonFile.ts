import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { DatabaseSchema, SCHEMA_VERSION, type Database } from '../domain/schemas.js';
import { StorageError } from './errors.js';

/**
 * A lowdb adapter that parses and validates the JSON file on read. Only a missing file is
 * translated (to null, so the caller starts empty); any other problem throws a StorageError
 * naming the file and what is wrong, and nothing is written.
 */
export class ValidatedJsonFile implements Adapter<Database> {
  private readonly text: TextFile;

  constructor(readonly filename: string) {
    this.text = new TextFile(filename);
  }

  async read(): Promise<Database | null> {
    const content = await this.text.read();
    if (content === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (error) {
      throw new StorageError(this.filename, `not valid JSON (${(error as Error).message})`);
    }
    const version = (parsed as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > SCHEMA_VERSION) {
      throw new StorageError(
        this.filename,
        `schema version ${version} is newer than this program (${SCHEMA_VERSION})`,
      );
    }
    const result = DatabaseSchema.safeParse(parsed);
    if (!result.success) {
      const first = result.error.issues[0];
      const where = first ? first.path.join('.') || '(root)' : '(root)';
      throw new StorageError(
        this.filename,
        `invalid data at ${where}: ${first?.message ?? 'unknown problem'}`,
      );
    }
    return result.data;
  }

  write(data: Database): Promise<void> {
    return this.text.write(JSON.stringify(data));
  }
}
