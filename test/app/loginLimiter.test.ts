import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter } from '../../src/http/auth/loginLimiter.js';
import { MemorySignIns } from '../../src/storage/signIns.js';

const WINDOW = 15 * 60_000;

function limiterAt(start = 1_000_000) {
  let now = start;
  const limiter = new LoginLimiter(new MemorySignIns(), DEFAULT_LOGIN_LIMITS, () => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('LoginLimiter', () => {
  it.each([
    [4, 0],
    [5, 1000],
    [6, 2000],
    [7, 4000],
    [10, 32_000],
    [14, 512_000],
    [15, WINDOW],
    [40, WINDOW],
  ])(
    'when one address has %i failures in a row for an account, then it waits %i ms after the last',
    async (failures, wait) => {
      const { limiter } = limiterAt();
      for (let i = 0; i < failures; i++) await limiter.recordFailure('10.0.0.1', 'Lead@Example.com');
      expect(await limiter.retryAfterMs('10.0.0.1', 'lead@example.com')).toBe(wait);
    },
  );

  it('when the delay has passed, then one more attempt is allowed, and not a millisecond before', async () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 6; i++) await limiter.recordFailure('10.0.0.1', 'a@example.com');
    advance(2000 - 1);
    expect(await limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(1);
    advance(1);
    expect(await limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(0);
  });

  it('when an account has many failures from one address, then another address may still try it at once', async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 15; i++) await limiter.recordFailure('198.51.100.7', 'lead@example.com');
    expect(await limiter.retryAfterMs('198.51.100.7', 'lead@example.com')).toBeGreaterThan(0);
    expect(await limiter.retryAfterMs('10.0.0.2', 'lead@example.com')).toBe(0);
  });

  it('when failures for an account come from many addresses, then none of them is delayed for it', async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 50; i++) await limiter.recordFailure(`10.0.1.${String(i)}`, 'lead@example.com');
    expect(await limiter.retryAfterMs('10.0.1.0', 'lead@example.com')).toBe(0);
  });

  it('when a day passes after the last failure, then the streak is forgotten', async () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 12; i++) await limiter.recordFailure('10.0.0.1', 'a@example.com');
    advance(24 * 60 * 60_000);
    await limiter.recordFailure('10.0.0.1', 'a@example.com');
    expect(await limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(0);
  });

  it('when one address fails 20 times over different accounts, then it waits even for a fresh account', async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 19; i++) await limiter.recordFailure('10.0.0.1', `user${String(i)}@example.com`);
    expect(await limiter.retryAfterMs('10.0.0.1', 'fresh@example.com')).toBe(0);
    await limiter.recordFailure('10.0.0.1', 'user19@example.com');
    expect(await limiter.retryAfterMs('10.0.0.1', 'fresh@example.com')).toBe(WINDOW);
    expect(await limiter.retryAfterMs('10.0.0.2', 'fresh@example.com')).toBe(0);
  });

  it("when the right password is given, then that address's streak for the account is cleared but not its count", async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 20; i++) await limiter.recordFailure('10.0.0.1', 'a@example.com');
    await limiter.recordSuccess('10.0.0.1', 'a@example.com');
    expect(await limiter.retryAfterMs('10.0.0.2', 'a@example.com')).toBe(0);
    expect(await limiter.retryAfterMs('10.0.0.1', 'b@example.com')).toBe(WINDOW);
  });

  it('when 30,000 made-up addresses fail, then the oldest are forgotten and the newest still count', async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 30_000; i++) {
      for (let j = 0; j < 5; j++) await limiter.recordFailure(`addr${String(i)}`, 'a@example.com');
    }
    expect(await limiter.retryAfterMs('addr0', 'a@example.com')).toBe(0);
    expect(await limiter.retryAfterMs('addr29999', 'a@example.com')).toBe(1000);
  });
});

describe('LoginLimiter pruning its ledger', () => {
  /** A memory ledger that notes the `before` of each prune. */
  class NotedPrunes extends MemorySignIns {
    readonly prunedBefore: number[] = [];
    override prune(before: number): Promise<void> {
      this.prunedBefore.push(before);
      return super.prune(before);
    }
  }

  it('when failures keep coming, then the ledger is pruned at most once a minute, of what is older than a day', async () => {
    let now = 1_000_000_000;
    const ledger = new NotedPrunes();
    const limiter = new LoginLimiter(ledger, DEFAULT_LOGIN_LIMITS, () => now);
    await limiter.recordFailure('10.0.0.1', 'a@example.com');
    now += 59_999;
    await limiter.recordFailure('10.0.0.1', 'a@example.com');
    await limiter.retryAfterMs('10.0.0.1', 'a@example.com');
    expect(ledger.prunedBefore).toEqual([1_000_000_000 - 24 * 60 * 60_000]);
    now += 1;
    await limiter.recordFailure('10.0.0.1', 'a@example.com');
    expect(ledger.prunedBefore).toEqual([1_000_000_000 - 24 * 60 * 60_000, 1_000_060_000 - 24 * 60 * 60_000]);
  });

  it('when the window is longer than forgetting, then a prune keeps the whole window', async () => {
    const ledger = new NotedPrunes();
    const limits = { ...DEFAULT_LOGIN_LIMITS, windowMs: 48 * 60 * 60_000 };
    const limiter = new LoginLimiter(ledger, limits, () => 1_000_000_000);
    await limiter.recordFailure('10.0.0.1', 'a@example.com');
    expect(ledger.prunedBefore).toEqual([1_000_000_000 - 48 * 60 * 60_000]);
  });
});
