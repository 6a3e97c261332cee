import path from 'node:path';
import {
  backupAttachmentsFolder,
  hashesReferencedIn,
  listByHash,
  pathByHash,
  type AttachmentFiles,
} from './attachments.js';
import { checkDatabaseText, folderFiles } from './dataFolder.js';
import { writeFileDurably } from './durableFile.js';
import { StorageError } from './errors.js';
import { errorCode, exists, nodeFileSystem, readIfExists, type FileSystem } from './fileSystem.js';
import type { Store } from './store.js';

const NAME = /^db-(\d{8}T\d{6}\d{3}Z)\.json$/;

/** `20261121T103700123Z`: sorts by time as text, safe in a file name. */
function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

/** The list of attachment hashes a backup refers to, beside it: `db-<time>.json.attachments`. */
const manifestOf = (backup: string) => `${backup}.attachments`;

/**
 * Copies of the database in `$DATA_DIR/backups/`, newest last by name, at most `keep` of
 * them. A copy is written durably like the database itself (readable by this user only), so
 * a crash or a full disk mid-backup leaves the older copies intact and no half-written file.
 * With `attachments`, a copy also keeps the evidence files it refers to: each is hard-linked
 * (copied when a link is not possible) into `backups/attachments/<2 hex>/<sha256>`, and the
 * list of them is written beside the copy; files no kept copy lists are removed from there.
 * The data folder's own sweep then never needs to know about backups.
 */
export class Backups {
  readonly folder: string;
  readonly attachmentsFolder: string;

  constructor(
    dataDir: string,
    private readonly keep: number,
    private readonly files: FileSystem = nodeFileSystem,
    private readonly attachments?: AttachmentFiles,
  ) {
    this.folder = folderFiles(dataDir).backups;
    this.attachmentsFolder = backupAttachmentsFolder(dataDir);
  }

  /**
   * Write a copy and drop the oldest beyond `keep`; returns the new file's path. Called right
   * after the snapshot is taken, it takes its turn with attachment saves and sweeps at once, so
   * no sweep removes a file the snapshot refers to before it is linked.
   */
  take(content: string, at: Date): Promise<string> {
    const attachments = this.attachments;
    if (!attachments) return this.write(content, at);
    return attachments.exclusive(() => this.write(content, at, attachments));
  }

  private async write(content: string, at: Date, attachments?: AttachmentFiles): Promise<string> {
    await this.files.mkdir(this.folder);
    const file = path.join(this.folder, `db-${stamp(at)}.json`);
    if (attachments) await this.keepAttachments(attachments, hashesReferencedIn(content), file);
    await writeFileDurably(this.files, file, content);
    const all = await this.list();
    for (const old of all.slice(this.keep)) {
      await this.files.remove(old);
      await this.files.remove(manifestOf(old));
    }
    if (attachments) await this.sweepAttachments(all.slice(0, this.keep));
    return file;
  }

  /** Links the files into the backup's folder, then writes the list beside where the copy goes. */
  private async keepAttachments(attachments: AttachmentFiles, hashes: Set<string>, backup: string) {
    for (const sha256 of hashes) {
      const target = pathByHash(this.attachmentsFolder, sha256);
      if (await exists(this.files, target)) continue;
      const source = attachments.pathOf(sha256);
      await this.files.mkdir(path.dirname(target));
      try {
        await this.files.link(source, target);
        await this.files.syncFolder(path.dirname(target));
      } catch (error) {
        if (errorCode(error) === 'ENOENT') continue; // referred to, but already missing: nothing to keep
        const bytes = await readIfExists(this.files, source);
        if (bytes) await writeFileDurably(this.files, target, bytes);
      }
    }
    await writeFileDurably(this.files, manifestOf(backup), JSON.stringify([...hashes]));
  }

  /** Removes the kept attachment files that none of `kept` lists. */
  private async sweepAttachments(kept: string[]): Promise<void> {
    const needed = new Set<string>();
    for (const backup of kept) {
      const manifest = await readIfExists(this.files, manifestOf(backup));
      // A copy from before attachments were kept has no list: read what it refers to.
      const listed = manifest
        ? (JSON.parse(manifest.toString('utf8')) as string[])
        : [...hashesReferencedIn((await readIfExists(this.files, backup))?.toString('utf8') ?? '')];
      for (const sha256 of listed) needed.add(sha256);
    }
    for (const { sha256, file } of await listByHash(this.files, this.attachmentsFolder)) {
      if (!needed.has(sha256)) await this.files.remove(file);
    }
  }

  /** Backup files, newest first. */
  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await this.files.readdir(this.folder);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => NAME.test(name))
      .sort()
      .reverse()
      .map((name) => path.join(this.folder, name));
  }

  /** The newest backup that parses and validates, for the message when db.json does not. */
  async newestValid(): Promise<string | null> {
    for (const file of await this.list()) {
      const content = await readIfExists(this.files, file);
      if (content === null) continue;
      try {
        checkDatabaseText(file, content.toString('utf8'));
        return file;
      } catch (error) {
        if (!(error instanceof StorageError)) throw error;
      }
    }
    return null;
  }
}

/**
 * Back up the store every `intervalMs` when its data changed since the last copy (and once
 * more on stop). A failed backup (a full disk) is reported and tried again at the next tick.
 * Returns the function that stops the timer and takes that last copy.
 */
export function scheduleBackups(
  store: Store,
  backups: Backups,
  intervalMs: number,
  now: () => Date = () => new Date(),
): { backupIfChanged: () => Promise<string | null>; stop: () => Promise<void> } {
  let backedUpRevision = store.revision;
  let running: Promise<string | null> = Promise.resolve(null);
  const backupIfChanged = (): Promise<string | null> => {
    running = running
      .catch(() => null)
      .then(async () => {
        const revision = store.revision;
        if (revision === backedUpRevision) return null;
        const file = await backups.take(store.snapshot(), now());
        backedUpRevision = revision;
        return file;
      });
    return running;
  };
  const timer = setInterval(() => {
    backupIfChanged().catch((error: unknown) => {
      console.error('Backup failed:', error);
    });
  }, intervalMs);
  timer.unref();
  return {
    backupIfChanged,
    stop: async () => {
      clearInterval(timer);
      await backupIfChanged();
    },
  };
}
