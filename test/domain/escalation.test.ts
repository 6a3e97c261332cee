import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGETS, type EscalationLevel } from '../../src/domain/schemas.js';
import { documentedEscalation } from '../../src/domain/scoring/escalation.js';
import { events } from '../factories.js';
import { findingOf, scoreSingleVendor, shanghai, type ProbeOverrides } from './scoringHarness.js';

/**
 * SPEC §5 "Escalation": a probe is relevant with a hand-off, an escalation request, a vendor
 * escalation or difficulty hard. Points start at 100: −20 per hand-off after the first; −30
 * for an escalation later than the target; −50 for a request never acted on once the target
 * has passed; −30 for a hard problem never escalated and not fixed; clamped to 0–100.
 * Dimension = 0.3 × documented + 0.7 × exercised, documented alone when nothing is relevant.
 * Default escalation targets: P0 30, P1 120 calendar min; P2 480 business min; P3 none.
 * 2026-11-20 is a Friday; times are Asia/Shanghai.
 */
type Timeline = [at: string, kind: string][];

const fri = (time: string) => shanghai(`2026-11-20T${time}:00`);
const sat = (time: string) => shanghai(`2026-11-21T${time}:00`);
const mon = (time: string) => shanghai(`2026-11-23T${time}:00`);
const FAR_LATER = shanghai('2026-12-31T00:00:00');

const escalationOf = findingOf('escalation');

function p1(difficulty: 'known' | 'hard', timeline: Timeline): ProbeOverrides {
  return { severity: 'P1', difficulty, sentAt: fri('10:00'), events: events(...timeline) };
}

const handoffs = (count: number): Timeline =>
  Array.from({ length: count }, (_, index): [string, string] => [
    fri(`10:${String(10 + index).padStart(2, '0')}`),
    'handoff',
  ]);

describe('relevance', () => {
  it.each([
    {
      case: 'a known problem answered and fixed without hand-off',
      difficulty: 'known' as const,
      timeline: [
        [fri('10:10'), 'ack'],
        [fri('10:30'), 'diagnosis'],
        [fri('11:00'), 'fix'],
        [fri('11:30'), 'confirmed_fixed'],
      ] satisfies Timeline,
      status: 'not_applicable',
    },
    {
      case: 'a known problem with no events',
      difficulty: 'known' as const,
      timeline: [],
      status: 'not_applicable',
    },
    { case: 'one hand-off', difficulty: 'known' as const, timeline: handoffs(1), status: 'counted' },
    {
      case: 'an escalation request only',
      difficulty: 'known' as const,
      timeline: [[fri('10:30'), 'escalation_request']] satisfies Timeline,
      status: 'counted',
    },
    {
      case: 'a vendor escalation only',
      difficulty: 'known' as const,
      timeline: [[fri('10:30'), 'escalation']] satisfies Timeline,
      status: 'counted',
    },
    { case: 'a hard problem with no events', difficulty: 'hard' as const, timeline: [], status: 'counted' },
  ])('when the probe has $case, then it is $status', ({ difficulty, timeline, status }) => {
    const finding = escalationOf(p1(difficulty, timeline), { asOf: FAR_LATER });
    expect(finding.status).toBe(status);
  });

  it('when the only escalation request is recorded after asOf, then the probe is not relevant yet', () => {
    const finding = escalationOf(p1('known', [[fri('12:00'), 'escalation_request']]), { asOf: fri('11:00') });
    expect(finding.status).toBe('not_applicable');
  });
});

