import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TARGETS,
  defaultCalendar,
  type Severity,
  type SlaClauses,
} from '../../src/domain/schemas.js';
import { slaStrength } from '../../src/domain/scoring/commitment.js';
import { buildTrial, events } from '../factories.js';
import { findingOf, scoreSingleVendor, shanghai } from './scoringHarness.js';

/**
 * SPEC §5 "Commitment": strength (0–100) item by item; keepRate = share of probes answered
 * within the vendor's own promise, on the promise's clock (24x7 → elapsed time, business →
 * the vendor's support hours, or the trial calendar without them); dimension =
 * 0.6 × strength + 0.4 × 100 × keepRate, strength alone when no probe counts.
 * Default first-response targets: P0 15, P1 60 (calendar); P2 240, P3 480 (business).
 * 2026-11-20 is a Friday; times are Asia/Shanghai.
 */
const FAR_LATER = shanghai('2026-12-31T00:00:00');

const promiseOf = findingOf('commitment');

function strengthItem(sla: SlaClauses, clause: string, targets = buildTrial().targets): number | undefined {
  return slaStrength(sla, targets).items.find((item) => item.clause === clause)?.points;
}

describe('SLA strength: response targets (6.25 per severity)', () => {
  it.each([
    { severity: 'P0', minutes: 15, coverage: '24x7', points: 6.25 },
    { severity: 'P0', minutes: 10, coverage: '24x7', points: 6.25 },
    { severity: 'P0', minutes: 15, coverage: 'business', points: 3.125 },
    { severity: 'P0', minutes: 30, coverage: '24x7', points: 3.125 },
    { severity: 'P0', minutes: 30, coverage: 'business', points: 3.125 },
    { severity: 'P0', minutes: 31, coverage: '24x7', points: 0 },
    { severity: 'P0', minutes: 31, coverage: 'business', points: 0 },
    { severity: 'P1', minutes: 60, coverage: '24x7', points: 6.25 },
    { severity: 'P1', minutes: 60, coverage: 'business', points: 3.125 },
    { severity: 'P1', minutes: 61, coverage: '24x7', points: 3.125 },
    { severity: 'P1', minutes: 120, coverage: '24x7', points: 3.125 },
    { severity: 'P1', minutes: 121, coverage: '24x7', points: 0 },
    { severity: 'P2', minutes: 240, coverage: 'business', points: 6.25 },
    { severity: 'P2', minutes: 240, coverage: '24x7', points: 6.25 },
    { severity: 'P2', minutes: 241, coverage: 'business', points: 3.125 },
    { severity: 'P2', minutes: 480, coverage: 'business', points: 3.125 },
    { severity: 'P2', minutes: 481, coverage: 'business', points: 0 },
    { severity: 'P3', minutes: 480, coverage: 'business', points: 6.25 },
    { severity: 'P3', minutes: 960, coverage: '24x7', points: 3.125 },
    { severity: 'P3', minutes: 961, coverage: 'business', points: 0 },
  ] as const)(
    'when the $severity promise is $minutes min $coverage, then it earns $points',
    ({ severity, minutes, coverage, points }) => {
      const sla: SlaClauses = { responseTargets: { [severity]: { minutes, coverage } } };
      expect(strengthItem(sla, `responseTarget.${severity}`)).toBe(points);
    },
  );

  it.each(['P0', 'P1', 'P2', 'P3'] as const)(
    'when there is no %s promise, then it earns 0',
    (severity: Severity) => {
      expect(strengthItem({}, `responseTarget.${severity}`)).toBe(0);
    },
  );

  it.each([
    { clock: 'calendar' as const, points: 3.125 },
    { clock: 'business' as const, points: 6.25 },
  ])(
    'when the trial puts P1 on the $clock clock, then a 60 min business-hours promise earns $points',
    ({ clock, points }) => {
      const targets = { ...DEFAULT_TARGETS, P1: { ...DEFAULT_TARGETS.P1, clock } };
      const sla: SlaClauses = { responseTargets: { P1: { minutes: 60, coverage: 'business' } } };
      expect(strengthItem(sla, 'responseTarget.P1', targets)).toBe(points);
    },
  );
});

