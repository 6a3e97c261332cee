import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../src/http/auth/loginLimiter.js';

const WINDOW = 15 * 60_000;

function limiterAt(start = 1_000_000) {
  let now = start;
  const limiter = new LoginLimiter({ perAddress: 20, perAccount: 5, windowMs: WINDOW }, () => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('LoginLimiter', () => {
  it.each([
    [4, 0],
    [5, WINDOW],
    [6, WINDOW],
  ])('when an account has %i recent failures, then the wait is %i ms', (failures, wait) => {
    const { limiter } = limiterAt();
    for (let i = 0; i < failures; i++) limiter.recordFailure(`10.0.0.${i}`, 'Lead@Example.com');
    expect(limiter.retryAfterMs('10.9.9.9', 'lead@example.com')).toBe(wait);
  });

  it('when the oldest counted failure leaves the window, then one more attempt is allowed, and not a millisecond before', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 5; i++) {
      limiter.recordFailure('10.0.0.1', 'a@example.com');
      advance(1000);
    }
    advance(WINDOW - 5000 - 1);
    expect(limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(1);
    advance(1);
    expect(limiter.retryAfterMs('10.0.0.1', 'a@example.com')).toBe(0);
  });

  it('when one address fails 20 times over different accounts, then it waits even for a fresh account', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 19; i++) limiter.recordFailure('10.0.0.1', `user${i}@example.com`);
    expect(limiter.retryAfterMs('10.0.0.1', 'fresh@example.com')).toBe(0);
    limiter.recordFailure('10.0.0.1', 'user19@example.com');
    expect(limiter.retryAfterMs('10.0.0.1', 'fresh@example.com')).toBe(WINDOW);
    expect(limiter.retryAfterMs('10.0.0.2', 'fresh@example.com')).toBe(0);
  });

  it("when the right password is given, then the account's count is cleared but the address's is not", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 20; i++) limiter.recordFailure('10.0.0.1', 'a@example.com');
    limiter.recordSuccess('a@example.com');
    expect(limiter.retryAfterMs('10.0.0.2', 'a@example.com')).toBe(0);
    expect(limiter.retryAfterMs('10.0.0.1', 'b@example.com')).toBe(WINDOW);
  });
});