describe('penalties on a calendar clock (P1: escalation target 120 min)', () => {
  it.each([
    { case: 'one hand-off', difficulty: 'known' as const, timeline: handoffs(1), points: 100 },
    { case: 'two hand-offs', difficulty: 'known' as const, timeline: handoffs(2), points: 80 },
    { case: 'three hand-offs', difficulty: 'known' as const, timeline: handoffs(3), points: 60 },
    { case: 'six hand-offs', difficulty: 'known' as const, timeline: handoffs(6), points: 0 },
    { case: 'seven hand-offs (clamped)', difficulty: 'known' as const, timeline: handoffs(7), points: 0 },
    {
      case: 'an escalation at the instant of the request',
      difficulty: 'known' as const,
      timeline: [
        [fri('11:00'), 'escalation_request'],
        [fri('11:00'), 'escalation'],
      ] satisfies Timeline,
      points: 100,
    },
    {
      case: 'an escalation exactly 120 min after the request',
      difficulty: 'known' as const,
      timeline: [
        [fri('11:00'), 'escalation_request'],
        [fri('13:00'), 'escalation'],
      ] satisfies Timeline,
      points: 100,
    },
    {
      case: 'an escalation 121 min after the request',
      difficulty: 'known' as const,
      timeline: [
        [fri('11:00'), 'escalation_request'],
        [fri('13:01'), 'escalation'],
      ] satisfies Timeline,
      points: 70,
    },
    {
      case: 'an escalation a day after the request',
      difficulty: 'known' as const,
      timeline: [
        [fri('11:00'), 'escalation_request'],
        [sat('11:00'), 'escalation'],
      ] satisfies Timeline,
      points: 70,
    },
    {
      case: 'a request never acted on',
      difficulty: 'known' as const,
      timeline: [[fri('11:00'), 'escalation_request']] satisfies Timeline,
      points: 50,
    },
    {
      case: 'an escalation before the request and none after',
      difficulty: 'known' as const,
      timeline: [
        [fri('10:30'), 'escalation'],
        [fri('11:00'), 'escalation_request'],
      ] satisfies Timeline,
      points: 100,
    },
    {
      case: 'an escalation before the request and a late one after',
      difficulty: 'known' as const,
      timeline: [
        [fri('10:30'), 'escalation'],
        [fri('11:00'), 'escalation_request'],
        [sat('11:00'), 'escalation'],
      ] satisfies Timeline,
      points: 100,
    },
    {
      case: 'a second request after a timely escalation',
      difficulty: 'known' as const,
      timeline: [
        [fri('11:00'), 'escalation_request'],
        [fri('11:30'), 'escalation'],
        [sat('11:00'), 'escalation_request'],
      ] satisfies Timeline,
      points: 100,
    },
    {
      case: 'a vendor escalation without any request',
      difficulty: 'known' as const,
      timeline: [[sat('11:00'), 'escalation']] satisfies Timeline,
      points: 100,
    },
    { case: 'a hard problem left open', difficulty: 'hard' as const, timeline: [], points: 70 },
    {
      case: 'a hard problem fixed without escalation',
      difficulty: 'hard' as const,
      timeline: [
        [fri('11:00'), 'fix'],
        [fri('12:00'), 'confirmed_fixed'],
      ] satisfies Timeline,
      points: 100,
    },
    {
      case: 'a hard problem worked around without escalation',
      difficulty: 'hard' as const,
      timeline: [
        [fri('11:00'), 'workaround'],
        [fri('12:00'), 'confirmed_workaround'],
      ] satisfies Timeline,
      points: 70,
    },
    {
      case: 'a hard problem closed unresolved without escalation',
      difficulty: 'hard' as const,
      timeline: [[fri('12:00'), 'closed_unresolved']] satisfies Timeline,
      points: 70,
    },
    {
      case: 'a hard problem escalated unasked and closed unresolved',
      difficulty: 'hard' as const,
      timeline: [
        [fri('11:00'), 'escalation'],
        [fri('12:00'), 'closed_unresolved'],
      ] satisfies Timeline,
      points: 100,
    },
    {
      case: 'a hard problem escalated late and closed unresolved',
      difficulty: 'hard' as const,
      timeline: [
        [fri('11:00'), 'escalation_request'],
        [sat('11:00'), 'escalation'],
        [sat('12:00'), 'closed_unresolved'],
      ] satisfies Timeline,
      points: 70,
    },
    {
      case: 'a hard problem whose request was never acted on',
      difficulty: 'hard' as const,
      timeline: [[fri('11:00'), 'escalation_request']] satisfies Timeline,
      points: 20,
    },
    {
      case: 'two hand-offs and a late escalation',
      difficulty: 'known' as const,
      timeline: [
        ...handoffs(2),
        [fri('11:00'), 'escalation_request'],
        [fri('14:00'), 'escalation'],
      ] satisfies Timeline,
      points: 50,
    },
    {
      case: 'three hand-offs and an ignored request',
      difficulty: 'known' as const,
      timeline: [...handoffs(3), [fri('11:00'), 'escalation_request']] satisfies Timeline,
      points: 10,
    },
    {
      case: 'two hand-offs, an ignored request and a hard problem',
      difficulty: 'hard' as const,
      timeline: [...handoffs(2), [fri('11:00'), 'escalation_request']] satisfies Timeline,
      points: 0,
    },
    {
      case: 'four hand-offs, an ignored request and a hard problem (clamped)',
      difficulty: 'hard' as const,
      timeline: [...handoffs(4), [fri('11:00'), 'escalation_request']] satisfies Timeline,
      points: 0,
    },
    {
      case: 'two hand-offs on a hard problem fixed without escalation',
      difficulty: 'hard' as const,
      timeline: [...handoffs(2), [fri('11:00'), 'fix'], [fri('12:00'), 'confirmed_fixed']] satisfies Timeline,
      points: 80,
    },
  ])('when a $difficulty P1 has $case, then it earns $points', ({ difficulty, timeline, points }) => {
    const finding = escalationOf(p1(difficulty, timeline), { asOf: FAR_LATER });
    expect(finding.status).toBe('counted');
    expect(finding.points).toBe(points);
  });

  it.each([
    { asOf: fri('11:30'), points: 100 },
    { asOf: fri('13:00'), points: 100 },
    { asOf: fri('13:01'), points: 50 },
    { asOf: fri('13:20'), points: 50 },
    { asOf: fri('14:00'), points: 70 },
  ])(
    'when a request at 11:00 is answered by an escalation at 13:30 and we look at $asOf, then it earns $points',
    ({ asOf, points }) => {
      const finding = escalationOf(
        p1('known', [
          [fri('11:00'), 'escalation_request'],
          [fri('13:30'), 'escalation'],
        ]),
        { asOf },
      );
      expect(finding.points).toBe(points);
    },
  );
});

