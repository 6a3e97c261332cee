/**
 * A small most-recently-used cache of page view models. The whole HTML of a page cannot be
 * shared (it carries the viewer's name, role-dependent buttons and a per-session CSRF token),
 * but what it is built from can, for as long as the key (trial, data version, minute, language,
 * query) holds. The promise is kept, so concurrent first requests share one build.
 */
export class ViewModelCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  /** The built models of `entries`, by the same keys. */
  private readonly settled = new Map<string, T>();
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
    this.settled.clear();
    this.version = version;
  }

  private delete(key: string): void {
    this.entries.delete(key);
    this.settled.delete(key);
  }

  /** How many entries are kept: for tests. */
  get size(): number {
    return this.entries.size;
  }

  /** The model under `key` if it is built already: a hit answered without waiting on a promise. */
  ready(key: string): T | undefined {
    const model = this.settled.get(key);
    const entry = this.entries.get(key);
    if (model !== undefined && entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return model;
  }

  get(key: string, build: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = build();
    this.built += 1;
    this.entries.set(key, pending);
    pending.then(
      (model) => {
        if (this.entries.get(key) === pending) this.settled.set(key, model);
      },
      // A failed build (an unknown trial) is not remembered: the next request asks again.
      () => {
        if (this.entries.get(key) === pending) this.entries.delete(key);
      },
    );
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return pending;
  }

  /** How many view models were built (not served from the cache): for tests and benches. */
  builds(): number {
    return this.built;
  }
}
