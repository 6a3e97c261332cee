import { describe, expect, it } from 'vitest';
import type { Knockouts, SlaClauses } from '../../src/domain/schemas.js';
import { compareRanked, overallScore, type DimensionScores } from '../../src/domain/scoring/aggregate.js';
import { failedKnockouts } from '../../src/domain/scoring/knockouts.js';
import { events } from '../factories.js';
import { scoreSingleVendor, scoreTrial, shanghai } from './scoringHarness.js';

/**
 * SPEC §5 "Overall", ranking, knockouts (§2) and the counted probes behind the evidence, plus the as-of rules
 * of §3: probes sent after asOf and events after it are ignored.
 * Without probes a vendor's overall is (0.2 × documented + 0.2 × strength) / 0.4 under the
 * default weights, since responsiveness and resolution are then null.
 * 2026-11-20 is a Friday; times are Asia/Shanghai.
 */
const DEFAULT_WEIGHTS = { responsiveness: 0.25, resolution: 0.35, escalation: 0.2, commitment: 0.2 };
const NO_GATES: Knockouts = {
  p0Coverage24x7: false,
  serviceCredits: false,
  escalationPath: false,
  maxP0ResponseMinutes: null,
};

const answeredP1 = (sentAt: string) => ({
  severity: 'P1' as const,
  sentAt,
  events: events([new Date(Date.parse(sentAt) + 10 * 60_000).toISOString(), 'ack']),
});