describe('SLA strength: the other clauses', () => {
  it.each([
    {
      case: 'severity definitions',
      sla: { severityDefinitions: true },
      clause: 'severityDefinitions',
      points: 10,
    },
    {
      case: 'no severity definitions',
      sla: { severityDefinitions: false },
      clause: 'severityDefinitions',
      points: 0,
    },
    {
      case: 'a slow P0 promise with 24x7 coverage',
      sla: { responseTargets: { P0: { minutes: 60, coverage: '24x7' } } },
      clause: 'p0Coverage24x7',
      points: 10,
    },
    {
      case: 'a P0 promise in business hours',
      sla: { responseTargets: { P0: { minutes: 15, coverage: 'business' } } },
      clause: 'p0Coverage24x7',
      points: 0,
    },
    {
      case: '24x7 coverage on P1 only',
      sla: { responseTargets: { P1: { minutes: 60, coverage: '24x7' } } },
      clause: 'p0Coverage24x7',
      points: 0,
    },
    {
      case: 'a resolution target',
      sla: { resolutionTargets: { P2: { minutes: 2400 } } },
      clause: 'resolutionOrCadence',
      points: 10,
    },
    {
      case: 'an update cadence',
      sla: { updateCadence: { P3: { minutes: 1440 } } },
      clause: 'resolutionOrCadence',
      points: 10,
    },
    {
      case: 'both a resolution target and a cadence',
      sla: { resolutionTargets: { P0: { minutes: 240 } }, updateCadence: { P0: { minutes: 60 } } },
      clause: 'resolutionOrCadence',
      points: 10,
    },
    { case: 'an empty escalation path', sla: { escalationPath: [] }, clause: 'escalationPath', points: 0 },
    {
      case: 'a one-level path',
      sla: { escalationPath: [{ level: 'L2' }] },
      clause: 'escalationPath',
      points: 5,
    },
    {
      case: 'a one-level path without time limit',
      sla: { escalationPath: [{ level: 'L2' }] },
      clause: 'escalationPathTimed',
      points: 0,
    },
    {
      case: 'a one-level path with a time limit',
      sla: { escalationPath: [{ level: 'L2', afterMinutes: 60 }] },
      clause: 'escalationPathTimed',
      points: 5,
    },
    {
      case: 'a two-level path with one time limit missing',
      sla: { escalationPath: [{ level: 'L2', afterMinutes: 60 }, { level: 'R&D' }] },
      clause: 'escalationPathTimed',
      points: 0,
    },
    { case: 'an empty path', sla: { escalationPath: [] }, clause: 'escalationPathTimed', points: 0 },
    {
      case: 'service credits offered',
      sla: { serviceCredits: { offered: true } },
      clause: 'serviceCredits',
      points: 15,
    },
    {
      case: 'service credits declined',
      sla: { serviceCredits: { offered: false, terms: 'none' } },
      clause: 'serviceCredits',
      points: 0,
    },
    { case: 'a dedicated CSM', sla: { channels: { dedicatedCsm: true } }, clause: 'dedicatedCsm', points: 5 },
    { case: 'proactive reports', sla: { proactiveReports: true }, clause: 'proactiveReports', points: 5 },
    { case: 'an RCA commitment', sla: { rcaCommitment: true }, clause: 'rcaCommitment', points: 5 },
    { case: 'a 24x7 hotline', sla: { channels: { hotline24x7: true } }, clause: 'directChannel', points: 5 },
    { case: 'an IM group', sla: { channels: { imGroup: true } }, clause: 'directChannel', points: 5 },
    {
      case: 'both a hotline and an IM group',
      sla: { channels: { hotline24x7: true, imGroup: true } },
      clause: 'directChannel',
      points: 5,
    },
    {
      case: 'only a ticket portal and e-mail',
      sla: { channels: { ticketPortal: true, email: true } },
      clause: 'directChannel',
      points: 0,
    },
  ] satisfies { case: string; sla: SlaClauses; clause: string; points: number }[])(
    'when the SLA has $case, then $clause earns $points',
    ({ sla, clause, points }) => {
      expect(strengthItem(sla, clause)).toBe(points);
    },
  );

  it('when the SLA is empty, then the strength is 0', () => {
    expect(slaStrength({}, buildTrial().targets).strength).toBe(0);
  });

  it('when the SLA promises everything within target, then the strength is 100', () => {
    const sla: SlaClauses = {
      severityDefinitions: true,
      responseTargets: {
        P0: { minutes: 15, coverage: '24x7' },
        P1: { minutes: 60, coverage: '24x7' },
        P2: { minutes: 240, coverage: 'business' },
        P3: { minutes: 480, coverage: 'business' },
      },
      resolutionTargets: { P0: { minutes: 240 } },
      escalationPath: [{ level: 'L2', contact: 'l2@vendor.example', afterMinutes: 60 }],
      serviceCredits: { offered: true },
      channels: { dedicatedCsm: true, imGroup: true },
      proactiveReports: true,
      rcaCommitment: true,
    };
    const { strength, items } = slaStrength(sla, buildTrial().targets);
    expect(strength).toBe(100);
    expect(items.every((item) => item.points === item.max)).toBe(true);
  });

  it('when the SLA is the worked example, then the strength is 67.5', () => {
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
      channels: { hotline24x7: true, ticketPortal: true, email: true },
      rcaCommitment: true,
    };
    // 10 + (3.125 + 3.125 + 6.25 + 0) + 10 + 0 + 10 + 15 + 0 + 0 + 5 + 5
    expect(slaStrength(sla, buildTrial().targets).strength).toBe(67.5);
  });
});

