import { createHash } from 'node:crypto';
import path from 'node:path';
import { writeFileDurably } from './durableFile.js';
import { WriteRefusedError } from './errors.js';
import {
  errorCode,
  exists,
  isDiskFull,
  nodeFileSystem,
  readIfExists,
  type FileSystem,
} from './fileSystem.js';

const SHA256 = /^[0-9a-f]{64}$/;
const TEMPORARY = /^\.([0-9a-f]{64})\.tmp$/;
/**
 * A file saved but not yet referenced (an upload between its write and its event's commit, an
 * import between preview and commit) is kept this long by the sweep; a restart forgets it.
 */
const PENDING_MS = 60 * 60_000;

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** `<folder>/<first 2 hex>/<sha256>`: a few hundred files a folder at most, even with 100,000 files. */
export const pathByHash = (folder: string, sha256: string): string =>
  path.join(folder, sha256.slice(0, 2), sha256);

/** The files under a content-addressed folder, by hash; temporary files as their hash too, flagged. */
export async function listByHash(
  files: FileSystem,
  folder: string,
): Promise<{ sha256: string; file: string; temporary: boolean }[]> {
  const found: { sha256: string; file: string; temporary: boolean }[] = [];
  for (const shard of await readdirIfExists(files, folder)) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const name of await readdirIfExists(files, path.join(folder, shard))) {
      const temporary = TEMPORARY.exec(name)?.[1];
      const sha256 = temporary ?? (SHA256.test(name) ? name : undefined);
      if (sha256)
        found.push({ sha256, file: path.join(folder, shard, name), temporary: temporary !== undefined });
    }
  }
  return found;
}

async function readdirIfExists(files: FileSystem, folder: string): Promise<string[]> {
  try {
    return await files.readdir(folder);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
}

/** Evidence files stored once by SHA-256: in the data folder, or in PostgreSQL (PgAttachments). */
export interface AttachmentStore {
  /** Stores the bytes (once: the same content is not stored again) and returns their hash. */
  save(bytes: Uint8Array): Promise<string>;
  /** Whether a file with this hash is stored. */
  has(sha256: string): Promise<boolean>;
  /** The file's bytes, or null when no such file is stored. */
  read(sha256: string): Promise<Buffer | null>;
  /**
   * Removes every stored file that `referenced()` does not name, except those saved in the
   * last hour and not yet referenced (their event may be on its way). Returns the hashes removed.
   */
  sweep(referenced: () => Promise<ReadonlySet<string>>): Promise<string[]>;
}

/**
 * Evidence files in `$DATA_DIR/attachments/`, stored once by SHA-256. A file is written
 * durably (temporary file, fsync, rename, folder fsync) before the event that refers to it is
 * committed, so a crash between the two leaves an orphan, never a reference to nothing; the
 * sweep removes orphans. Saving, sweeping and a backup's linking take turns (`exclusive`), so
 * a sweep never removes a file a save has just found present or a backup is about to link.
 */
export class AttachmentFiles implements AttachmentStore {
  readonly folder: string;
  private readonly pending = new Map<string, number>();
  private readonly writing = new Map<string, Promise<void>>();
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataDir: string,
    readonly files: FileSystem = nodeFileSystem,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.folder = path.join(dataDir, 'attachments');
  }

  /** Runs `work` when no save check, sweep or backup link is running; registers at once. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work, work);
    this.turn = result.catch(() => undefined);
    return result;
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return pathByHash(this.folder, sha256);
  }

  /**
   * Stores the bytes (once: the same content is not written again) and returns their hash.
   * A disk that refuses the write answers WriteRefusedError, as the store does, with no
   * partial file left.
   */
  async save(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Of(bytes);
    const file = this.pathOf(sha256);
    const present = await this.exclusive(async () => {
      this.pending.set(sha256, this.now().getTime());
      return exists(this.files, file);
    });
    if (present) return sha256;
    // Two uploads of the same content at once share one write.
    let write = this.writing.get(sha256);
    if (!write) {
      write = this.write(file, bytes).finally(() => this.writing.delete(sha256));
      this.writing.set(sha256, write);
    }
    await write;
    return sha256;
  }

  private async write(file: string, bytes: Uint8Array): Promise<void> {
    try {
      await this.files.mkdir(path.dirname(file));
      await this.files.syncFolder(this.folder);
      await this.files.syncFolder(this.dataDir);
      await writeFileDurably(this.files, file, bytes);
    } catch (error) {
      throw new WriteRefusedError(isDiskFull(error), error);
    }
  }

  /** Whether a file with this hash is stored. */
  has(sha256: string): Promise<boolean> {
    return exists(this.files, this.pathOf(sha256));
  }

  /** The file's bytes, or null when no such file is stored. */
  read(sha256: string): Promise<Buffer | null> {
    return readIfExists(this.files, this.pathOf(sha256));
  }

  /**
   * Removes every stored file that `referenced()` (asked once no save is between its checks)
   * does not name, except those saved in the last hour and not yet referenced; temporary files
   * a crash left behind go too. Returns the hashes removed.
   */
  sweep(referenced: () => Promise<ReadonlySet<string>>): Promise<string[]> {
    return this.exclusive(async () => {
      const keep = await referenced();
      const cutoff = this.now().getTime() - PENDING_MS;
      for (const [sha256, savedAt] of this.pending)
        if (savedAt < cutoff || keep.has(sha256)) this.pending.delete(sha256);
      await this.bringBack(keep);
      const removed: string[] = [];
      for (const { sha256, file, temporary } of await listByHash(this.files, this.folder)) {
        if (this.pending.has(sha256) || (!temporary && keep.has(sha256))) continue;
        await this.files.remove(file);
        if (!temporary) removed.push(sha256);
      }
      if (removed.length > 0) await this.files.syncFolder(this.folder).catch(() => undefined);
      return removed;
    });
  }

  /**
   * Files referred to but missing (a database restored from a backup, whose files the sweep
   * had removed since) are linked back from the backups' copies, so a restore needs nothing
   * but copying db.json.
   */
  private async bringBack(referenced: ReadonlySet<string>): Promise<void> {
    const kept = backupAttachmentsFolder(this.dataDir);
    for (const sha256 of referenced) {
      const file = this.pathOf(sha256);
      if (await exists(this.files, file)) continue;
      const copy = pathByHash(kept, sha256);
      if (!(await exists(this.files, copy))) continue;
      await this.files.mkdir(path.dirname(file));
      await this.files.link(copy, file).catch(async () => {
        const bytes = await readIfExists(this.files, copy);
        if (bytes) await writeFileDurably(this.files, file, bytes);
      });
      await this.files.syncFolder(path.dirname(file));
    }
  }
}

/** Where backups keep their links to the files they refer to (see Backups). */
export const backupAttachmentsFolder = (dataDir: string): string =>
  path.join(dataDir, 'backups', 'attachments');

/** The attachment hashes a database text (db.json or a backup of it) refers to; none when it does not parse. */
export function hashesReferencedIn(databaseText: string): Set<string> {
  const hashes = new Set<string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(databaseText);
  } catch {
    return hashes;
  }
  const listOf = (value: unknown, key: string): unknown[] => {
    const list =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    return Array.isArray(list) ? list : [];
  };
  for (const probe of listOf(parsed, 'probes'))
    for (const event of listOf(probe, 'events'))
      for (const ref of listOf(event, 'attachments')) {
        const sha256 = (ref as { sha256?: unknown }).sha256;
        if (typeof sha256 === 'string' && SHA256.test(sha256)) hashes.add(sha256);
      }
  return hashes;
}
