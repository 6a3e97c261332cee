/**
 * A small most-recently-used cache of page view models. The whole HTML of a page cannot be
 * shared (it carries the viewer's name, role-dependent buttons and a per-session CSRF token),
 * but what it is built from can, for as long as the key (trial, data version, minute, language,
 * query) holds. The promise is kept, so concurrent first requests share one build.
 */
export class ViewModelCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
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
    // A failed build (an unknown trial) is not remembered: the next request asks again.
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return pending;
  }

  /** How many view models were built (not served from the cache): for tests and benches. */
  builds(): number {
    return this.built;
  }
}