describe('promises kept: answered probes', () => {
  const londonOffice = {
    ...defaultCalendar('Europe/London'),
    start: '09:00',
    end: '17:00',
  };
  const longHours = {
    ...defaultCalendar('Asia/Shanghai'),
    days: [1, 2, 3, 4, 5, 6, 7],
    start: '08:00',
    end: '22:00',
  };

  it.each([
    {
      case: 'a P0 30 min 24x7 promise answered in 30 min',
      severity: 'P0' as const,
      promise: { minutes: 30, coverage: '24x7' as const },
      sentAt: shanghai('2026-11-20T10:00:00'),
      reply: shanghai('2026-11-20T10:30:00'),
      supportHours: undefined,
      points: 100,
    },
    {
      case: 'a P0 30 min 24x7 promise answered in 31 min',
      severity: 'P0' as const,
      promise: { minutes: 30, coverage: '24x7' as const },
      sentAt: shanghai('2026-11-20T10:00:00'),
      reply: shanghai('2026-11-20T10:31:00'),
      supportHours: undefined,
      points: 0,
    },
    {
      case: 'a P2 240 min 24x7 promise answered 19 h later, 60 business min',
      severity: 'P2' as const,
      promise: { minutes: 240, coverage: '24x7' as const },
      sentAt: shanghai('2026-11-20T17:00:00'),
      reply: shanghai('2026-11-21T12:00:00'),
      supportHours: undefined,
      points: 0,
    },
    {
      case: 'a P2 240 min business promise answered Monday 12:00 (trial calendar, 240 min)',
      severity: 'P2' as const,
      promise: { minutes: 240, coverage: 'business' as const },
      sentAt: shanghai('2026-11-20T17:00:00'),
      reply: shanghai('2026-11-23T12:00:00'),
      supportHours: undefined,
      points: 100,
    },
    {
      case: 'a P1 60 min business promise answered Monday 09:30 (trial calendar, 60 min)',
      severity: 'P1' as const,
      promise: { minutes: 60, coverage: 'business' as const },
      sentAt: shanghai('2026-11-20T17:30:00'),
      reply: shanghai('2026-11-23T09:30:00'),
      supportHours: undefined,
      points: 100,
    },
    {
      case: 'a P1 60 min business promise answered Monday 09:31 (trial calendar, 61 min)',
      severity: 'P1' as const,
      promise: { minutes: 60, coverage: 'business' as const },
      sentAt: shanghai('2026-11-20T17:30:00'),
      reply: shanghai('2026-11-23T09:31:00'),
      supportHours: undefined,
      points: 0,
    },
    {
      case: 'a P1 60 min business promise answered Saturday 09:00 (trial calendar, 30 min)',
      severity: 'P1' as const,
      promise: { minutes: 60, coverage: 'business' as const },
      sentAt: shanghai('2026-11-20T17:30:00'),
      reply: shanghai('2026-11-21T09:00:00'),
      supportHours: undefined,
      points: 100,
    },
    {
      case: 'a P1 60 min business promise answered Saturday 09:00 (vendor hours 08–22 daily, 330 min)',
      severity: 'P1' as const,
      promise: { minutes: 60, coverage: 'business' as const },
      sentAt: shanghai('2026-11-20T17:30:00'),
      reply: shanghai('2026-11-21T09:00:00'),
      supportHours: longHours,
      points: 0,
    },
    {
      case: 'a P1 60 min business promise answered Friday 18:30 (vendor hours 08–22 daily, 60 min)',
      severity: 'P1' as const,
      promise: { minutes: 60, coverage: 'business' as const },
      sentAt: shanghai('2026-11-20T17:30:00'),
      reply: shanghai('2026-11-20T18:30:00'),
      supportHours: longHours,
      points: 100,
    },
    {
      case: 'a P1 60 min business promise answered 08:00→10:00 London time (London office hours, 60 min)',
      severity: 'P1' as const,
      promise: { minutes: 60, coverage: 'business' as const },
      sentAt: shanghai('2026-11-20T16:00:00'),
      reply: shanghai('2026-11-20T18:00:00'),
      supportHours: londonOffice,
      points: 100,
    },
    {
      case: 'a P1 60 min business promise answered 16:00→18:00 Shanghai time (trial calendar, 120 min)',
      severity: 'P1' as const,
      promise: { minutes: 60, coverage: 'business' as const },
      sentAt: shanghai('2026-11-20T16:00:00'),
      reply: shanghai('2026-11-20T18:00:00'),
      supportHours: undefined,
      points: 0,
    },
  ])(
    'when $case, then the promise scores $points',
    ({ severity, promise, sentAt, reply, supportHours, points }) => {
      const finding = promiseOf(
        { severity, sentAt, events: events([reply, 'ack']) },
        { asOf: FAR_LATER, vendor: { supportHours, sla: { responseTargets: { [severity]: promise } } } },
      );
      expect(finding.status).toBe('counted');
      expect(finding.points).toBe(points);
    },
  );

  it('when an auto_ack comes inside the promise and the human reply after it, then the promise is broken', () => {
    const finding = promiseOf(
      {
        severity: 'P0',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events(
          [shanghai('2026-11-20T10:01:00'), 'auto_ack'],
          [shanghai('2026-11-20T10:45:00'), 'ack'],
        ),
      },
      { asOf: FAR_LATER, vendor: { sla: { responseTargets: { P0: { minutes: 30, coverage: '24x7' } } } } },
    );
    expect(finding.points).toBe(0);
  });

  it('when the severity has no vendor promise, then the probe does not count for keepRate', () => {
    const finding = promiseOf(
      {
        severity: 'P2',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events([shanghai('2026-11-20T10:30:00'), 'ack']),
      },
      { asOf: FAR_LATER, vendor: { sla: { responseTargets: { P0: { minutes: 30, coverage: '24x7' } } } } },
    );
    expect(finding.status).toBe('not_applicable');
  });
});

