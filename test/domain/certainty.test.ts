import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aheadOfNextShares,
  confidenceLabel,
  evidenceOf,
  firstShares,
  type Resampled,
} from '../../src/domain/certainty.js';
import { seededRandom } from '../../src/domain/prng.js';
import { packResamples, resampleAt, resampleOverall } from '../../src/domain/resamples.js';
import { overallScore, type DimensionScores } from '../../src/domain/scoring/aggregate.js';
import { computeScorecard } from '../../src/domain/scoring/scorecard.js';
import type { Weights } from '../../src/domain/schemas.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';
import { shanghai } from './scoringHarness.js';

/**
 * SPEC §5 "Robustness", the parts that say how certain a ranking is: evidence (fewer than 3
 * counted probes is insufficient), the confidence label from evidence and interval width,
 * the first share (joint resample × weight draws) and ahead-of-next.
 */
const DEFAULT_WEIGHTS: Weights = { responsiveness: 0.25, resolution: 0.35, escalation: 0.2, commitment: 0.2 };

const flat = (score: number): DimensionScores => ({
  responsiveness: score,
  resolution: score,
  escalation: score,
  commitment: score,
});

/** A vendor whose resamples give these overall scores (every dimension the same). */
function resampled(id: string, overalls: readonly number[], disqualified = false): Resampled {
  return { id, name: id, disqualified, resamples: packResamples(overalls.map(flat)) };
}

const repeat = (overall: number, times: number) => Array.from({ length: times }, () => overall);

describe('evidence', () => {
  it.each([
    [0, 'insufficient'],
    [1, 'insufficient'],
    [2, 'insufficient'],
    [3, 'sufficient'],
    [5, 'sufficient'],
    [6, 'sufficient'],
  ])('when %s probes count, then the evidence is %s', (counted, evidence) => {
    expect(evidenceOf(counted)).toBe(evidence);
  });
});

describe('confidence label', () => {
  it.each([
    { counted: 1, width: 0, label: 'low' },
    { counted: 2, width: 0, label: 'low' },
    { counted: 3, width: 0, label: 'medium' },
    { counted: 5, width: 0, label: 'medium' },
    { counted: 6, width: 0, label: 'high' },
    { counted: 6, width: 14.99, label: 'high' },
    { counted: 6, width: 15, label: 'high' },
    { counted: 6, width: 15.01, label: 'medium' },
    { counted: 20, width: 15.01, label: 'medium' },
    { counted: 5, width: 15, label: 'medium' },
    { counted: 3, width: 29.99, label: 'medium' },
    { counted: 3, width: 30, label: 'medium' },
    { counted: 3, width: 30.01, label: 'low' },
    { counted: 6, width: 30, label: 'medium' },
    { counted: 6, width: 30.01, label: 'low' },
    { counted: 40, width: 45, label: 'low' },
    { counted: 2, width: 5, label: 'low' },
  ])(
    'when $counted probes count and the interval is $width wide, then confidence is $label',
    ({ counted, width, label }) => {
      expect(confidenceLabel(counted, { low: 50, high: 50 + width })).toBe(label);
    },
  );

  it('when there is no interval (nothing measured), then confidence is low whatever the count', () => {
    expect(confidenceLabel(12, null)).toBe('low');
  });
});

describe('first share', () => {
  it('when one vendor is ahead in every resample, then it is first in every joint draw', () => {
    const shares = firstShares(
      [resampled('a', repeat(80, 50)), resampled('b', repeat(60, 50))],
      seededRandom('dominance'),
      50,
    );
    expect(shares).toEqual(
      new Map([
        ['a', 1],
        ['b', 0],
      ]),
    );
  });

  it('when the better vendor is disqualified, then the first share goes to the qualified one', () => {
    const shares = firstShares(
      [resampled('a', repeat(90, 20), true), resampled('b', repeat(60, 20)), resampled('c', repeat(50, 20))],
      seededRandom('gates'),
      20,
    );
    expect(shares).toEqual(
      new Map([
        ['a', 0],
        ['b', 1],
        ['c', 0],
      ]),
    );
  });

  it('when every vendor is disqualified, then they are ranked among themselves', () => {
    const shares = firstShares(
      [resampled('a', repeat(90, 20), true), resampled('b', repeat(60, 20), true)],
      seededRandom('all-gated'),
      20,
    );
    expect(shares).toEqual(
      new Map([
        ['a', 1],
        ['b', 0],
      ]),
    );
  });

  it('when two vendors trade places in half the resamples, then each is first in about half the draws', () => {
    // Draw d: a scores 70 and b 60 for even d, the reverse for odd d; the weights do not matter.
    const alternating = (even: number, odd: number) =>
      Array.from({ length: 2000 }, (_, draw) => (draw % 2 === 0 ? even : odd));
    const shares = firstShares(
      [resampled('a', alternating(70, 60)), resampled('b', alternating(60, 70))],
      seededRandom('swap'),
    );
    expect(shares.get('a')).toBe(0.5);
    expect(shares.get('b')).toBe(0.5);
  });

  it('when a vendor has fewer resamples than draws, then it says so instead of guessing', () => {
    expect(() => firstShares([resampled('a', [50])], seededRandom('short'), 2)).toThrow(
      /certainty: vendor a/,
    );
  });
});

