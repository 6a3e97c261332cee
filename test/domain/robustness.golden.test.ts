/**
 * Every robustness figure of a few fixed trials, pinned to the numbers captured before the
 * bootstrap was made faster: the same seed must keep giving the same interval, shares,
 * confidence and leader flip, so a speed-up can never quietly change a verdict.
 * Regenerate test/fixtures/robustness-golden.json only for an intended change of the rules.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillUniform, seededRandom } from '../../src/domain/prng.js';
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

describe('drawing uniform numbers in bulk', () => {
  it.each([
    ['a seeded PRNG', (seed: string) => seededRandom(seed)],
    [
      'any other source',
      (seed: string) => {
        const inner = seededRandom(seed);
        return () => inner();
      },
    ],
  ])(
    'when %s fills an array, then it holds the numbers of as many calls, and the stream goes on after them',
    (_name, make) => {
      const bulk = make('bulk');
      const oneByOne = make('bulk');
      const filled = new Float64Array(7);
      fillUniform(bulk, filled, 5);
      expect(Array.from(filled)).toEqual([...Array.from({ length: 5 }, () => oneByOne()), 0, 0]);
      expect(bulk()).toBe(oneByOne());
    },
  );
});
