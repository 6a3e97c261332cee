/**
 * Failed sign-ins counted per client address and per account in a sliding window. Past
 * the limit, further attempts are refused before any password is checked, until the
 * oldest failure leaves the window. A success clears the account's count (not the
 * address's, so one known password does not unlock guessing at others).
 */
export interface LoginLimits {
  perAddress: number;
  perAccount: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAddress: 20, perAccount: 5, windowMs: 15 * 60_000 };

/** Bounds memory under a flood of made-up e-mails: the oldest keys go first. */
const MAX_KEYS = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until an attempt is allowed again; 0 when it is allowed now. */
  retryAfterMs(address: string, account: string): number {
    return Math.max(
      this.wait(`ip:${address}`, this.limits.perAddress),
      this.wait(`account:${account.toLowerCase()}`, this.limits.perAccount),
    );
  }

  recordFailure(address: string, account: string): void {
    this.add(`ip:${address}`);
    this.add(`account:${account.toLowerCase()}`);
  }

  recordSuccess(account: string): void {
    this.failures.delete(`account:${account.toLowerCase()}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const times = (this.failures.get(key) ?? []).filter((time) => time > cutoff);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  private wait(key: string, limit: number): number {
    const times = this.recent(key);
    if (times.length < limit) return 0;
    const oldestCounted = times[times.length - limit] ?? this.now();
    return Math.max(1, oldestCounted + this.limits.windowMs - this.now());
  }

  private add(key: string): void {
    const times = this.recent(key);
    this.failures.delete(key);
    this.failures.set(key, [...times, this.now()]);
    if (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next();
      if (!oldest.done) this.failures.delete(oldest.value);
    }
  }
}
