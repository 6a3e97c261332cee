import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/domain/certainty.js';
import { ScenarioSchema, type Scenario, type Severity } from '../../src/domain/schemas.js';
import {
  decideVerdict,
  verdictStatus,
  whatWouldSettle,
  type SettleProbe,
  type VerdictCandidate,
} from '../../src/domain/verdict.js';

/**
 * SPEC §5 "Verdict": the leader is the best-ranked vendor not disqualified; clear when its
 * evidence is sufficient and it is ahead of the next qualified vendor in ≥ 90% of resamples
 * (or it is the only qualified vendor), leaning from 70%, otherwise open; none when every
 * vendor is disqualified. Unless clear: what would settle it.
 */
function candidate(
  vendorId: string,
  aheadOfNext: number | null,
  { evidence = 'sufficient', disqualified = false }: { evidence?: Evidence; disqualified?: boolean } = {},
): VerdictCandidate {
  return { vendorId, aheadOfNext, evidence, disqualified };
}

function scenario(id: string, severity: Severity, difficulty: 'known' | 'hard' = 'known'): Scenario {
  return ScenarioSchema.parse({
    id,
    trialId: 'trial',
    title: `Scenario ${id}`,
    severity,
    category: 'functional',
    difficulty,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });
}

function probe(
  probeId: string,
  vendorId: string,
  { scenarioId, severity = 'P2', difficulty = 'known', pending = false }: Partial<SettleProbe> = {},
): SettleProbe {
  return { probeId, vendorId, severity, difficulty, pending, ...(scenarioId ? { scenarioId } : {}) };
}

describe('verdict status', () => {
  it.each([
    { ahead: 0.95, evidence: 'sufficient', status: 'clear' },
    { ahead: 0.9, evidence: 'sufficient', status: 'clear' },
    { ahead: 0.8999, evidence: 'sufficient', status: 'leaning' },
    { ahead: 0.89, evidence: 'sufficient', status: 'leaning' },
    { ahead: 0.7, evidence: 'sufficient', status: 'leaning' },
    { ahead: 0.6999, evidence: 'sufficient', status: 'open' },
    { ahead: 0.69, evidence: 'sufficient', status: 'open' },
    { ahead: 0.5, evidence: 'sufficient', status: 'open' },
    { ahead: 1, evidence: 'insufficient', status: 'leaning' },
    { ahead: 0.9, evidence: 'insufficient', status: 'leaning' },
    { ahead: 0.69, evidence: 'insufficient', status: 'open' },
  ] as const)(
    'when the leader is ahead of the next in $ahead of resamples with $evidence evidence, then the verdict is $status',
    ({ ahead, evidence, status }) => {
      expect(verdictStatus([candidate('a', ahead, { evidence }), candidate('b', null)])).toEqual({
        status,
        vendorId: 'a',
        nextVendorId: 'b',
        aheadOfNext: ahead,
      });
    },
  );

  it('when every vendor is disqualified, then there is no verdict for anyone', () => {
    expect(
      verdictStatus([
        candidate('a', null, { disqualified: true }),
        candidate('b', null, { disqualified: true }),
      ]),
    ).toEqual({ status: 'none', vendorId: null, nextVendorId: null, aheadOfNext: null });
  });

  it('when there are no vendors, then there is no verdict', () => {
    expect(verdictStatus([]).status).toBe('none');
  });

  it.each([
    { case: 'with sufficient evidence', evidence: 'sufficient' },
    { case: 'even with one probe, since every other vendor fails a gate', evidence: 'insufficient' },
  ] as const)('when only one vendor is qualified ($case), then it is the clear choice', ({ evidence }) => {
    expect(
      verdictStatus([
        candidate('x', null, { disqualified: true }),
        candidate('a', null, { evidence }),
        candidate('y', null, { disqualified: true }),
      ]),
    ).toEqual({ status: 'clear', vendorId: 'a', nextVendorId: null, aheadOfNext: null });
  });

  it('when the best-ranked vendor is disqualified, then the leader and the next are the two best qualified', () => {
    expect(
      verdictStatus([
        candidate('x', null, { disqualified: true }),
        candidate('a', 0.75),
        candidate('y', null, { disqualified: true }),
        candidate('b', 0.6),
        candidate('c', null),
      ]),
    ).toEqual({ status: 'leaning', vendorId: 'a', nextVendorId: 'b', aheadOfNext: 0.75 });
  });
});

