import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { SCHEMA_VERSION, type Database } from '../domain/schemas.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

export function emptyDatabase(): Database {
  return { version: SCHEMA_VERSION, trials: [], vendors: [], scenarios: [], probes: [] };
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

  private constructor(private readonly db: Low<Database>) {}

  static async open(dataDir: string): Promise<Store> {
    await mkdir(dataDir, { recursive: true });
    const db = new Low(new ValidatedJsonFile(path.join(dataDir, 'db.json')), emptyDatabase());
    await db.read();
    const store = new Store(db);
    await store.flush();
    return store;
  }

  /** Read a view of the data; callers must not mutate what they receive. */
  read<T>(view: (data: Readonly<Database>) => T): T {
    return view(this.db.data);
  }

  /** The data as it would be written to disk now (for backups). */
  snapshot(): string {
    return JSON.stringify(this.db.data);
  }

  /** A number that grows with every change: what was computed at one revision still holds. */
  get revision(): number {
    return this.changes;
  }

  /** Apply a change (replace records, never mutate them in place) and wait until it is on disk. */
  async mutate<T>(change: (data: Database) => T): Promise<T> {
    const result = change(this.db.data);
    this.changes++;
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
}
