import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { emptyDatabase, SCHEMA_VERSION, type Database } from '../domain/database.js';
import { writeFileDurably } from './durableFile.js';
import { acquireLock, type Lock } from './lock.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

export interface MutateOptions {
  /**
   * False for changes that no derived result depends on (sessions, a token's last use):
   * they are written like any change but leave `dataRevision` alone, so cached scorecards stay.
   */
  touchesTrials?: boolean;
}

/**
 * The one path through which data is read and written. Mutations run synchronously on the
 * in-memory data (so they are serialised by the event loop); flushes to disk are coalesced:
 * at most one write runs and one waits, and each waiter resolves once a write that includes
 * its change has reached the file.
 */
export class Store {
  private flushing: Promise<void> = Promise.resolve();
  private nextFlush: Promise<void> | null = null;
  private changes = 0;
  private trialChanges = 0;

  private constructor(
    private readonly db: Low<Database>,
    private readonly lock: Lock,
  ) {}

  /**
   * Open `$dataDir/db.json` (empty when missing), taking the folder's lock so no second
   * process writes it. A file from an earlier schema version is copied to
   * `backups/db-v<N>-before-migration-<time>.json` before the migrated data replaces it.
   */
  static async open(dataDir: string): Promise<Store> {
    await mkdir(dataDir, { recursive: true });
    const lock = await acquireLock(dataDir);
    try {
      const file = new ValidatedJsonFile(path.join(dataDir, 'db.json'));
      const loaded = await file.load();
      if (loaded && loaded.fileVersion < SCHEMA_VERSION) {
        const stamp = new Date().toISOString().replace(/[-:.]/g, '');
        const backup = path.join(
          dataDir,
          'backups',
          `db-v${loaded.fileVersion}-before-migration-${stamp}.json`,
        );
        await mkdir(path.dirname(backup), { recursive: true });
        await writeFileDurably(backup, loaded.content);
      }
      const db = new Low(file, loaded?.database ?? emptyDatabase());
      const store = new Store(db, lock);
      await store.flush();
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Read a view of the data; callers must not mutate what they receive. */
  read<T>(view: (data: Readonly<Database>) => T): T {
    return view(this.db.data);
  }

  /** The data as it would be written to disk now (for backups). */
  snapshot(): string {
    return JSON.stringify(this.db.data);
  }

  /** A number that grows with every change: for backups. */
  get revision(): number {
    return this.changes;
  }

  /** Grows with every change to trial data: what was computed at one value still holds. */
  get dataRevision(): number {
    return this.trialChanges;
  }

  /** Apply a change (replace records, never mutate them in place) and wait until it is on disk. */
  async mutate<T>(change: (data: Database) => T, { touchesTrials = true }: MutateOptions = {}): Promise<T> {
    const result = change(this.db.data);
    this.changes++;
    if (touchesTrials) this.trialChanges++;
    await this.flush();
    return result;
  }

  flush(): Promise<void> {
    if (!this.nextFlush) {
      const next = this.flushing
        .catch(() => undefined)
        .then(() => {
          this.nextFlush = null;
          return this.db.write();
        });
      this.nextFlush = next;
      this.flushing = next;
    }
    return this.nextFlush;
  }

  /** Write what is pending and let another process open the folder. */
  async close(): Promise<void> {
    await this.flush();
    await this.lock.release();
  }
}
