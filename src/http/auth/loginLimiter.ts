/**
 * Failed sign-ins, counted two ways. Per account *and* address: after `perAccount` failures in
 * a row, each further attempt from that address waits twice as long as the last (1 s, 2 s,
 * 4 s … up to `maxDelayMs`), so guessing one password is slow while the account's owner,
 * signing in from elsewhere, is never locked out by a stranger who knows the e-mail. Per
 * address: `perAddress` failures in a sliding window, against spraying many accounts.
 * Past a limit, attempts are refused before any password is checked.
 */
export interface LoginLimits {
  perAddress: number;
  /** Failures in a row for one account from one address before the delays begin. */
  perAccount: number;
  windowMs: number;
  /** The first delay; each further failure doubles it. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Failures for an account from an address are forgotten this long after the last one. */
  forgetAfterMs?: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddress: 20,
  perAccount: 5,
  windowMs: 15 * 60_000,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Bounds memory under a flood of made-up e-mails and addresses: the oldest keys go first. */
const MAX_KEYS = 10_000;

interface Streak {
  failures: number;
  lastAt: number;
}

/** Keeps at most MAX_KEYS entries, dropping the least recently written. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_KEYS) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}

export class LoginLimiter {
  private readonly byAddress = new Map<string, number[]>();
  private readonly byAccountAndAddress = new Map<string, Streak>();
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly forgetAfterMs: number;

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.firstDelayMs = limits.firstDelayMs ?? 1000;
    this.maxDelayMs = limits.maxDelayMs ?? limits.windowMs;
    this.forgetAfterMs = limits.forgetAfterMs ?? 24 * 60 * 60_000;
  }

  /** Milliseconds until an attempt is allowed again; 0 when it is allowed now. */
  retryAfterMs(address: string, account: string): number {
    return Math.max(this.addressWait(address), this.streakWait(address, account));
  }

  recordFailure(address: string, account: string): void {
    remember(this.byAddress, address, [...this.recentAt(address), this.now()]);
    const key = streakKey(address, account);
    const failures = (this.streak(key)?.failures ?? 0) + 1;
    remember(this.byAccountAndAddress, key, { failures, lastAt: this.now() });
  }

  /** Clears the account's streak from this address (not the address's count, so one known
   * password does not unlock guessing at others). */
  recordSuccess(address: string, account: string): void {
    this.byAccountAndAddress.delete(streakKey(address, account));
  }

  private recentAt(address: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const times = (this.byAddress.get(address) ?? []).filter((time) => time > cutoff);
    if (times.length === 0) this.byAddress.delete(address);
    return times;
  }

  private addressWait(address: string): number {
    const times = this.recentAt(address);
    if (times.length < this.limits.perAddress) return 0;
    const oldestCounted = times[times.length - this.limits.perAddress] ?? this.now();
    return Math.max(1, oldestCounted + this.limits.windowMs - this.now());
  }

  private streak(key: string): Streak | undefined {
    const streak = this.byAccountAndAddress.get(key);
    if (streak && this.now() - streak.lastAt >= this.forgetAfterMs) {
      this.byAccountAndAddress.delete(key);
      return undefined;
    }
    return streak;
  }

  private streakWait(address: string, account: string): number {
    const streak = this.streak(streakKey(address, account));
    if (!streak || streak.failures < this.limits.perAccount) return 0;
    const doublings = streak.failures - this.limits.perAccount;
    // Past 2^30 the delay is long since capped; stopping there keeps the number finite.
    const delay = Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** Math.min(doublings, 30));
    return Math.max(0, streak.lastAt + delay - this.now());
  }
}

const streakKey = (address: string, account: string) => `${account.trim().toLowerCase()} ${address}`;
