/**
 * Every robustness figure of a few fixed trials, pinned to the numbers captured before the
 * bootstrap was made faster: the same seed must keep giving the same interval, shares,
 * confidence and leader flip, so a speed-up can never quietly change a verdict.
 * Regenerate test/fixtures/robustness-golden.json only for an intended change of the rules.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/domain/prng.js';
import { bootstrapScores } from '../../src/domain/resamples.js';
import { GOLDEN_CASES, robustnessFigures, type Figures } from './robustnessGolden.js';

const TOLERANCE = 1e-12;

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/robustness-golden.json', import.meta.url), 'utf8'),
) as Record<string, Figures>;

/** Walks both values side by side; numbers must agree within TOLERANCE, everything else exactly. */
function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object');
    expect(actual, path).not.toBeNull();
    const actualRecord = actual as Record<string, unknown>;
    const expectedRecord = expected as Record<string, unknown>;
    expect(Object.keys(actualRecord).sort(), path).toEqual(Object.keys(expectedRecord).sort());
    for (const key of Object.keys(expectedRecord)) {
      expectClose(actualRecord[key], expectedRecord[key], `${path}.${key}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('robustness figures of fixed trials', () => {
  it.each(GOLDEN_CASES)(
    'when the $name trial is scored, then every figure equals the pinned one',
    (golden) => {
      const expected = fixture[golden.name];
      expect(expected, `fixture for ${golden.name}`).toBeDefined();
      expectClose(robustnessFigures(golden), expected, golden.name);
    },
  );
});

describe('bootstrap draws', () => {
  const columns = {
    weight: Float64Array.from([1, 2, 3, 1, 2]),
    responsiveness: Float64Array.from([90, Number.NaN, 40, 75, 60]),
    resolution: Float64Array.from([80, 70, Number.NaN, 20, 100]),
    escalation: Float64Array.from([Number.NaN, 50, Number.NaN, 90, Number.NaN]),
    commitment: Float64Array.from([100, 0, Number.NaN, 100, 100]),
  };
  const documents = { documented: 60, strength: 70 };

  it('when the random source is not a seeded PRNG, then the resamples and what it draws next are the same as with the PRNG stepped inline', () => {
    const seeded = seededRandom('draws');
    const inner = seededRandom('draws');
    const other = () => inner();
    const inline = bootstrapScores(columns, documents, seeded, 40);
    const called = bootstrapScores(columns, documents, other, 40);
    expect(Array.from(inline.scores)).toEqual(Array.from(called.scores));
    expect(seeded()).toBe(other());
  });
});