describe('ahead of next', () => {
  it.each([
    { case: 'always ahead', a: [70, 70, 70, 70], b: [60, 60, 60, 60], share: 1 },
    { case: 'never ahead', a: [50, 50, 50, 50], b: [60, 60, 60, 60], share: 0 },
    { case: 'tied in every draw (ties count half)', a: [60, 60, 60, 60], b: [60, 60, 60, 60], share: 0.5 },
    { case: 'ahead in 3 of 4', a: [70, 70, 70, 50], b: [60, 60, 60, 60], share: 0.75 },
    { case: 'ahead in 2, tied in 1, behind in 1', a: [70, 70, 60, 50], b: [60, 60, 60, 60], share: 0.625 },
  ])('when $case, then its share is $share and the last vendor has none', ({ a, b, share }) => {
    const shares = aheadOfNextShares([resampled('a', a), resampled('b', b)], DEFAULT_WEIGHTS, 4);
    expect(shares).toEqual(
      new Map([
        ['a', share],
        ['b', null],
      ]),
    );
  });

  it('when a disqualified vendor sits between two qualified ones, then the comparison skips it and it has none', () => {
    const shares = aheadOfNextShares(
      [resampled('a', [70, 70]), resampled('x', [65, 65], true), resampled('b', [60, 80])],
      DEFAULT_WEIGHTS,
      2,
    );
    expect(shares).toEqual(
      new Map([
        ['a', 0.5],
        ['x', null],
        ['b', null],
      ]),
    );
  });

  it('when every vendor is disqualified, then no vendor has a share', () => {
    const shares = aheadOfNextShares(
      [resampled('a', [70], true), resampled('b', [60], true)],
      DEFAULT_WEIGHTS,
      1,
    );
    expect(shares).toEqual(
      new Map([
        ['a', null],
        ['b', null],
      ]),
    );
  });

  it('when a resample leaves the next vendor unmeasured, then any score is ahead of it', () => {
    const unmeasured: DimensionScores = {
      responsiveness: null,
      resolution: null,
      escalation: null,
      commitment: null,
    };
    const shares = aheadOfNextShares(
      [resampled('a', [10, 10]), { ...resampled('b', []), resamples: packResamples([unmeasured, flat(5)]) }],
      DEFAULT_WEIGHTS,
      2,
    );
    expect(shares.get('a')).toBe(1);
  });
});