describe('penalties on a business clock (P2: escalation target 480 business min)', () => {
  it.each([
    { escalatedAt: mon('16:00'), points: 100 },
    { escalatedAt: mon('16:01'), points: 70 },
  ])(
    'when a request on Friday 17:00 leads to an escalation at $escalatedAt, then it earns $points',
    ({ escalatedAt, points }) => {
      const finding = escalationOf(
        {
          severity: 'P2',
          sentAt: fri('16:00'),
          events: events([fri('17:00'), 'escalation_request'], [escalatedAt, 'escalation']),
        },
        { asOf: FAR_LATER },
      );
      expect(finding.points).toBe(points);
    },
  );

  it.each([
    { asOf: sat('23:00'), points: 100 },
    { asOf: mon('16:00'), points: 100 },
    { asOf: mon('16:01'), points: 50 },
  ])(
    'when a request on Friday 17:00 is still not acted on as of $asOf, then it earns $points',
    ({ asOf, points }) => {
      const finding = escalationOf(
        { severity: 'P2', sentAt: fri('16:00'), events: events([fri('17:00'), 'escalation_request']) },
        { asOf },
      );
      expect(finding.points).toBe(points);
    },
  );
});

describe('severities without an escalation target', () => {
  it.each([
    {
      case: 'a request never acted on',
      difficulty: 'known' as const,
      kinds: ['escalation_request'],
      points: 100,
    },
    {
      case: 'an escalation a week after the request',
      difficulty: 'known' as const,
      kinds: ['escalation_request', 'escalation'],
      points: 100,
    },
    { case: 'a hard problem never escalated', difficulty: 'hard' as const, kinds: [], points: 70 },
  ])('when a $difficulty P3 has $case, then it earns $points', ({ difficulty, kinds, points }) => {
    const times = [fri('11:00'), shanghai('2026-11-27T11:00:00')];
    const finding = escalationOf(
      {
        severity: 'P3',
        difficulty,
        sentAt: fri('10:00'),
        events: events(...kinds.map((kind, index): [string, string] => [times[index] ?? FAR_LATER, kind])),
      },
      { asOf: FAR_LATER },
    );
    expect(finding.points).toBe(points);
  });

  it('when the trial removes the P1 escalation target, then a request never acted on costs nothing', () => {
    const targets = { ...DEFAULT_TARGETS, P1: { ...DEFAULT_TARGETS.P1, escalationMinutes: null } };
    const finding = escalationOf(p1('known', [[fri('11:00'), 'escalation_request']]), {
      asOf: FAR_LATER,
      trial: { targets },
    });
    expect(finding.points).toBe(100);
  });
});

