/**
 * The sign-in ledger's contract, held by both ledgers: in memory (one instance) and in
 * PostgreSQL (every instance behind a load balancer, sharing their limits). Then the limiter's
 * key rules over each, so the PostgreSQL ledger is known to limit as the memory one does.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter } from '../../src/http/auth/loginLimiter.js';
import { PgSignIns } from '../../src/storage/postgres/pgSignIns.js';
import { MemorySignIns, type SignInLedger } from '../../src/storage/signIns.js';
import { suiteDatabase } from '../support/postgres.js';

/** Epoch milliseconds of today's order, past what a 32-bit integer holds. */
const T = 1_700_000_000_000;
const WINDOW = DEFAULT_LOGIN_LIMITS.windowMs;
const DAY = 24 * 60 * 60_000;

const { pool: suitePool, newPool } = suiteDatabase();

/** Each opens an empty ledger: the tests of this file share one database, emptied in turn. */
const memory = { name: 'MemorySignIns', open: () => Promise.resolve(new MemorySignIns()) };
const postgres = {
  name: 'PgSignIns',
  open: async (): Promise<SignInLedger> => {
    const pool = suitePool();
    await pool.query('TRUNCATE sign_in_failures, sign_in_streaks');
    return new PgSignIns(pool);
  },
};
const LEDGERS: { name: string; open: () => Promise<SignInLedger> }[] = [memory, postgres];

describe.each(LEDGERS)('the sign-in ledger: $name', ({ open }) => {
  it('when nothing has been recorded, then a read finds no times and no streak', async () => {
    const ledger = await open();
    expect(await ledger.read('10.0.0.1', 'a@example.com', 0)).toEqual({
      addressTimes: [],
      streak: undefined,
    });
  });

  it("when failures are recorded, then a read gives the address's times after `since`, oldest first, and the streak", async () => {
    const ledger = await open();
    for (const at of [T + 1000, T + 2000, T + 3000])
      await ledger.recordFailure('10.0.0.1', 'a@example.com', at);

    expect(await ledger.read('10.0.0.1', 'a@example.com', T)).toEqual({
      addressTimes: [T + 1000, T + 2000, T + 3000],
      streak: { failures: 3, lastAt: T + 3000 },
    });
    const later = await ledger.read('10.0.0.1', 'a@example.com', T + 2000);
    expect(later.addressTimes).toEqual([T + 3000]);
    expect(later.streak).toEqual({ failures: 3, lastAt: T + 3000 });
  });

  it('when failures come for two accounts from one address, then the address counts both and each account has its own streak', async () => {
    const ledger = await open();
    await ledger.recordFailure('10.0.0.1', 'a@example.com', T + 1000);
    await ledger.recordFailure('10.0.0.1', 'b@example.com', T + 2000);
    await ledger.recordFailure('10.0.0.1', 'a@example.com', T + 3000);
    await ledger.recordFailure('10.0.0.2', 'a@example.com', T + 4000);

    expect(await ledger.read('10.0.0.1', 'a@example.com', T)).toEqual({
      addressTimes: [T + 1000, T + 2000, T + 3000],
      streak: { failures: 2, lastAt: T + 3000 },
    });
    expect((await ledger.read('10.0.0.1', 'b@example.com', T)).streak).toEqual({
      failures: 1,
      lastAt: T + 2000,
    });
    expect(await ledger.read('10.0.0.2', 'a@example.com', T)).toEqual({
      addressTimes: [T + 4000],
      streak: { failures: 1, lastAt: T + 4000 },
    });
    expect((await ledger.read('10.0.0.2', 'b@example.com', T)).streak).toBeUndefined();
  });

  it("when a streak is cleared, then the address's times stay and the next failure starts a new streak at 1", async () => {
    const ledger = await open();
    for (const at of [T + 1000, T + 2000]) await ledger.recordFailure('10.0.0.1', 'a@example.com', at);
    await ledger.recordFailure('10.0.0.1', 'b@example.com', T + 2500);

    await ledger.clearStreak('10.0.0.1', 'a@example.com');
    expect(await ledger.read('10.0.0.1', 'a@example.com', T)).toEqual({
      addressTimes: [T + 1000, T + 2000, T + 2500],
      streak: undefined,
    });
    expect((await ledger.read('10.0.0.1', 'b@example.com', T)).streak).toEqual({
      failures: 1,
      lastAt: T + 2500,
    });

    await ledger.recordFailure('10.0.0.1', 'a@example.com', T + 3000);
    expect((await ledger.read('10.0.0.1', 'a@example.com', T)).streak).toEqual({
      failures: 1,
      lastAt: T + 3000,
    });
  });

  it('when pruned, then times older than `before` and streaks last failed before it are dropped, the rest kept', async () => {
    const ledger = await open();
    await ledger.recordFailure('10.0.0.1', 'a@example.com', T + 1000);
    await ledger.recordFailure('10.0.0.1', 'b@example.com', T + 2000);
    await ledger.recordFailure('10.0.0.1', 'a@example.com', T + 5000);
    await ledger.recordFailure('10.0.0.2', 'c@example.com', T + 3000);

    await ledger.prune(T + 5000);

    // `a` failed before `before` too, but its streak's last failure is not older: it stays whole.
    expect(await ledger.read('10.0.0.1', 'a@example.com', 0)).toEqual({
      addressTimes: [T + 5000],
      streak: { failures: 2, lastAt: T + 5000 },
    });
    expect((await ledger.read('10.0.0.1', 'b@example.com', 0)).streak).toBeUndefined();
    expect(await ledger.read('10.0.0.2', 'c@example.com', 0)).toEqual({
      addressTimes: [],
      streak: undefined,
    });
  });

  it('when 20 failures are recorded at once, then all 20 count, in the streak and in the times', async () => {
    const ledger = await open();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => ledger.recordFailure('10.0.0.1', 'a@example.com', T + i)),
    );
    const { addressTimes, streak } = await ledger.read('10.0.0.1', 'a@example.com', 0);
    expect(streak).toEqual({ failures: 20, lastAt: T + 19 });
    expect(addressTimes).toEqual(Array.from({ length: 20 }, (_, i) => T + i));
  });
});