describe('promises kept: unanswered probes', () => {
  const p0Promise = { sla: { responseTargets: { P0: { minutes: 30, coverage: '24x7' as const } } } };
  const p1BusinessPromise = {
    sla: { responseTargets: { P1: { minutes: 60, coverage: 'business' as const } } },
  };

  it.each([
    { asOf: '2026-11-20T10:00:00', status: 'pending', points: null },
    { asOf: '2026-11-20T10:30:00', status: 'pending', points: null },
    { asOf: '2026-11-20T10:30:00.001', status: 'counted', points: 0 },
    { asOf: '2026-11-20T10:31:00', status: 'counted', points: 0 },
  ])(
    'when a P0 with a 30 min 24x7 promise is unanswered as of $asOf, then it is $status',
    ({ asOf, status, points }) => {
      const finding = promiseOf(
        { severity: 'P0', sentAt: shanghai('2026-11-20T10:00:00') },
        { asOf: shanghai(asOf), vendor: p0Promise },
      );
      expect(finding.status).toBe(status);
      expect(finding.points).toBe(points);
    },
  );

  it.each([
    { asOf: '2026-11-22T20:00:00', status: 'pending' },
    { asOf: '2026-11-23T09:30:00', status: 'pending' },
    { asOf: '2026-11-23T09:31:00', status: 'counted' },
  ])(
    'when a P1 with a 60 min business promise sent Friday 17:30 is unanswered as of $asOf, then it is $status',
    ({ asOf, status }) => {
      const finding = promiseOf(
        { severity: 'P1', sentAt: shanghai('2026-11-20T17:30:00') },
        { asOf: shanghai(asOf), vendor: p1BusinessPromise },
      );
      expect(finding.status).toBe(status);
    },
  );

  it.each([
    { case: 'closed unresolved', kinds: ['closed_unresolved'] },
    { case: 'confirmed fixed by the buyer alone', kinds: ['confirmed_fixed'] },
    { case: 'closed after an auto_ack', kinds: ['auto_ack', 'closed_unresolved'] },
  ])('when the probe is $case without any vendor reply, then the promise is broken at once', ({ kinds }) => {
    const finding = promiseOf(
      {
        severity: 'P0',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events(...kinds.map((kind): [string, string] => [shanghai('2026-11-20T10:05:00'), kind])),
      },
      { asOf: shanghai('2026-11-20T10:10:00'), vendor: p0Promise },
    );
    expect(finding).toMatchObject({ status: 'counted', points: 0 });
  });

  it('when the only reply comes after asOf, then the probe is judged as unanswered as of asOf', () => {
    const probe = {
      severity: 'P0' as const,
      sentAt: shanghai('2026-11-20T10:00:00'),
      events: events([shanghai('2026-11-20T10:20:00'), 'ack']),
    };
    expect(promiseOf(probe, { asOf: shanghai('2026-11-20T10:15:00'), vendor: p0Promise }).status).toBe(
      'pending',
    );
    expect(promiseOf(probe, { asOf: shanghai('2026-11-20T10:20:00'), vendor: p0Promise }).points).toBe(100);
  });
});