describe('overall score', () => {
  const scores = (
    responsiveness: number | null,
    resolution: number | null,
    escalation: number | null,
    commitment: number | null,
  ): DimensionScores => ({ responsiveness, resolution, escalation, commitment });

  it.each([
    { case: 'all four measured', scores: scores(100, 80, 60, 40), weights: DEFAULT_WEIGHTS, overall: 73 },
    {
      case: 'responsiveness and resolution null',
      scores: scores(null, null, 60, 40),
      weights: DEFAULT_WEIGHTS,
      overall: 50,
    },
    {
      case: 'only resolution measured',
      scores: scores(null, 80, null, null),
      weights: DEFAULT_WEIGHTS,
      overall: 80,
    },
    {
      case: 'resolution null',
      scores: scores(100, null, 0, 0),
      weights: DEFAULT_WEIGHTS,
      overall: 25 / 0.65,
    },
    {
      case: 'all weight on responsiveness',
      scores: scores(50, 100, 100, 100),
      weights: { responsiveness: 1, resolution: 0, escalation: 0, commitment: 0 },
      overall: 50,
    },
    {
      case: 'equal weights',
      scores: scores(10, 20, 30, 40),
      weights: { responsiveness: 0.25, resolution: 0.25, escalation: 0.25, commitment: 0.25 },
      overall: 25,
    },
    { case: 'all null', scores: scores(null, null, null, null), weights: DEFAULT_WEIGHTS, overall: null },
    {
      case: 'only dimensions with zero weight measured',
      scores: scores(null, null, 60, 40),
      weights: { responsiveness: 0.5, resolution: 0.5, escalation: 0, commitment: 0 },
      overall: null,
    },
  ])('when $case, then the overall is $overall', ({ scores: dimensionScores, weights, overall }) => {
    const result = overallScore(dimensionScores, weights);
    if (overall === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(overall, 9);
  });

  it('when a vendor has no probes, then the overall is the SLA-only dimensions reweighted', () => {
    const sla: SlaClauses = {
      severityDefinitions: true,
      responseTargets: {
        P0: { minutes: 30, coverage: '24x7' },
        P1: { minutes: 60, coverage: 'business' },
        P2: { minutes: 240, coverage: 'business' },
      },
      escalationPath: [
        { level: 'L2', contact: 'l2', afterMinutes: 60 },
        { level: 'R&D', contact: 'rnd', afterMinutes: 240 },
      ],
      serviceCredits: { offered: true },
      channels: { hotline24x7: true },
      rcaCommitment: true,
    };
    const vendor = scoreSingleVendor([], { asOf: shanghai('2026-11-24T12:00:00'), vendor: { sla } });
    expect(vendor.dimensions.responsiveness.score).toBeNull();
    expect(vendor.dimensions.resolution.score).toBeNull();
    // (0.2 × 100 + 0.2 × 67.5) / 0.4
    expect(vendor.overall).toBeCloseTo(83.75, 9);
  });

  it('when one P0 is answered and fixed in time and the SLA is empty, then the overall is 0.25 × 100 + 0.35 × 100', () => {
    const probe = {
      severity: 'P0' as const,
      sentAt: shanghai('2026-11-20T10:00:00'),
      events: events(
        [shanghai('2026-11-20T10:10:00'), 'ack'],
        [shanghai('2026-11-20T11:00:00'), 'fix'],
        [shanghai('2026-11-20T12:00:00'), 'confirmed_fixed'],
      ),
    };
    const vendor = scoreSingleVendor([probe], { asOf: shanghai('2026-11-24T12:00:00') });
    expect(vendor.dimensions.escalation.score).toBe(0);
    expect(vendor.dimensions.commitment.score).toBe(0);
    expect(vendor.overall).toBeCloseTo(60, 9);
  });

  it('when the trial weighs only responsiveness and resolution, then the same vendor scores 100', () => {
    const probe = {
      severity: 'P0' as const,
      sentAt: shanghai('2026-11-20T10:00:00'),
      events: events(
        [shanghai('2026-11-20T10:10:00'), 'fix'],
        [shanghai('2026-11-20T12:00:00'), 'confirmed_fixed'],
      ),
    };
    const weights = { responsiveness: 0.5, resolution: 0.5, escalation: 0, commitment: 0 };
    const vendor = scoreSingleVendor([probe], { asOf: shanghai('2026-11-24T12:00:00'), trial: { weights } });
    expect(vendor.overall).toBeCloseTo(100, 9);
  });
});

describe('ranking', () => {
  it.each([
    { a: { name: 'A', overall: 80 }, b: { name: 'B', overall: 70 }, order: -1 },
    { a: { name: 'A', overall: 70 }, b: { name: 'B', overall: 80 }, order: 1 },
    { a: { name: 'B', overall: 70 }, b: { name: 'A', overall: 70 }, order: 1 },
    { a: { name: 'A', overall: 70 }, b: { name: 'A', overall: 70 }, order: 0 },
    { a: { name: 'Z', overall: 0 }, b: { name: 'A', overall: null }, order: -1 },
    { a: { name: 'A', overall: null }, b: { name: 'Z', overall: 0 }, order: 1 },
    { a: { name: 'B', overall: 70 }, b: { name: 'a', overall: 70 }, order: -1 },
    { a: { name: '声网', overall: 70 }, b: { name: '阿里云', overall: 70 }, order: -1 },
    { a: { name: 'Ｚeta', overall: 70 }, b: { name: '𠮷野', overall: 70 }, order: -1 },
    { a: { name: '𠮷野', overall: 70 }, b: { name: 'Ｚeta', overall: 70 }, order: 1 },
  ])(
    'when $a.name ($a.overall) meets $b.name ($b.overall), then the sign of the order is $order',
    ({ a, b, order }) => {
      expect(Math.sign(compareRanked(a, b))).toBe(order);
    },
  );

  it('when vendors differ in overall, then they are ranked by overall descending', () => {
    const card = scoreTrial(
      [
        { name: 'Credits only', sla: { serviceCredits: { offered: true } } }, // (0 + 15) / 2 = 7.5
        { name: 'Nothing', sla: {} }, // 0
        { name: 'Path only', sla: { escalationPath: [{ level: 'L2' }] } }, // (40 + 5) / 2 = 22.5
      ],
      { asOf: shanghai('2026-11-24T12:00:00') },
    );
    expect(card.vendors.map((vendor) => [vendor.rank, vendor.name, vendor.overall])).toEqual([
      [1, 'Path only', 22.5],
      [2, 'Credits only', 7.5],
      [3, 'Nothing', 0],
    ]);
  });

  it('when overall scores tie, then names break the tie in plain code-point order', () => {
    const names = ['阿里云', 'alpha', '𠮷野', 'Beta', 'Ｚeta', 'Alpha', '声网'];
    const card = scoreTrial(
      names.map((name) => ({ name })),
      { asOf: shanghai('2026-11-24T12:00:00') },
    );
    expect(card.vendors.map((vendor) => vendor.name)).toEqual([
      'Alpha', // U+0041
      'Beta', // U+0042
      'alpha', // U+0061
      '声网', // U+58F0
      '阿里云', // U+963F
      'Ｚeta', // U+FF3A
      '𠮷野', // U+20BB7
    ]);
    expect(card.vendors.map((vendor) => vendor.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('knockouts', () => {
  const gates = (overrides: Partial<Knockouts>): Knockouts => ({ ...NO_GATES, ...overrides });

  it.each([
    { case: 'no gate on and an empty SLA', gates: gates({}), sla: {}, failed: [] },
    {
      case: 'the 24x7 P0 gate and a 24x7 P0 promise',
      gates: gates({ p0Coverage24x7: true }),
      sla: { responseTargets: { P0: { minutes: 60, coverage: '24x7' } } },
      failed: [],
    },
    {
      case: 'the 24x7 P0 gate and a business-hours P0 promise',
      gates: gates({ p0Coverage24x7: true }),
      sla: { responseTargets: { P0: { minutes: 15, coverage: 'business' } } },
      failed: ['p0Coverage24x7'],
    },
    {
      case: 'the 24x7 P0 gate and no P0 promise',
      gates: gates({ p0Coverage24x7: true }),
      sla: { responseTargets: { P1: { minutes: 15, coverage: '24x7' } } },
      failed: ['p0Coverage24x7'],
    },
    {
      case: 'the credits gate and credits offered',
      gates: gates({ serviceCredits: true }),
      sla: { serviceCredits: { offered: true } },
      failed: [],
    },
    {
      case: 'the credits gate and credits declined',
      gates: gates({ serviceCredits: true }),
      sla: { serviceCredits: { offered: false } },
      failed: ['serviceCredits'],
    },
    {
      case: 'the credits gate and no clause',
      gates: gates({ serviceCredits: true }),
      sla: {},
      failed: ['serviceCredits'],
    },
    {
      case: 'the path gate and a one-level path',
      gates: gates({ escalationPath: true }),
      sla: { escalationPath: [{ level: 'L2' }] },
      failed: [],
    },
    {
      case: 'the path gate and an empty path',
      gates: gates({ escalationPath: true }),
      sla: { escalationPath: [] },
      failed: ['escalationPath'],
    },
    {
      case: 'a 30 min P0 limit and a 30 min promise',
      gates: gates({ maxP0ResponseMinutes: 30 }),
      sla: { responseTargets: { P0: { minutes: 30, coverage: 'business' } } },
      failed: [],
    },
    {
      case: 'a 30 min P0 limit and a 31 min promise',
      gates: gates({ maxP0ResponseMinutes: 30 }),
      sla: { responseTargets: { P0: { minutes: 31, coverage: '24x7' } } },
      failed: ['maxP0ResponseMinutes'],
    },
    {
      case: 'a 30 min P0 limit and no P0 promise',
      gates: gates({ maxP0ResponseMinutes: 30 }),
      sla: {},
      failed: ['maxP0ResponseMinutes'],
    },
    {
      case: 'every gate on and an empty SLA',
      gates: gates({
        p0Coverage24x7: true,
        serviceCredits: true,
        escalationPath: true,
        maxP0ResponseMinutes: 30,
      }),
      sla: {},
      failed: ['p0Coverage24x7', 'serviceCredits', 'escalationPath', 'maxP0ResponseMinutes'],
    },
    {
      case: 'every gate on and an SLA that meets them all',
      gates: gates({
        p0Coverage24x7: true,
        serviceCredits: true,
        escalationPath: true,
        maxP0ResponseMinutes: 30,
      }),
      sla: {
        responseTargets: { P0: { minutes: 15, coverage: '24x7' } },
        serviceCredits: { offered: true },
        escalationPath: [{ level: 'L2' }],
      },
      failed: [],
    },
  ] satisfies { case: string; gates: Knockouts; sla: SlaClauses; failed: string[] }[])(
    'when $case, then the failed gates are $failed',
    ({ gates: knockouts, sla, failed }) => {
      expect(failedKnockouts(sla, knockouts)).toEqual(failed);
    },
  );

  it('when the leader fails a gate, then it keeps its rank and is marked disqualified with the gate named', () => {
    const card = scoreTrial(
      [
        { name: 'Credits only', sla: { serviceCredits: { offered: true } } },
        { name: 'Path only', sla: { escalationPath: [{ level: 'L2' }] } },
      ],
      { asOf: shanghai('2026-11-24T12:00:00'), trial: { knockouts: gates({ serviceCredits: true }) } },
    );
    expect(
      card.vendors.map(({ name, rank, overall, disqualified, failedGates }) => ({
        name,
        rank,
        overall,
        disqualified,
        failedGates,
      })),
    ).toEqual([
      { name: 'Path only', rank: 1, overall: 22.5, disqualified: true, failedGates: ['serviceCredits'] },
      { name: 'Credits only', rank: 2, overall: 7.5, disqualified: false, failedGates: [] },
    ]);
  });
});

describe('counted probes and evidence', () => {
  it.each([
    { answered: 2, waiting: 0, evidence: 'insufficient' },
    { answered: 2, waiting: 4, evidence: 'insufficient' },
    { answered: 3, waiting: 0, evidence: 'sufficient' },
    { answered: 5, waiting: 3, evidence: 'sufficient' },
    { answered: 6, waiting: 0, evidence: 'sufficient' },
  ])(
    'when $answered probes are answered and $waiting are still pending everywhere, then only the answered count and the evidence is $evidence',
    ({ answered, waiting, evidence }) => {
      const probes = [
        ...Array.from({ length: answered }, (_, index) =>
          answeredP1(shanghai(`2026-11-2${index % 3}T10:00:00`)),
        ),
        ...Array.from({ length: waiting }, () => ({
          severity: 'P1' as const,
          sentAt: shanghai('2026-11-24T11:30:00'),
        })),
      ];
      const vendor = scoreSingleVendor(probes, { asOf: shanghai('2026-11-24T12:00:00') });
      expect(vendor.countedProbes).toBe(answered);
      expect(vendor.evidence).toBe(evidence);
    },
  );
});

describe('as of an instant', () => {
  const timeline = {
    severity: 'P1' as const,
    sentAt: shanghai('2026-11-20T10:00:00'),
    events: events(
      [shanghai('2026-11-20T11:30:00'), 'ack'],
      [shanghai('2026-11-20T12:00:00'), 'diagnosis'],
      [shanghai('2026-11-21T10:00:00'), 'fix'],
      [shanghai('2026-11-21T11:00:00'), 'confirmed_fixed'],
    ),
  };

  it.each([
    { asOf: '2026-11-20T11:00:00', response: null, resolution: null, respCounted: 0, respPending: 1 },
    { asOf: '2026-11-20T11:30:00', response: 80, resolution: null, respCounted: 1, respPending: 0 },
    { asOf: '2026-11-21T10:30:00', response: 80, resolution: null, respCounted: 1, respPending: 0 },
    { asOf: '2026-11-21T11:00:00', response: 80, resolution: 90, respCounted: 1, respPending: 0 },
  ])(
    'when the same probe is scored as of $asOf, then responsiveness is $response and resolution $resolution',
    ({ asOf, response, resolution, respCounted, respPending }) => {
      const vendor = scoreSingleVendor([timeline], { asOf: shanghai(asOf) });
      expect(vendor.probes).toHaveLength(1);
      const dimensions = vendor.dimensions;
      if (response === null) expect(dimensions.responsiveness.score).toBeNull();
      else expect(dimensions.responsiveness.score).toBeCloseTo(response, 9);
      if (resolution === null) expect(dimensions.resolution.score).toBeNull();
      else expect(dimensions.resolution.score).toBeCloseTo(resolution, 9);
      expect(dimensions.responsiveness).toMatchObject({ counted: respCounted, pending: respPending });
    },
  );

  it('when asOf is before the probe was sent, then the probe is not listed at all', () => {
    const vendor = scoreSingleVendor([timeline], { asOf: shanghai('2026-11-20T09:59:59') });
    expect(vendor.probes).toEqual([]);
    expect(vendor.dimensions.responsiveness).toEqual({ score: null, counted: 0, pending: 0 });
    expect(vendor.countedProbes).toBe(0);
  });

  it.each([
    { asOf: '2026-11-20T12:00:00', listed: 1, responsiveness: 100 },
    // P1 100 × 3 and the Saturday P1 closed unanswered 0 × 3
    { asOf: '2026-11-21T12:00:00', listed: 2, responsiveness: 50 },
  ])(
    'when a second probe is sent on Saturday and we look at $asOf, then $listed probes are listed',
    ({ asOf, listed, responsiveness }) => {
      const probes = [
        answeredP1(shanghai('2026-11-20T10:00:00')),
        {
          severity: 'P1' as const,
          sentAt: shanghai('2026-11-21T10:00:00'),
          events: events([shanghai('2026-11-21T10:05:00'), 'closed_unresolved']),
        },
      ];
      const vendor = scoreSingleVendor(probes, { asOf: shanghai(asOf) });
      expect(vendor.probes).toHaveLength(listed);
      expect(vendor.dimensions.responsiveness.score).toBeCloseTo(responsiveness, 9);
    },
  );

  it('when the scorecard is built, then it names the model, the trial, the asOf instant in UTC and the weights', () => {
    const card = scoreTrial([{ name: 'A' }], { asOf: shanghai('2026-11-24T12:00:00') });
    expect(card.model).toBe('sla-score/1');
    expect(card.asOf).toBe('2026-11-24T04:00:00.000Z');
    expect(card.weights).toEqual(DEFAULT_WEIGHTS);
  });

  it('when robustness is switched off, then interval, win share and leader flip are null', () => {
    const card = scoreTrial([{ name: 'A' }, { name: 'B' }], { asOf: shanghai('2026-11-24T12:00:00') });
    expect(card.vendors.map((vendor) => [vendor.interval, vendor.winShare])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(card.leaderFlip).toBeNull();
  });

  it("when a vendor belongs to another trial, then it is left out of this trial's scorecard", () => {
    const card = scoreTrial([{ name: 'Mine' }, { name: 'Theirs', trialId: 'another-trial' }], {
      asOf: shanghai('2026-11-24T12:00:00'),
    });
    expect(card.vendors.map((vendor) => vendor.name)).toEqual(['Mine']);
  });
});
