import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexBelow, MAX_INDEX_COUNT, seededRandom, streamOf, uniformOf } from '../../src/domain/prng.js';
import {
  addDrawnContributions,
  emptySums,
  probeContributions,
  type ProbeColumns,
} from '../../src/domain/scoring/dimensions.js';
import { addPackedDraws, packContributions } from '../../src/domain/scoring/packedDraws.js';

/** Columns of `count` probes with varied weights, fractional points and gaps (NaN). */
function buildColumns(count: number, weightOf = (i: number) => 1 + (i % 4)): ProbeColumns {
  const column = (value: (i: number) => number) => Float64Array.from({ length: count }, (_, i) => value(i));
  return {
    weight: column(weightOf),
    responsiveness: column((i) => (i % 5 === 0 ? Number.NaN : 100 - ((i * 13) % 37) * 1.37)),
    resolution: column((i) => (i % 3 === 0 ? Number.NaN : 25 * (i % 4) * 0.85 * 0.9)),
    escalation: column((i) => (i % 2 === 0 ? Number.NaN : 100 - 20 * (i % 3))),
    commitment: column((i) => (i % 6 === 0 ? Number.NaN : i % 4 === 0 ? 0 : 100)),
  };
}

describe('packed bootstrap draws', () => {
  it.each([{ probes: 1 }, { probes: 3 }, { probes: 25 }, { probes: 100 }, { probes: 200 }])(
    'when $probes probes are drawn packed, then every sum and the PRNG state equal the plain loop',
    ({ probes }) => {
      const parts = probeContributions(buildColumns(probes));
      const packed = packContributions(parts);
      expect(packed).not.toBeNull();
      const plainRandom = seededRandom('packed draws');
      const packedRandom = seededRandom('packed draws');
      const packedStream = streamOf(packedRandom);
      if (!packed || !packedStream) throw new Error('expected a packed form and a seeded stream');
      const plain = emptySums();
      const fast = emptySums();
      for (let sample = 0; sample < 50; sample++) {
        addDrawnContributions(parts, plainRandom, plain);
        addPackedDraws(packed, packedStream, fast);
        expect(fast).toEqual(plain);
      }
      expect(packedRandom()).toBe(plainRandom());
    },
  );

  it.each([
    { case: 'a weight is fractional', columns: buildColumns(10, (i) => 1 + i / 3) },
    { case: 'a sum could overflow its bit field', columns: buildColumns(20_000) },
    { case: 'there are more probes than an index can be drawn from', columns: buildColumns(40_000, () => 0) },
  ])('when $case, then there is no packed form', ({ columns }) => {
    expect(packContributions(probeContributions(columns))).toBeNull();
  });
});

describe('drawing a probe index in integer arithmetic', () => {
  it.each([1, 2, 3, 7, 100, 101, 4096, 9999, MAX_INDEX_COUNT])(
    'when %i probes are drawn from, then the index equals ⌊uniform × count⌋',
    (count) => {
      fc.assert(
        fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (state) => {
          expect(indexBelow(state, count)).toBe(Math.floor(uniformOf(state) * count));
        }),
        { numRuns: 2000 },
      );
    },
  );
});