describe('what would settle it', () => {
  const scenarios = [
    scenario('s-p2', 'P2'),
    scenario('s-p3-hard', 'P3', 'hard'),
    scenario('s-p1', 'P1'),
    scenario('s-p0', 'P0'),
    scenario('s-p2-both', 'P2'),
  ];

  it('when scenarios are missing for either contender, then P0/P1 and hard come first, then by severity', () => {
    const probes = [
      probe('a1', 'a', { scenarioId: 's-p2' }),
      probe('b1', 'b', { scenarioId: 's-p0', severity: 'P0' }),
      probe('a2', 'a', { scenarioId: 's-p2-both' }),
      probe('b2', 'b', { scenarioId: 's-p2-both' }),
      probe('c1', 'c', { scenarioId: 's-p1', severity: 'P1' }),
    ];
    expect(whatWouldSettle(['a', 'b'], scenarios, probes)).toEqual([
      { vendorId: 'a', scenarioId: 's-p0' },
      { vendorId: 'a', scenarioId: 's-p1' },
      { vendorId: 'b', scenarioId: 's-p1' },
      { vendorId: 'a', scenarioId: 's-p3-hard' },
      { vendorId: 'b', scenarioId: 's-p3-hard' },
      { vendorId: 'b', scenarioId: 's-p2' },
    ]);
  });

  it("when the contenders have pending probes, then they are listed after the sends of the same severity, others' are not", () => {
    const probes = [
      probe('a1', 'a', { scenarioId: 's-p2', pending: true }),
      probe('b1', 'b', { scenarioId: 's-p2' }),
      probe('a2', 'a', { severity: 'P0', pending: true }),
      probe('c1', 'c', { severity: 'P0', pending: true }),
    ];
    expect(whatWouldSettle(['a', 'b'], [scenario('s-p1', 'P1'), scenario('s-p2', 'P2')], probes)).toEqual([
      { vendorId: 'a', probeId: 'a2' },
      { vendorId: 'a', scenarioId: 's-p1' },
      { vendorId: 'b', scenarioId: 's-p1' },
      { vendorId: 'a', scenarioId: 's-p2', probeId: 'a1' },
    ]);
  });

  it('when both contenders got every scenario and nothing is pending, then nothing is listed', () => {
    const probes = [probe('a1', 'a', { scenarioId: 's-p1' }), probe('b1', 'b', { scenarioId: 's-p1' })];
    expect(whatWouldSettle(['a', 'b'], [scenario('s-p1', 'P1')], probes)).toEqual([]);
  });
});

describe('the verdict with its settle list', () => {
  const scenarios = [scenario('s-p1', 'P1')];
  const probes = [probe('a1', 'a', { scenarioId: 's-p1', severity: 'P1', pending: true })];

  it.each([
    { ahead: 0.95, settle: [] },
    {
      ahead: 0.8,
      settle: [
        { vendorId: 'b', scenarioId: 's-p1' },
        { vendorId: 'a', scenarioId: 's-p1', probeId: 'a1' },
      ],
    },
  ])(
    'when the leader is ahead in $ahead of resamples, then the settle list has $settle.length steps',
    ({ ahead, settle }) => {
      const verdict = decideVerdict([candidate('a', ahead), candidate('b', null)], scenarios, probes);
      expect(verdict.settle).toEqual(settle);
    },
  );

  it('when every vendor is disqualified, then there is nothing to settle between contenders', () => {
    const verdict = decideVerdict(
      [candidate('a', null, { disqualified: true }), candidate('b', null, { disqualified: true })],
      scenarios,
      probes,
    );
    expect(verdict).toEqual({
      status: 'none',
      vendorId: null,
      nextVendorId: null,
      aheadOfNext: null,
      settle: [],
    });
  });
});