describe('certainty in the scorecard', () => {
  const asOf = Date.parse(shanghai('2026-11-24T12:00:00'));

  /** A vendor sent `count` P1 probes, each answered after `replyMinutes[i % length]` minutes. */
  function trialWith(
    vendors: { name: string; replyMinutes: number[]; count: number }[],
    trialId = 'trial-cert',
  ) {
    const trial = buildTrial({ id: trialId });
    const built = vendors.map(({ name }) => buildVendor({ id: `v-${name}`, trialId, name }));
    const probes = vendors.flatMap(({ replyMinutes, count }, v) =>
      Array.from({ length: count }, (_, index) => {
        const sentMs = Date.parse(shanghai('2026-11-16T10:00:00')) + index * 3_600_000;
        const reply = replyMinutes[index % replyMinutes.length] ?? 10;
        return buildProbe({
          id: `p-${v}-${index}`,
          trialId,
          vendorId: built[v]?.id ?? '',
          severity: 'P1',
          sentAt: new Date(sentMs).toISOString(),
          events: events([new Date(sentMs + reply * 60_000).toISOString(), 'ack']),
        });
      }),
    );
    return { trial, vendors: built, probes };
  }

  it.each([
    { count: 1, evidence: 'insufficient', confidence: 'low' },
    { count: 2, evidence: 'insufficient', confidence: 'low' },
    { count: 3, evidence: 'sufficient', confidence: 'medium' },
    { count: 5, evidence: 'sufficient', confidence: 'medium' },
    { count: 6, evidence: 'sufficient', confidence: 'high' },
  ])(
    'when a vendor has $count counted probes that agree, then its evidence is $evidence and confidence $confidence',
    ({ count, evidence, confidence }) => {
      const card = computeScorecard(trialWith([{ name: 'Solo', replyMinutes: [10], count }]), asOf);
      const [vendor] = card.vendors;
      expect(vendor?.countedProbes).toBe(count);
      expect(vendor?.interval?.high).toBe(vendor?.interval?.low);
      expect(vendor?.evidence).toBe(evidence);
      expect(vendor?.confidence).toBe(confidence);
    },
  );

  it('when a vendor has one probe, then its interval is a single point yet its confidence is low', () => {
    const card = computeScorecard(
      trialWith([
        { name: 'Lucky', replyMinutes: [5], count: 1 },
        { name: 'Steady', replyMinutes: [20, 90, 150], count: 6 },
      ]),
      asOf,
    );
    const lucky = card.vendors.find((vendor) => vendor.name === 'Lucky');
    expect(lucky?.interval?.low).toBe(lucky?.interval?.high);
    expect(lucky).toMatchObject({ evidence: 'insufficient', confidence: 'low', rank: 1 });
    expect(card.verdict?.status).not.toBe('clear');
  });

  it('when the same trial is scored twice, then first shares and ahead-of-next are identical', () => {
    const figures = () =>
      computeScorecard(
        trialWith([
          { name: 'A', replyMinutes: [10, 70, 200], count: 5 },
          { name: 'B', replyMinutes: [30, 50, 90], count: 4 },
          { name: 'C', replyMinutes: [100, 20], count: 3 },
        ]),
        asOf,
      ).vendors.map(({ vendorId, firstShare, aheadOfNext, winShare, interval }) => ({
        vendorId,
        firstShare,
        aheadOfNext,
        winShare,
        interval,
      }));
    const first = figures();
    expect(figures()).toEqual(first);
    expect(first.map((vendor) => vendor.aheadOfNext === null)).toEqual([false, false, true]);
  });

  it('when robustness is switched off, then the shares, confidence and verdict are null but the evidence is known', () => {
    const card = computeScorecard(trialWith([{ name: 'Solo', replyMinutes: [10], count: 4 }]), asOf, {
      robustness: false,
    });
    expect(card.vendors[0]).toMatchObject({
      interval: null,
      winShare: null,
      firstShare: null,
      aheadOfNext: null,
      confidence: null,
      evidence: 'sufficient',
    });
    expect(card.verdict).toBeNull();
  });
});

describe('packed resamples', () => {
  const scoreArb = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null });
  const scoresArb = fc.record({
    responsiveness: scoreArb,
    resolution: scoreArb,
    escalation: scoreArb,
    commitment: scoreArb,
  });
  const weightsArb = fc
    .tuple(fc.nat(10), fc.nat(10), fc.nat(10), fc.nat(10))
    .filter((parts) => parts.some((part) => part > 0))
    .map(([a, b, c, d]) => {
      const total = a + b + c + d;
      return {
        responsiveness: a / total,
        resolution: b / total,
        escalation: c / total,
        commitment: d / total,
      };
    });

  it('when scores are packed, then each resample reads back the same and its overall equals overallScore exactly', () => {
    fc.assert(
      fc.property(fc.array(scoresArb, { minLength: 1, maxLength: 5 }), weightsArb, (list, weights) => {
        const packed = packResamples(list);
        list.forEach((scores, index) => {
          expect(resampleAt(packed, index)).toEqual(scores);
          expect(resampleOverall(packed, index, weights)).toBe(overallScore(scores, weights));
        });
      }),
      { numRuns: 200 },
    );
  });
});
