import { describe, expect, it } from 'vitest';
import { hashSeed, seededRandom } from '../../src/domain/prng.js';
import {
  bootstrapInterval,
  leaderUnder,
  percentile,
  randomWeights,
  smallestLeaderFlip,
  winShares,
  withWeight,
  type Contender,
} from '../../src/domain/robustness.js';
import { DIMENSIONS, type Probe, type Vendor, type Weights } from '../../src/domain/schemas.js';
import type { DimensionScores } from '../../src/domain/scoring/aggregate.js';
import type { ProbeColumns } from '../../src/domain/scoring/dimensions.js';
import { computeScorecard } from '../../src/domain/scoring/scorecard.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';
import { shanghai } from './scoringHarness.js';

/**
 * SPEC §5 "Robustness": a bootstrap interval (5th–95th percentile of 1000 resamples), win
 * shares over 2000 weight vectors drawn uniformly from the simplex, the smallest single-weight
 * change that flips the leader, all from a PRNG seeded by the trial id.
 */
const DEFAULT_WEIGHTS: Weights = { responsiveness: 0.25, resolution: 0.35, escalation: 0.2, commitment: 0.2 };

function contender(id: string, name: string, scores: DimensionScores): Contender {
  return { id, name, scores };
}

/** Σ weight × score; every score here is measured. */
function weightedSum(weights: Weights, scores: DimensionScores): number {
  return DIMENSIONS.reduce((sum, dimension) => sum + weights[dimension] * (scores[dimension] ?? 0), 0);
}

function columns(rows: { weight: number; r: number; s: number; e: number; c: number }[]): ProbeColumns {
  return {
    weight: Float64Array.from(rows, (row) => row.weight),
    responsiveness: Float64Array.from(rows, (row) => row.r),
    resolution: Float64Array.from(rows, (row) => row.s),
    escalation: Float64Array.from(rows, (row) => row.e),
    commitment: Float64Array.from(rows, (row) => row.c),
  };
}

describe('seeded PRNG', () => {
  it('when two generators share a seed, then they produce the same sequence', () => {
    const first = seededRandom('trial-1');
    const second = seededRandom('trial-1');
    const a = Array.from({ length: 100 }, () => first());
    const b = Array.from({ length: 100 }, () => second());
    expect(a).toEqual(b);
    expect(hashSeed('trial-1')).toBe(hashSeed('trial-1'));
  });

  it('when the seeds differ, then the sequences differ', () => {
    const first = seededRandom('trial-1');
    const second = seededRandom('trial-2');
    const a = Array.from({ length: 20 }, () => first());
    const b = Array.from({ length: 20 }, () => second());
    expect(a).not.toEqual(b);
    expect(hashSeed('trial-1')).not.toBe(hashSeed('trial-2'));
  });

  it('when many numbers are drawn, then each lies in [0, 1) and their mean is near 0.5', () => {
    const random = seededRandom('uniformity');
    const draws = Array.from({ length: 10_000 }, () => random());
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });
});

