import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { emptyDatabase, SCHEMA_VERSION, type Database } from '../domain/database.js';
import { syncFolder, writeFileDurably } from './durableFile.js';
import { changesSince, snapshotOf } from './journal.js';
import { acquireLock, type Lock } from './lock.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

/** The journal is folded into db.json once it grows past this (and on every open and close). */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

export interface MutateOptions {
  /**
   * False for changes that no derived result depends on (sessions, a token's last use):
   * they are written like any change but leave `dataRevision` alone, so cached scorecards stay.
   */
  touchesTrials?: boolean;
}

/**
 * The one path through which data is read and written. Mutations run synchronously on the
 * in-memory data (so they are serialised by the event loop); each one's changed records are
 * queued as a journal line. Flushes are coalesced — at most one runs and one waits — and each
 * waiter resolves once a flush that includes its change is on disk: the queued lines appended
 * to `db.journal` and synced, or, when the journal has grown, the whole data written to
 * `db.json` (atomically) and the journal emptied.
 */
export class Store {
  private flushing: Promise<void> = Promise.resolve();
  private nextFlush: Promise<void> | null = null;
  private changes = 0;
  private trialChanges = 0;
  private queued: string[] = [];
  private journalBytes = 0;
  private compactNext = true;
  private journalExists = false;

  private constructor(
    private readonly db: Low<Database>,
    private readonly file: ValidatedJsonFile,
    private readonly journalFile: string,
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
      const journalFile = path.join(dataDir, 'db.journal');
      const file = new ValidatedJsonFile(path.join(dataDir, 'db.json'), journalFile);
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
      const store = new Store(db, file, journalFile, lock);
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
    const before = snapshotOf(this.db.data);
    const result = change(this.db.data);
    const entry = changesSince(before, this.db.data);
    if (entry) {
      const line = `${JSON.stringify(entry)}\n`;
      this.queued.push(line);
      this.journalBytes += Buffer.byteLength(line);
      this.changes++;
      if (touchesTrials) this.trialChanges++;
    }
    await this.flush();
    return result;
  }

  flush(): Promise<void> {
    if (!this.nextFlush) {
      const next = this.flushing
        .catch(() => undefined)
        .then(() => {
          this.nextFlush = null;
          return this.writeOut();
        });
      this.nextFlush = next;
      this.flushing = next;
    }
    return this.nextFlush;
  }

  /**
   * Append the queued lines to the journal. When compacting, the data is serialised in the
   * same tick as the lines are taken, and the lines are appended before db.json is replaced:
   * so the journal holds every change the new db.json holds, and replaying it over that file
   * after a crash (before the journal is emptied) yields that file again.
   */
  private async writeOut(): Promise<void> {
    const lines = this.queued;
    this.queued = [];
    const compact = this.compactNext || this.journalBytes > COMPACT_AFTER_BYTES;
    const content = compact ? JSON.stringify(this.db.data) : null;
    if (lines.length > 0) await this.append(lines.join(''));
    if (content === null) return;
    this.compactNext = false;
    await this.file.writeText(content);
    await rm(this.journalFile, { force: true });
    await syncFolder(path.dirname(this.journalFile));
    this.journalExists = false;
    this.journalBytes = this.queued.reduce((bytes, line) => bytes + Buffer.byteLength(line), 0);
  }

  private async append(text: string): Promise<void> {
    const journal = await open(this.journalFile, 'a');
    try {
      await journal.write(text);
      await journal.datasync();
    } finally {
      await journal.close();
    }
    // A new journal file's name must reach the disk too, or a power cut could lose it whole.
    if (!this.journalExists) {
      await syncFolder(path.dirname(this.journalFile));
      this.journalExists = true;
    }
  }

  /** Fold the journal into db.json and let another process open the folder. */
  async close(): Promise<void> {
    this.compactNext = true;
    await this.flush();
    await this.lock.release();
  }
}
