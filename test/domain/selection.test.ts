import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/domain/robustness.js';
import { kthSmallest, percentileBySelection } from '../../src/domain/selection.js';

/** Overalls as the bootstrap makes them: 0–100, often repeated (few probes, few distinct sums). */
const overalls = fc.array(
  fc.oneof(
    fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, 12.5, 50, 73.33333333333333, 100),
  ),
  { minLength: 1, maxLength: 300 },
);

function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

describe('selection', () => {
  it('when the k-th smallest is selected, then it is the k-th of the sorted values for every k', () => {
    fc.assert(
      fc.property(overalls, (values) => {
        const sorted = sortedCopy(values);
        sorted.forEach((expected, k) => {
          expect(kthSmallest(Float64Array.from(values), k)).toBe(expected);
        });
      }),
    );
  });

  it.each([0, 0.05, 0.5, 0.95, 1])(
    'when the %s percentile is taken by selection, then it is the very number the sorted percentile gives',
    (p) => {
      fc.assert(
        fc.property(overalls, (values) => {
          expect(percentileBySelection(Float64Array.from(values), p)).toBe(percentile(sortedCopy(values), p));
        }),
      );
    },
  );

  it.each([
    { case: 'all equal', values: Array.from({ length: 1000 }, () => 42) },
    { case: 'already sorted', values: Array.from({ length: 1000 }, (_, i) => i / 10) },
    { case: 'sorted backwards', values: Array.from({ length: 1000 }, (_, i) => 100 - i / 10) },
    { case: 'two values', values: Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 0 : 100)) },
  ])(
    'when a thousand overalls are $case, then both low and high agree with the sorted percentile',
    ({ values }) => {
      const interval = (p: number) => percentileBySelection(Float64Array.from(values), p);
      expect([interval(0.05), interval(0.95)]).toEqual([
        percentile(sortedCopy(values), 0.05),
        percentile(sortedCopy(values), 0.95),
      ]);
    },
  );

  it('when there are no values, then the percentile is NaN', () => {
    expect(percentileBySelection(new Float64Array(0), 0.05)).toBeNaN();
  });
});