describe('documented escalation path', () => {
  const l2 = (extra: Partial<EscalationLevel> = {}): EscalationLevel => ({ level: 'L2', ...extra });
  const rnd = (extra: Partial<EscalationLevel> = {}): EscalationLevel => ({ level: 'R&D', ...extra });

  it.each([
    { case: 'no path', path: undefined, points: 0 },
    { case: 'an empty path', path: [], points: 0 },
    { case: 'one bare level', path: [l2()], points: 40 },
    { case: 'one level with a contact', path: [l2({ contact: 'l2@vendor.example' })], points: 60 },
    { case: 'one level with a time limit', path: [l2({ afterMinutes: 60 })], points: 60 },
    { case: 'one level with a time limit of 0', path: [l2({ afterMinutes: 0 })], points: 60 },
    {
      case: 'one level with contact and time limit',
      path: [l2({ contact: 'l2@vendor.example', afterMinutes: 60 })],
      points: 80,
    },
    { case: 'two bare levels', path: [l2(), rnd()], points: 60 },
    {
      case: 'two levels with contacts',
      path: [l2({ contact: 'l2@vendor.example' }), rnd({ contact: 'rnd@vendor.example' })],
      points: 80,
    },
    {
      case: 'two levels with time limits',
      path: [l2({ afterMinutes: 60 }), rnd({ afterMinutes: 240 })],
      points: 80,
    },
    {
      case: 'two complete levels',
      path: [
        l2({ contact: 'l2@vendor.example', afterMinutes: 60 }),
        rnd({ contact: 'rnd@vendor.example', afterMinutes: 240 }),
      ],
      points: 100,
    },
    {
      case: 'two timed levels, one without a contact',
      path: [l2({ contact: 'l2@vendor.example', afterMinutes: 60 }), rnd({ afterMinutes: 240 })],
      points: 80,
    },
    {
      case: 'two levels with contacts, one without a time limit',
      path: [l2({ contact: 'l2@vendor.example', afterMinutes: 60 }), rnd({ contact: 'rnd@vendor.example' })],
      points: 80,
    },
    {
      case: 'three complete levels',
      path: [
        l2({ contact: 'a', afterMinutes: 30 }),
        rnd({ contact: 'b', afterMinutes: 60 }),
        { level: 'CTO', contact: 'c', afterMinutes: 120 },
      ],
      points: 100,
    },
  ])('when the SLA has $case, then the documented points are $points', ({ path, points }) => {
    expect(documentedEscalation(path === undefined ? {} : { escalationPath: path })).toBe(points);
  });
});

describe('escalation dimension', () => {
  const twoLevelsWithContacts = {
    escalationPath: [
      { level: 'L2', contact: 'l2@vendor.example' },
      { level: 'R&D', contact: 'rnd@vendor.example' },
    ],
  };

  it('when probes are relevant, then the dimension is 0.3 × documented + 0.7 × the weighted mean', () => {
    const vendor = scoreSingleVendor(
      [
        // P0, one hand-off: 100 × 4
        { severity: 'P0', sentAt: fri('10:00'), events: events([fri('10:10'), 'handoff']) },
        // P1, request ignored past 120 min: 50 × 3
        { severity: 'P1', sentAt: fri('10:00'), events: events([fri('11:00'), 'escalation_request']) },
        // P2 known, no hand-off: not relevant
        { severity: 'P2', sentAt: fri('10:00'), events: events([fri('10:30'), 'ack']) },
      ],
      { asOf: sat('12:00'), vendor: { sla: twoLevelsWithContacts } },
    );
    const escalation = vendor.dimensions.escalation;
    expect(escalation.documented).toBe(80);
    expect(escalation.exercised).toBe(true);
    expect(escalation.exercisedScore).toBeCloseTo(550 / 7, 9);
    // 0.3 × 80 + 0.7 × 550 / 7 = 24 + 55
    expect(escalation.score).toBeCloseTo(79, 9);
    expect(escalation.counted).toBe(2);
  });

  it('when no probe is relevant, then the dimension is the documented points alone and flagged unexercised', () => {
    const vendor = scoreSingleVendor(
      [{ severity: 'P1', sentAt: fri('10:00'), events: events([fri('10:30'), 'ack']) }],
      { asOf: sat('12:00'), vendor: { sla: twoLevelsWithContacts } },
    );
    expect(vendor.dimensions.escalation).toMatchObject({
      score: 80,
      documented: 80,
      exercised: false,
      exercisedScore: null,
      counted: 0,
    });
  });

  it('when there is no documented path and one relevant probe earns 50, then the dimension is 0.7 × 50', () => {
    const vendor = scoreSingleVendor(
      [{ severity: 'P1', sentAt: fri('10:00'), events: events([fri('11:00'), 'escalation_request']) }],
      { asOf: sat('12:00') },
    );
    expect(vendor.dimensions.escalation.score).toBeCloseTo(35, 9);
  });

  it('when there is neither a path nor a probe, then the dimension is 0, not null', () => {
    const vendor = scoreSingleVendor([], { asOf: sat('12:00') });
    expect(vendor.dimensions.escalation).toMatchObject({ score: 0, exercised: false });
  });
});
