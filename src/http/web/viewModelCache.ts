/**
 * A small most-recently-used cache of page view models. The whole HTML of a page cannot be
 * shared (it carries the viewer's name, role-dependent buttons and a per-session CSRF token),
 * but what it is built from can, for as long as the key (trial, data version, minute, language,
 * query) holds. The promise is kept, so concurrent first requests share one build.
 */
/** A model being built, and the model once it is. */
interface Entry<T> {
  pending: Promise<T>;
  built?: T;
}

export class ViewModelCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private built = 0;
  private version: string | undefined;

  constructor(private readonly capacity: number) {}

  /**
   * Entries are built on one version of the data and the minute (pageVersion), which only
   * moves forward: once a request brings another version, no older entry will be asked for
   * again, so they are let go at once instead of when the capacity pushes them out (a large
   * trial's view models are megabytes each).
   */
  moveTo(version: string): void {
    if (version === this.version) return;
    this.entries.clear();
    this.version = version;
  }

  /** How many entries are kept: for tests. */
  get size(): number {
    return this.entries.size;
  }

  /** The model under `key` if it is built already: a hit answered without waiting on a promise. */
  ready(key: string): T | undefined {
    return this.touch(key)?.built;
  }

  get(key: string, build: () => Promise<T>): Promise<T> {
    const hit = this.touch(key);
    if (hit) return hit.pending;
    const entry: Entry<T> = { pending: build() };
    this.built += 1;
    this.entries.set(key, entry);
    entry.pending.then(
      (model) => {
        entry.built = model;
      },
      // A failed build (an unknown trial) is not remembered: the next request asks again.
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry.pending;
  }

  /** How many view models were built (not served from the cache): for tests and benches. */
  builds(): number {
    return this.built;
  }

  /** The entry under `key`, made the most recently used. */
  private touch(key: string): Entry<T> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }
}