describe('percentile', () => {
  it.each([
    { sorted: [7], p: 0.05, value: 7 },
    { sorted: [7], p: 0.95, value: 7 },
    { sorted: [1, 2, 3, 4], p: 0.5, value: 2.5 },
    { sorted: [10, 20, 30, 40, 50], p: 0, value: 10 },
    { sorted: [10, 20, 30, 40, 50], p: 0.05, value: 12 },
    { sorted: [10, 20, 30, 40, 50], p: 0.5, value: 30 },
    { sorted: [10, 20, 30, 40, 50], p: 0.95, value: 48 },
    { sorted: [10, 20, 30, 40, 50], p: 1, value: 50 },
    { sorted: [0, 100], p: 0.25, value: 25 },
    { sorted: [0, 0, 100], p: 0.75, value: 50 },
  ])('when p = $p over $sorted, then linear interpolation gives $value', ({ sorted, p, value }) => {
    expect(percentile(sorted, p)).toBeCloseTo(value, 9);
  });

  it('when there are no values, then the percentile is NaN', () => {
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('random weights', () => {
  const random = seededRandom('simplex');
  const draws = Array.from({ length: 4000 }, () => randomWeights(random));

  it('when weights are drawn, then each vector is non-negative and sums to 1', () => {
    for (const weights of draws) {
      expect(DIMENSIONS.every((dimension) => weights[dimension] >= 0)).toBe(true);
      expect(Math.abs(DIMENSIONS.reduce((sum, dimension) => sum + weights[dimension], 0) - 1)).toBeLessThan(
        1e-12,
      );
    }
  });

  // A flat Dirichlet on 4 dimensions: each weight is Beta(1, 3), mean 1/4 and P(w > 1/2) = (1/2)³.
  it.each(DIMENSIONS)(
    'when many vectors are drawn, then %s is spread as on a uniform simplex',
    (dimension) => {
      const values = draws.map((weights) => weights[dimension]);
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      const aboveHalf = values.filter((value) => value > 0.5).length / values.length;
      expect(mean).toBeCloseTo(0.25, 1);
      expect(Math.abs(aboveHalf - 0.125)).toBeLessThan(0.025);
    },
  );
});

describe('bootstrap interval', () => {
  it('when every probe scores the same, then low = high = the overall', () => {
    const identical = { weight: 3, r: 80, s: 50, e: Number.NaN, c: 100 };
    const interval = bootstrapInterval(
      columns([identical, identical, identical]),
      { documented: 40, strength: 50 },
      DEFAULT_WEIGHTS,
      seededRandom('same'),
    );
    // 0.25 × 80 + 0.35 × 50 + 0.2 × 40 + 0.2 × (0.6 × 50 + 0.4 × 100)
    expect(interval?.low).toBeCloseTo(59.5, 9);
    expect(interval?.high).toBeCloseTo(59.5, 9);
  });

  it('when two equally weighted probes score 0 and 100, then the interval spans the all-of-one resamples', () => {
    // Resamples of two: both low (25%) → overall 0; mixed (50%) → 30; both high (25%) → 60.
    const interval = bootstrapInterval(
      columns([
        { weight: 1, r: 0, s: 0, e: Number.NaN, c: Number.NaN },
        { weight: 1, r: 100, s: 100, e: Number.NaN, c: Number.NaN },
      ]),
      { documented: 0, strength: 0 },
      DEFAULT_WEIGHTS,
      seededRandom('spread'),
    );
    expect(interval).toEqual({ low: 0, high: 60 });
  });

  it('when probes vary, then low ≤ high and both lie within the reachable range', () => {
    const interval = bootstrapInterval(
      columns([
        { weight: 4, r: 100, s: 100, e: 100, c: 100 },
        { weight: 3, r: 80, s: 47.8125, e: 50, c: 0 },
        { weight: 2, r: 30, s: 25, e: Number.NaN, c: 100 },
        { weight: 1, r: 0, s: Number.NaN, e: 20, c: 0 },
      ]),
      { documented: 100, strength: 67.5 },
      DEFAULT_WEIGHTS,
      seededRandom('vary'),
    );
    if (!interval) throw new Error('expected an interval');
    expect(interval.low).toBeLessThan(interval.high);
    expect(interval.low).toBeGreaterThanOrEqual(0);
    expect(interval.high).toBeLessThanOrEqual(100);
  });

  it('when the vendor has no probes, then the interval is the SLA-only overall', () => {
    const interval = bootstrapInterval(
      columns([]),
      { documented: 100, strength: 67.5 },
      DEFAULT_WEIGHTS,
      seededRandom('none'),
    );
    // (0.2 × 100 + 0.2 × 67.5) / 0.4
    expect(interval?.low).toBeCloseTo(83.75, 9);
    expect(interval?.high).toBeCloseTo(83.75, 9);
  });

  it('when the same seed is used twice, then the interval is identical', () => {
    const data = columns([
      { weight: 4, r: 100, s: 100, e: 100, c: 100 },
      { weight: 3, r: 20, s: 10, e: 50, c: 0 },
      { weight: 1, r: 60, s: 0, e: Number.NaN, c: 100 },
    ]);
    const documents = { documented: 60, strength: 40 };
    expect(bootstrapInterval(data, documents, DEFAULT_WEIGHTS, seededRandom('x'))).toEqual(
      bootstrapInterval(data, documents, DEFAULT_WEIGHTS, seededRandom('x')),
    );
  });
});

describe('win shares', () => {
  const alpha = contender('a', 'Alpha', {
    responsiveness: 100,
    resolution: 60,
    escalation: 60,
    commitment: 60,
  });
  const beta = contender('b', 'Beta', { responsiveness: 60, resolution: 80, escalation: 60, commitment: 60 });

  it('when there is one vendor, then it wins every draw', () => {
    expect(winShares([alpha], seededRandom('one'))).toEqual(new Map([['a', 1]]));
  });

  it('when a vendor is better on every dimension, then its win share is 1', () => {
    const best = contender('best', 'Zed', {
      responsiveness: 90,
      resolution: 90,
      escalation: 90,
      commitment: 90,
    });
    const worse = contender('worse', 'Abe', {
      responsiveness: 89,
      resolution: 10,
      escalation: 50,
      commitment: 0,
    });
    const shares = winShares([worse, best], seededRandom('dominance'));
    expect(shares.get('best')).toBe(1);
    expect(shares.get('worse')).toBe(0);
  });

  it('when two vendors tie everywhere, then the name first in code-point order wins every draw', () => {
    const scores = { responsiveness: 70, resolution: 70, escalation: 70, commitment: 70 };
    const shares = winShares(
      [contender('z', 'Zed', scores), contender('a', 'Abe', scores)],
      seededRandom('tie'),
    );
    expect(shares.get('a')).toBe(1);
  });

  it('when two vendors trade off, then the shares sum to 1 and match the simplex geometry', () => {
    // Alpha leads iff 40 w_resp > 20 w_res, i.e. w_resp / (w_resp + w_res) > 1/3, which is
    // uniform on the flat Dirichlet: P = 2/3.
    const shares = winShares([alpha, beta], seededRandom('trade-off'));
    const total = [...shares.values()].reduce((sum, share) => sum + share, 0);
    expect(Math.abs(total - 1)).toBeLessThan(1e-9);
    expect(Math.abs((shares.get('a') ?? 0) - 2 / 3)).toBeLessThan(0.04);
  });
});

describe('smallest leader flip', () => {
  it('when there is only one vendor, then nothing can flip', () => {
    const only = contender('a', 'Alpha', {
      responsiveness: 10,
      resolution: 90,
      escalation: 50,
      commitment: 50,
    });
    expect(smallestLeaderFlip([only], DEFAULT_WEIGHTS)).toBeNull();
  });

  it('when there are no vendors, then nothing can flip', () => {
    expect(smallestLeaderFlip([], DEFAULT_WEIGHTS)).toBeNull();
  });

  it('when the leader is better on every dimension, then nothing can flip', () => {
    const best = contender('a', 'Alpha', {
      responsiveness: 90,
      resolution: 80,
      escalation: 70,
      commitment: 60,
    });
    const worse = contender('b', 'Beta', {
      responsiveness: 89,
      resolution: 10,
      escalation: 69,
      commitment: 0,
    });
    expect(smallestLeaderFlip([best, worse], DEFAULT_WEIGHTS)).toBeNull();
  });

  it.each([
    {
      // Δ = (+40, −20, 0, 0): D(v) = 40v − 7(1 − v)/0.75 = 0 at v = 7/37.
      case: 'Alpha leads on responsiveness, Beta on resolution',
      alpha: { responsiveness: 100, resolution: 60, escalation: 60, commitment: 60 },
      beta: { responsiveness: 60, resolution: 80, escalation: 60, commitment: 60 },
      dimension: 'responsiveness' as const,
      to: 7 / 37,
      change: 7 / 37 - 0.25,
    },
    {
      // Δ = (−40, +40, 0, 0): via responsiveness D(v) = −40v + 14(1 − v)/0.75 = 0 at v = 7/22 (+0.068),
      // via resolution D(v) = 40v − 10(1 − v)/0.65 = 0 at v = 5/18 (−0.072): responsiveness is smaller.
      case: 'Alpha leads on resolution, Beta on responsiveness',
      alpha: { responsiveness: 60, resolution: 100, escalation: 60, commitment: 60 },
      beta: { responsiveness: 100, resolution: 60, escalation: 60, commitment: 60 },
      dimension: 'responsiveness' as const,
      to: 7 / 22,
      change: 7 / 22 - 0.25,
    },
  ])(
    'when $case, then the flip is at $dimension = $to (change $change)',
    ({ alpha: alphaScores, beta: betaScores, dimension, to, change }) => {
      const alpha = contender('a', 'Alpha', alphaScores);
      const beta = contender('b', 'Beta', betaScores);
      const flip = smallestLeaderFlip([alpha, beta], DEFAULT_WEIGHTS);
      if (!flip) throw new Error('expected a flip');
      expect(flip.dimension).toBe(dimension);
      expect(flip.from).toBe(0.25);
      expect(flip.to).toBeCloseTo(to, 4);
      expect(flip.change).toBeCloseTo(change, 4);
      expect(flip.newLeaderId).toBe('b');

      const flipped = withWeight(DEFAULT_WEIGHTS, dimension, flip.to);
      expect(weightedSum(flipped, betaScores)).toBeGreaterThan(weightedSum(flipped, alphaScores));
      expect(leaderUnder([alpha, beta], flipped)?.id).toBe('b');

      const justShort = withWeight(DEFAULT_WEIGHTS, dimension, flip.to - Math.sign(change) * 1e-4);
      expect(weightedSum(justShort, alphaScores)).toBeGreaterThan(weightedSum(justShort, betaScores));
      expect(leaderUnder([alpha, beta], justShort)?.id).toBe('a');
    },
  );

  it('when one weight is set, then the others are rescaled in proportion and the sum stays 1', () => {
    const weights = withWeight(DEFAULT_WEIGHTS, 'responsiveness', 0.4);
    // The other three shared 0.75; they now share 0.6, each scaled by 0.8.
    expect(weights.responsiveness).toBe(0.4);
    expect(weights.resolution).toBeCloseTo(0.28, 12);
    expect(weights.escalation).toBeCloseTo(0.16, 12);
    expect(weights.commitment).toBeCloseTo(0.16, 12);
  });
});

describe('robustness in the scorecard', () => {
  /** Two vendors with a clear trade-off and probes that vary, so bootstrap draws matter. */
  function trialData(trialId: string) {
    const trial = buildTrial({ id: trialId });
    const fast = buildVendor({ id: 'v-fast', trialId, name: 'Fast' });
    const deep = buildVendor({ id: 'v-deep', trialId, name: 'Deep' });
    const reply = (vendor: Vendor, sent: string, replyAt: string, extra: [string, string][] = []): Probe =>
      buildProbe({
        trialId,
        vendorId: vendor.id,
        severity: 'P1',
        sentAt: shanghai(sent),
        events: events([shanghai(replyAt), 'ack'], ...extra),
      });
    const probes = [
      reply(fast, '2026-11-20T10:00:00', '2026-11-20T10:10:00', [
        [shanghai('2026-11-20T12:00:00'), 'closed_unresolved'],
      ]),
      reply(fast, '2026-11-20T11:00:00', '2026-11-20T11:20:00', [
        [shanghai('2026-11-20T11:30:00'), 'troubleshooting'],
        [shanghai('2026-11-20T13:00:00'), 'confirmed_workaround'],
      ]),
      reply(fast, '2026-11-20T12:00:00', '2026-11-20T13:45:00'),
      reply(deep, '2026-11-20T10:00:00', '2026-11-20T12:30:00', [
        [shanghai('2026-11-20T13:00:00'), 'fix'],
        [shanghai('2026-11-20T14:00:00'), 'confirmed_fixed'],
      ]),
      reply(deep, '2026-11-20T11:00:00', '2026-11-20T13:00:00', [
        [shanghai('2026-11-20T15:00:00'), 'root_cause'],
        [shanghai('2026-11-20T16:00:00'), 'confirmed_workaround'],
      ]),
      reply(deep, '2026-11-20T12:00:00', '2026-11-20T12:30:00', [
        [shanghai('2026-11-21T12:00:00'), 'closed_unresolved'],
      ]),
    ];
    return { trial, vendors: [fast, deep], probes };
  }
  const asOf = Date.parse(shanghai('2026-11-24T12:00:00'));
  const robustnessOf = (trialId: string) =>
    computeScorecard(trialData(trialId), asOf).vendors.map((vendor) => ({
      id: vendor.vendorId,
      interval: vendor.interval,
      winShare: vendor.winShare,
    }));

  it('when the same trial is scored twice, then intervals and win shares are identical', () => {
    expect(robustnessOf('trial-same')).toEqual(robustnessOf('trial-same'));
  });

  it('when the trial id differs, then the bootstrap and weight draws differ', () => {
    expect(robustnessOf('trial-one')).not.toEqual(robustnessOf('trial-two'));
  });

  it('when scored, then the win shares sum to 1 and every interval has low ≤ high', () => {
    const card = computeScorecard(trialData('trial-sum'), asOf);
    const total = card.vendors.reduce((sum, vendor) => sum + (vendor.winShare ?? 0), 0);
    expect(Math.abs(total - 1)).toBeLessThan(1e-9);
    for (const vendor of card.vendors) {
      if (!vendor.interval) throw new Error('expected an interval');
      expect(vendor.interval.low).toBeLessThanOrEqual(vendor.interval.high);
    }
    expect(card.robustness).toEqual({
      resamples: 1000,
      weightDraws: 2000,
      jointDraws: 2000,
      seed: 'trial-sum',
    });
  });

  it('when a vendor beats the other on every dimension, then it has win share 1 and no leader flip', () => {
    const trial = buildTrial({ id: 'trial-dominance' });
    const strong = buildVendor({
      trialId: trial.id,
      name: 'Strong',
      sla: {
        severityDefinitions: true,
        responseTargets: {
          P0: { minutes: 15, coverage: '24x7' },
          P1: { minutes: 60, coverage: '24x7' },
          P2: { minutes: 240, coverage: 'business' },
          P3: { minutes: 480, coverage: 'business' },
        },
        resolutionTargets: { P1: { minutes: 1440 } },
        escalationPath: [
          { level: 'L2', contact: 'l2', afterMinutes: 60 },
          { level: 'R&D', contact: 'rnd', afterMinutes: 240 },
        ],
        serviceCredits: { offered: true },
        channels: { dedicatedCsm: true, hotline24x7: true },
        proactiveReports: true,
        rcaCommitment: true,
      },
    });
    const weak = buildVendor({ trialId: trial.id, name: 'Weak', sla: {} });
    const probes = [
      buildProbe({
        trialId: trial.id,
        vendorId: strong.id,
        severity: 'P1',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events(
          [shanghai('2026-11-20T10:10:00'), 'ack'],
          [shanghai('2026-11-20T11:00:00'), 'fix'],
          [shanghai('2026-11-20T12:00:00'), 'confirmed_fixed'],
        ),
      }),
      buildProbe({
        trialId: trial.id,
        vendorId: weak.id,
        severity: 'P1',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events(
          [shanghai('2026-11-20T13:00:00'), 'ack'],
          [shanghai('2026-11-20T14:00:00'), 'diagnosis'],
          [shanghai('2026-11-20T15:00:00'), 'closed_unresolved'],
        ),
      }),
    ];
    const card = computeScorecard({ trial, vendors: [weak, strong], probes }, asOf);
    const [first, second] = card.vendors;
    expect([first?.name, first?.winShare, second?.name, second?.winShare]).toEqual(['Strong', 1, 'Weak', 0]);
    expect(first?.overall).toBeCloseTo(100, 9);
    expect(first?.interval?.low).toBeCloseTo(100, 9);
    expect(first?.interval?.high).toBeCloseTo(100, 9);
    // 0.25 × 30 + 0.35 × 25 + 0.2 × 0 + 0.2 × 0
    expect(second?.overall).toBeCloseTo(16.25, 9);
    expect(second?.interval?.low).toBeCloseTo(16.25, 9);
    expect(second?.interval?.high).toBeCloseTo(16.25, 9);
    expect(card.leaderFlip).toBeNull();
  });
});
