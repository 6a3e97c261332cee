import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter } from '../../src/http/auth/loginLimiter.js';

const WINDOW = 15 * 60_000;

function limiterAt(start = 1_000_000) {
  let now = start;
  const limiter = new LoginLimiter(DEFAULT_LOGIN_LIMITS, () => now);
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
    (failures, wait) => {
      const { limiter } = limiterAt();
      for (let i = 0; i < failures; i++) limiter.recordFailure('10.0.0.1', 'Lead@Example.com');
      expect(limiter.retryAfterMs('10.0.0.1', 'lead@example.com')).toBe(wait);
    },
  );

  it('when the delay has passed, then one more attempt is allowed, and not a millisecond before', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 6; i++) limiter.recordFailure('10.0.0.1', 'a@example.com');
    advance(2000 - 1);
    expect(limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(1);
    advance(1);
    expect(limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(0);
  });

  it('when an account has many failures from one address, then another address may still try it at once', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 15; i++) limiter.recordFailure('198.51.100.7', 'lead@example.com');
    expect(limiter.retryAfterMs('198.51.100.7', 'lead@example.com')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('10.0.0.2', 'lead@example.com')).toBe(0);
  });

  it('when failures for an account come from many addresses, then none of them is delayed for it', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 50; i++) limiter.recordFailure(`10.0.1.${String(i)}`, 'lead@example.com');
    expect(limiter.retryAfterMs('10.0.1.0', 'lead@example.com')).toBe(0);
  });

  it('when a day passes after the last failure, then the streak is forgotten', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 12; i++) limiter.recordFailure('10.0.0.1', 'a@example.com');
    advance(24 * 60 * 60_000);
    limiter.recordFailure('10.0.0.1', 'a@example.com');
    expect(limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(0);
  });

  it('when one address fails 20 times over different accounts, then it waits even for a fresh account', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 19; i++) limiter.recordFailure('10.0.0.1', `user${String(i)}@example.com`);
    expect(limiter.retryAfterMs('10.0.0.1', 'fresh@example.com')).toBe(0);
    limiter.recordFailure('10.0.0.1', 'user19@example.com');
    expect(limiter.retryAfterMs('10.0.0.1', 'fresh@example.com')).toBe(WINDOW);
    expect(limiter.retryAfterMs('10.0.0.2', 'fresh@example.com')).toBe(0);
  });

  it("when the right password is given, then that address's streak for the account is cleared but not its count", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 20; i++) limiter.recordFailure('10.0.0.1', 'a@example.com');
    limiter.recordSuccess('10.0.0.1', 'a@example.com');
    expect(limiter.retryAfterMs('10.0.0.2', 'a@example.com')).toBe(0);
    expect(limiter.retryAfterMs('10.0.0.1', 'b@example.com')).toBe(WINDOW);
  });

  it('when 30,000 made-up addresses fail, then the oldest are forgotten and the newest still count', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 30_000; i++) {
      for (let j = 0; j < 5; j++) limiter.recordFailure(`addr${String(i)}`, 'a@example.com');
    }
    expect(limiter.retryAfterMs('addr0', 'a@example.com')).toBe(0);
    expect(limiter.retryAfterMs('addr29999', 'a@example.com')).toBe(1000);
  });
});
