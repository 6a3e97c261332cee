import type { Adapter } from 'lowdb';
import { writeFileDurably } from './durableFile.js';
import { StorageError } from './errors.js';
import { errorCode, readIfExists, type FileSystem } from './fileSystem.js';

/**
 * db.json as a lowdb adapter of its text: read as it is (null when missing), replaced only
 * whole and durably (see writeFileDurably). Parsing and validation are the caller's.
 */
export class DatabaseFile implements Adapter<string> {
  constructor(
    private readonly files: FileSystem,
    readonly filename: string,
  ) {}

  async read(): Promise<string | null> {
    return (await this.readBytes())?.toString('utf8') ?? null;
  }

  /** The file's exact bytes (what its fingerprint is taken of); null when missing. */
  async readBytes(): Promise<Buffer | null> {
    try {
      return await readIfExists(this.files, this.filename);
    } catch (error) {
      if (errorCode(error) === 'EISDIR') throw new StorageError(this.filename, 'is a folder, not a file');
      throw error;
    }
  }

  write(content: string | Uint8Array): Promise<void> {
    return writeFileDurably(this.files, this.filename, content);
  }
}
