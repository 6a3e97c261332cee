import path from 'node:path';
import { checkDatabaseText, folderFiles } from './dataFolder.js';
import { writeFileDurably } from './durableFile.js';
import { StorageError } from './errors.js';
import { errorCode, nodeFileSystem, readIfExists, type FileSystem } from './fileSystem.js';
import type { Store } from './store.js';

const NAME = /^db-(\d{8}T\d{6}\d{3}Z)\.json$/;

/** `20261121T103700123Z`: sorts by time as text, safe in a file name. */
function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

/**
 * Copies of the database in `$DATA_DIR/backups/`, newest last by name, at most `keep` of
 * them. A copy is written durably like the database itself (readable by this user only), so
 * a crash or a full disk mid-backup leaves the older copies intact and no half-written file.
 */
export class Backups {
  readonly folder: string;

  constructor(
    dataDir: string,
    private readonly keep: number,
    private readonly files: FileSystem = nodeFileSystem,
  ) {
    this.folder = folderFiles(dataDir).backups;
  }

  /** Write a copy and drop the oldest beyond `keep`; returns the new file's path. */
  async take(content: string, at: Date): Promise<string> {
    await this.files.mkdir(this.folder);
    const file = path.join(this.folder, `db-${stamp(at)}.json`);
    await writeFileDurably(this.files, file, content);
    const all = await this.list();
    for (const old of all.slice(this.keep)) await this.files.remove(old);
    return file;
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
