export interface SignInStreak {
  failures: number;
  lastAt: number;
}

/**
 * Failed sign-ins as the limiter counts them; times are epoch milliseconds. The rules (how
 * many, how long) are the limiter's (src/http/auth/loginLimiter.ts): a ledger only keeps the
 * state, so that several instances can share it (PgSignIns) or one keeps it in memory.
 */
export interface SignInLedger {
  /** Failure times from `address` after `since`, oldest first, and the streak of `account` from `address` (undefined when none). */
  read(
    address: string,
    account: string,
    since: number,
  ): Promise<{ addressTimes: number[]; streak: SignInStreak | undefined }>;
  /** One more failure at `at`: appended to the address's times and the streak's count, in one atomic step (two instances recording at once both count). */
  recordFailure(address: string, account: string, at: number): Promise<void>;
  /** Forgets the streak of `account` from `address` (not the address's times). */
  clearStreak(address: string, account: string): Promise<void>;
  /** Drops what is older than `before` (address times, and streaks whose lastAt is older). */
  prune(before: number): Promise<void>;
}

/** Bounds memory under a flood of made-up e-mails and addresses: the oldest keys go first. */
const MAX_KEYS = 10_000;

/** Keeps at most MAX_KEYS entries, dropping the least recently written. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_KEYS) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}

/** One key per account and address; JSON so that no address or account can run into the other. */
const streakKey = (address: string, account: string) => JSON.stringify([address, account]);

/**
 * The ledger of a single instance, in memory: a restart forgets it. Each map holds at most
 * MAX_KEYS keys. A read also forgets the address's times at or before `since`: the limiter
 * only ever asks for its window, so what has left the window is never asked for again, and an
 * address's list stays as short as the window between prunes.
 */
export class MemorySignIns implements SignInLedger {
  private readonly byAddress = new Map<string, number[]>();
  private readonly streaks = new Map<string, SignInStreak>();

  read(
    address: string,
    account: string,
    since: number,
  ): Promise<{ addressTimes: number[]; streak: SignInStreak | undefined }> {
    const addressTimes = this.keepTimes(address, (time) => time > since);
    const streak = this.streaks.get(streakKey(address, account));
    return Promise.resolve({ addressTimes, streak: streak && { ...streak } });
  }

  recordFailure(address: string, account: string, at: number): Promise<void> {
    const times = [...(this.byAddress.get(address) ?? []), at].sort((a, b) => a - b);
    remember(this.byAddress, address, times);
    const key = streakKey(address, account);
    const streak = this.streaks.get(key);
    const failures = (streak?.failures ?? 0) + 1;
    remember(this.streaks, key, { failures, lastAt: Math.max(streak?.lastAt ?? at, at) });
    return Promise.resolve();
  }

  clearStreak(address: string, account: string): Promise<void> {
    this.streaks.delete(streakKey(address, account));
    return Promise.resolve();
  }

  prune(before: number): Promise<void> {
    for (const address of [...this.byAddress.keys()]) this.keepTimes(address, (time) => time >= before);
    for (const [key, streak] of [...this.streaks]) if (streak.lastAt < before) this.streaks.delete(key);
    return Promise.resolve();
  }

  /** Keeps only the address's times that pass `keep` (none: the address is dropped); returns a copy. */
  private keepTimes(address: string, keep: (time: number) => boolean): number[] {
    const times = this.byAddress.get(address) ?? [];
    const kept = times.filter(keep);
    if (kept.length === 0) this.byAddress.delete(address);
    // Rewritten in place of the old list, not as a new write: reading is not a reason to keep a key longer.
    else if (kept.length < times.length) this.byAddress.set(address, kept);
    return [...kept];
  }
}
