import { describe, expect, it } from 'vitest';
import { leaderChangePoints } from '../../src/domain/flipCrossings.js';
import type { DimensionScores } from '../../src/domain/scoring/aggregate.js';

const even = Float64Array.from([0.25, 0.25, 0.25, 0.25]);
const scores = (
  responsiveness: number | null,
  resolution: number | null,
  escalation: number | null,
  commitment: number | null,
): DimensionScores => ({ responsiveness, resolution, escalation, commitment });

describe('points where the leader can change', () => {
  it.each([
    {
      case: 'responsiveness moves and only the leader scores on it',
      contenders: [scores(100, 0, 0, 0), scores(0, 60, 0, 0)],
      d: 0,
      // 100x = 60 × (1 − x) / 3
      expected: 1 / 6,
    },
    {
      case: 'resolution moves and the runner-up scores on it',
      contenders: [scores(80, 20, 80, 80), scores(60, 100, 60, 60)],
      d: 1,
      // 80(1 − x) + 20x = 60(1 − x) + 100x
      expected: 0.2,
    },
    {
      case: 'the runner-up is only measured on the moving weight',
      contenders: [scores(50, 50, 50, null), scores(null, null, null, 90)],
      d: 3,
      // its overall appears as soon as commitment weighs anything: at 0 it is unmeasured
      expected: 0,
    },
  ])('when $case, then the crossing is among the points', ({ contenders, d, expected }) => {
    const points = leaderChangePoints(contenders, 0, even, d);
    expect(points).not.toBeNull();
    expect(points?.some((point) => Math.abs(point - expected) < 1e-12)).toBe(true);
  });

  it('when a contender scores the same as the leader on every dimension, then there are no points to name', () => {
    const same = scores(70, 40, null, 90);
    expect(leaderChangePoints([same, { ...same }], 0, even, 2)).toBeNull();
  });
});