describe('commitment dimension', () => {
  // Strength: P0 15 min 24x7 (6.25) + P3 480 business (6.25) + P0 24x7 (10) = 22.5
  const sla: SlaClauses = {
    responseTargets: { P0: { minutes: 15, coverage: '24x7' }, P3: { minutes: 480, coverage: 'business' } },
  };

  it('when promises count, then the dimension is 0.6 × strength + 0.4 × 100 × the plain share kept', () => {
    const vendor = scoreSingleVendor(
      [
        // P0 answered in 10 min: kept
        {
          severity: 'P0',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai('2026-11-20T10:10:00'), 'ack']),
        },
        // P3 answered after 540 business min: broken
        {
          severity: 'P3',
          sentAt: shanghai('2026-11-23T09:00:00'),
          events: events([shanghai('2026-11-24T09:00:00'), 'ack']),
        },
        // P1: no promise, not counted
        {
          severity: 'P1',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai('2026-11-20T10:10:00'), 'ack']),
        },
        // P0 unanswered inside its promise: pending
        { severity: 'P0', sentAt: shanghai('2026-11-24T11:55:00') },
      ],
      { asOf: shanghai('2026-11-24T12:00:00'), vendor: { sla } },
    );
    const commitment = vendor.dimensions.commitment;
    expect(commitment.strength).toBe(22.5);
    expect(commitment.keepRate).toBe(0.5);
    // 0.6 × 22.5 + 0.4 × 50 = 13.5 + 20
    expect(commitment.score).toBeCloseTo(33.5, 9);
    expect(commitment).toMatchObject({ counted: 2, pending: 1, kept: 1, broken: 1, measured: true });
  });

  it('when no probe counts, then the dimension is the strength alone and flagged unmeasured', () => {
    const vendor = scoreSingleVendor(
      [
        {
          severity: 'P1',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai('2026-11-20T10:10:00'), 'ack']),
        },
        { severity: 'P0', sentAt: shanghai('2026-11-20T11:55:00') },
      ],
      { asOf: shanghai('2026-11-20T12:00:00'), vendor: { sla } },
    );
    expect(vendor.dimensions.commitment).toMatchObject({
      score: 22.5,
      strength: 22.5,
      keepRate: null,
      measured: false,
      counted: 0,
      pending: 1,
    });
  });

  it('when every promise is kept, then the dimension is 0.6 × strength + 40', () => {
    const vendor = scoreSingleVendor(
      [
        {
          severity: 'P0',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai('2026-11-20T10:10:00'), 'ack']),
        },
      ],
      { asOf: shanghai('2026-11-20T12:00:00'), vendor: { sla } },
    );
    expect(vendor.dimensions.commitment.score).toBeCloseTo(0.6 * 22.5 + 40, 9);
  });

  it('when there is no SLA at all, then the dimension is 0, not null', () => {
    const vendor = scoreSingleVendor([{ severity: 'P0', sentAt: shanghai('2026-11-20T10:00:00') }], {
      asOf: shanghai('2026-11-20T12:00:00'),
    });
    expect(vendor.dimensions.commitment).toMatchObject({ score: 0, measured: false });
  });
});