describe('the sign-in ledger in PostgreSQL, shared by instances', () => {
  it('when two instances record 10 failures each at once, then the streak counts all 20', async () => {
    const ledger = await postgres.open();
    const other = new PgSignIns(newPool());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? ledger : other).recordFailure('10.0.0.1', 'a@example.com', T + i),
      ),
    );
    const { addressTimes, streak } = await other.read('10.0.0.1', 'a@example.com', 0);
    expect(streak?.failures).toBe(20);
    expect(addressTimes).toHaveLength(20);
  });
});

describe.each(LEDGERS)('the login limiter over $name', ({ open }) => {
  /** A limiter on its own clock over a fresh ledger; `another` is a second instance sharing the ledger. */
  async function limiterAt(start = T) {
    let now = start;
    const ledger = await open();
    const instance = () => new LoginLimiter(ledger, DEFAULT_LOGIN_LIMITS, () => now);
    return { limiter: instance(), another: instance(), advance: (ms: number) => (now += ms) };
  }

  it.each([
    [4, 0],
    [5, 1000],
    [6, 2000],
    [10, 32_000],
  ])(
    'when one address has %i failures in a row for an account, then it waits %i ms after the last',
    async (failures, wait) => {
      const { limiter } = await limiterAt();
      for (let i = 0; i < failures; i++) await limiter.recordFailure('10.0.0.1', 'Lead@Example.com');
      expect(await limiter.retryAfterMs('10.0.0.1', 'lead@example.com')).toBe(wait);
      expect(await limiter.retryAfterMs('10.0.0.2', 'lead@example.com')).toBe(0);
    },
  );

  it('when one address fails 20 times over different accounts, then it waits a window even for a fresh account, and no longer', async () => {
    const { limiter, advance } = await limiterAt();
    for (let i = 0; i < 19; i++) await limiter.recordFailure('10.0.0.1', `user${String(i)}@example.com`);
    expect(await limiter.retryAfterMs('10.0.0.1', 'fresh@example.com')).toBe(0);
    await limiter.recordFailure('10.0.0.1', 'user19@example.com');
    expect(await limiter.retryAfterMs('10.0.0.1', 'fresh@example.com')).toBe(WINDOW);
    advance(WINDOW - 1);
    expect(await limiter.retryAfterMs('10.0.0.1', 'fresh@example.com')).toBe(1);
    advance(1);
    expect(await limiter.retryAfterMs('10.0.0.1', 'fresh@example.com')).toBe(0);
  });

  it('when a day passes after a streak, then the next failures start a new streak at 1', async () => {
    const { limiter, advance } = await limiterAt();
    for (let i = 0; i < 12; i++) await limiter.recordFailure('10.0.0.1', 'a@example.com');
    advance(DAY);
    expect(await limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(0);
    for (let i = 0; i < 4; i++) await limiter.recordFailure('10.0.0.1', 'a@example.com');
    expect(await limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(0);
    await limiter.recordFailure('10.0.0.1', 'a@example.com');
    expect(await limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(1000);
  });

  it('when the right password is given on one instance, then the streak is cleared for every instance but the address still counts', async () => {
    const { limiter, another } = await limiterAt();
    for (let i = 0; i < 20; i++) await limiter.recordFailure('10.0.0.1', 'a@example.com');
    expect(await another.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(WINDOW);
    await another.recordSuccess('10.0.0.1', 'A@example.com ');
    expect(await limiter.retryAfterMs('10.0.0.2', 'a@example.com')).toBe(0);
    expect(await limiter.retryAfterMs('10.0.0.1', 'b@example.com')).toBe(WINDOW);
  });

  it('when failures are spread over two instances, then their limits are shared', async () => {
    const { limiter, another } = await limiterAt();
    for (let i = 0; i < 3; i++) await limiter.recordFailure('10.0.0.1', 'a@example.com');
    for (let i = 0; i < 3; i++) await another.recordFailure('10.0.0.1', 'a@example.com');
    expect(await limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(2000);
    expect(await another.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(2000);
  });
});
