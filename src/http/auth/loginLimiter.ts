import type { AppDeps } from '../../app/deps.js';

/**
 * The ledger of failures (src/storage/signIns.ts), named through AppDeps: the http layer may
 * not import from src/storage, not even a type (eslint-plugin-boundaries).
 */
type SignInLedger = AppDeps['signIns'];

/** A run of failures for one account from one address, as the ledger reads it back. */
type Streak = NonNullable<Awaited<ReturnType<SignInLedger['read']>>['streak']>;

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

/**
 * How often failures prune the ledger of what no rule looks at any more: often enough to keep
 * it small, rarely enough that a burst of failures does not prune on each one.
 */
const PRUNE_EVERY_MS = 60_000;

/**
 * The rules above over a ledger that holds the failures: in memory for one instance, in
 * PostgreSQL for several sharing their limits. The rules stay here, in one place; the ledger
 * only stores and counts.
 */
export class LoginLimiter {
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly forgetAfterMs: number;
  private lastPrunedAt = -Infinity;

  constructor(
    private readonly ledger: SignInLedger,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.firstDelayMs = limits.firstDelayMs ?? 1000;
    this.maxDelayMs = limits.maxDelayMs ?? limits.windowMs;
    this.forgetAfterMs = limits.forgetAfterMs ?? 24 * 60 * 60_000;
  }

  /** Milliseconds until an attempt is allowed again; 0 when it is allowed now. */
  async retryAfterMs(address: string, account: string): Promise<number> {
    const now = this.now();
    const { addressTimes, streak } = await this.ledger.read(
      address,
      accountKey(account),
      now - this.limits.windowMs,
    );
    return Math.max(this.addressWait(addressTimes, now), this.streakWait(streak, now));
  }

  async recordFailure(address: string, account: string): Promise<void> {
    const now = this.now();
    const key = accountKey(account);
    const { streak } = await this.ledger.read(address, key, now - this.limits.windowMs);
    // A forgotten streak may still be stored (until a prune): this failure starts a new one at 1.
    if (streak && this.forgotten(streak, now)) await this.ledger.clearStreak(address, key);
    await this.ledger.recordFailure(address, key, now);
    await this.pruneNowAndThen(now);
  }

  /** Clears the account's streak from this address (not the address's count, so one known
   * password does not unlock guessing at others). */
  async recordSuccess(address: string, account: string): Promise<void> {
    await this.ledger.clearStreak(address, accountKey(account));
  }

  private addressWait(times: number[], now: number): number {
    if (times.length < this.limits.perAddress) return 0;
    const oldestCounted = times[times.length - this.limits.perAddress] ?? now;
    return Math.max(1, oldestCounted + this.limits.windowMs - now);
  }

  /** A streak this long after its last failure counts as none. */
  private forgotten(streak: Streak, now: number): boolean {
    return now - streak.lastAt >= this.forgetAfterMs;
  }

  private streakWait(streak: Streak | undefined, now: number): number {
    if (!streak || this.forgotten(streak, now) || streak.failures < this.limits.perAccount) return 0;
    const doublings = streak.failures - this.limits.perAccount;
    // Past 2^30 the delay is long since capped; stopping there keeps the number finite.
    const delay = Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** Math.min(doublings, 30));
    return Math.max(0, streak.lastAt + delay - now);
  }

  /** Drops what neither rule looks at any more: times past the window, streaks past forgetting. */
  private async pruneNowAndThen(now: number): Promise<void> {
    if (now - this.lastPrunedAt < PRUNE_EVERY_MS) return;
    // Set before the prune runs, so failures arriving meanwhile do not start prunes of their own.
    this.lastPrunedAt = now;
    await this.ledger.prune(now - Math.max(this.limits.windowMs, this.forgetAfterMs));
  }
}

/** The account as the ledger keys it: e-mails are matched whatever their case or spacing. */
const accountKey = (account: string) => account.trim().toLowerCase();
