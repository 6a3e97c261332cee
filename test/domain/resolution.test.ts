import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGETS } from '../../src/domain/schemas.js';
import { resolutionTimeFactor } from '../../src/domain/scoring/resolution.js';
import { events } from '../factories.js';
import { findingOf, scoreSingleVendor, shanghai, type ProbeOverrides } from './scoringHarness.js';

/**
 * SPEC §5 "Resolution": base = 25 × depth; outcome factor fixed 1, workaround 0.85,
 * unresolved 0.5; time factor (fix or workaround with a target) 1 if t ≤ 1, 0.9 if t ≤ 2,
 * else 0.75. Open probes are pending until more than 4× the resolution target has elapsed,
 * then unresolved; without a target (P3 by default) they stay pending. Default resolution
 * targets: P0 240, P1 1440 calendar min; P2 2400 business min; P3 none.
 * 2026-11-20 is a Friday, 2026-11-23 a Monday; times are Asia/Shanghai.
 */
const FAR_LATER = shanghai('2027-06-30T00:00:00');

const resolutionOf = findingOf('resolution');

/** Vendor/buyer event kinds at successive minutes after a P3 sent Friday 10:00. */
function p3With(kinds: string[], ratings: { depth?: number } = {}): ProbeOverrides {
  return {
    severity: 'P3',
    sentAt: shanghai('2026-11-20T10:00:00'),
    ratings,
    events: events(
      ...kinds.map((kind, index): [string, string] => [
        new Date(Date.parse(shanghai('2026-11-20T10:10:00')) + index * 60_000).toISOString(),
        kind,
      ]),
    ),
  };
}

describe('resolution time factor', () => {
  it.each([
    [0, 1],
    [0.5, 1],
    [1, 1],
    [1.0001, 0.9],
    [1.5, 0.9],
    [2, 0.9],
    [2.0001, 0.75],
    [5, 0.75],
  ])('when t = %s, then the time factor is %s', (ratio, factor) => {
    expect(resolutionTimeFactor(ratio)).toBe(factor);
  });
});

describe('base and outcome factor (P3: no resolution target, so no time factor)', () => {
  it.each([
    { kinds: ['fix', 'confirmed_fixed'], depth: 4, points: 100 },
    { kinds: ['workaround', 'confirmed_workaround'], depth: 3, points: 63.75 },
    { kinds: ['root_cause', 'confirmed_workaround'], depth: 3, points: 63.75 },
    { kinds: ['diagnosis', 'closed_unresolved'], depth: 2, points: 25 },
    { kinds: ['troubleshooting', 'closed_unresolved'], depth: 1, points: 12.5 },
    { kinds: ['info_request', 'confirmed_fixed'], depth: 1, points: 25 },
    { kinds: ['ack', 'closed_unresolved'], depth: 0, points: 0 },
    { kinds: ['closed_unresolved'], depth: 0, points: 0 },
    { kinds: ['fix', 'closed_unresolved'], depth: 4, points: 50 },
    { kinds: ['fix', 'diagnosis', 'confirmed_workaround'], depth: 4, points: 85 },
    {
      kinds: ['auto_ack', 'status_update', 'handoff', 'escalation', 'confirmed_fixed'],
      depth: 0,
      points: 0,
    },
  ])('when the events are $kinds, then depth is $depth and it earns $points', ({ kinds, depth, points }) => {
    const finding = resolutionOf(p3With(kinds), { asOf: FAR_LATER });
    expect(finding.status).toBe('counted');
    expect(finding.facts['depth']).toBe(depth);
    expect(finding.points).toBeCloseTo(points, 9);
  });

  it.each([
    { rating: 2, kinds: ['fix', 'confirmed_fixed'], points: 50 },
    { rating: 0, kinds: ['fix', 'confirmed_fixed'], points: 0 },
    { rating: 4, kinds: ['ack', 'confirmed_fixed'], points: 100 },
    { rating: 3, kinds: ['ack', 'closed_unresolved'], points: 37.5 },
  ])(
    'when the buyer rated depth $rating and the events are $kinds, then the rating wins ($points)',
    ({ rating, kinds, points }) => {
      const finding = resolutionOf(p3With(kinds, { depth: rating }), { asOf: FAR_LATER });
      expect(finding.facts['depth']).toBe(rating);
      expect(finding.points).toBeCloseTo(points, 9);
    },
  );

  it.each([
    { kinds: ['fix', 'confirmed_fixed', 'reopened'], status: 'pending', points: null },
    { kinds: ['fix', 'confirmed_fixed', 'reopened', 'confirmed_workaround'], status: 'counted', points: 85 },
    { kinds: ['fix', 'closed_unresolved', 'confirmed_fixed'], status: 'counted', points: 100 },
    { kinds: ['fix', 'confirmed_fixed', 'closed_unresolved'], status: 'counted', points: 50 },
    {
      kinds: ['fix', 'confirmed_workaround', 'reopened', 'closed_unresolved'],
      status: 'counted',
      points: 50,
    },
    { kinds: ['fix', 'reopened', 'confirmed_fixed'], status: 'counted', points: 100 },
  ])(
    'when the buyer events run $kinds, then the last settled outcome counts ($status, $points)',
    ({ kinds, status, points }) => {
      const finding = resolutionOf(p3With(kinds), { asOf: FAR_LATER });
      expect(finding.status).toBe(status);
      expect(finding.points).toBe(points);
    },
  );
});

describe('time factor on a calendar clock (P0, target 240 min)', () => {
  it.each([
    { confirmed: '2026-11-20T12:00:00', t: 0.5, fixed: 100, workaround: 63.75 },
    { confirmed: '2026-11-20T14:00:00', t: 1, fixed: 100, workaround: 63.75 },
    { confirmed: '2026-11-20T14:00:00.360', t: 1.000025, fixed: 90, workaround: 57.375 },
    { confirmed: '2026-11-20T14:01:00', t: 241 / 240, fixed: 90, workaround: 57.375 },
    { confirmed: '2026-11-20T18:00:00', t: 2, fixed: 90, workaround: 57.375 },
    { confirmed: '2026-11-20T18:01:00', t: 481 / 240, fixed: 75, workaround: 47.8125 },
    { confirmed: '2026-11-21T10:00:00', t: 6, fixed: 75, workaround: 47.8125 },
  ])(
    'when a fix (depth 4) is confirmed at $confirmed (t = $t), then it earns $fixed; a workaround (depth 3) $workaround',
    ({ confirmed, fixed, workaround }) => {
      // The same P0, sent 10:00, settled by `outcome` at 11:00 and confirmed at `confirmed`.
      const settledBy = (outcome: string, confirmation: string) =>
        resolutionOf(
          {
            severity: 'P0',
            sentAt: shanghai('2026-11-20T10:00:00'),
            events: events([shanghai('2026-11-20T11:00:00'), outcome], [shanghai(confirmed), confirmation]),
          },
          { asOf: FAR_LATER },
        );
      const fixedFinding = settledBy('fix', 'confirmed_fixed');
      const workaroundFinding = settledBy('workaround', 'confirmed_workaround');
      expect(fixedFinding.points).toBeCloseTo(fixed, 9);
      expect(workaroundFinding.points).toBeCloseTo(workaround, 9);
    },
  );

  it('when a fix is confirmed, reopened and confirmed again, then the time runs to the last confirmation', () => {
    const finding = resolutionOf(
      {
        severity: 'P0',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events(
          [shanghai('2026-11-20T11:00:00'), 'fix'],
          [shanghai('2026-11-20T12:00:00'), 'confirmed_fixed'],
          [shanghai('2026-11-20T13:00:00'), 'reopened'],
          [shanghai('2026-11-20T18:30:00'), 'confirmed_fixed'],
        ),
      },
      { asOf: FAR_LATER },
    );
    // 510 min against 240: t = 2.125 → 0.75.
    expect(finding.points).toBe(75);
    expect(finding.facts['minutes']).toBe(510);
  });

  it('when the probe is closed unresolved long after the target, then no time factor applies (50 × 0.5)', () => {
    const finding = resolutionOf(
      {
        severity: 'P0',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events(
          [shanghai('2026-11-20T11:00:00'), 'diagnosis'],
          [shanghai('2026-11-23T10:00:00'), 'closed_unresolved'],
        ),
      },
      { asOf: FAR_LATER },
    );
    expect(finding.points).toBe(25);
    expect(finding.facts['timeFactor']).toBe(1);
  });
});

describe('time factor on a business clock (P2, target 2400 business min)', () => {
  it.each([
    { confirmed: '2026-11-27T13:00:00', business: 2400, points: 100 },
    { confirmed: '2026-11-27T13:01:00', business: 2401, points: 90 },
    { confirmed: '2026-11-28T23:00:00', business: 2700, points: 90 },
    { confirmed: '2026-12-03T17:00:00', business: 4800, points: 90 },
    { confirmed: '2026-12-03T17:01:00', business: 4801, points: 75 },
  ])(
    'when a P2 sent Monday 09:00 is confirmed fixed at $confirmed ($business business min), then it earns $points',
    ({ confirmed, business, points }) => {
      const finding = resolutionOf(
        {
          severity: 'P2',
          sentAt: shanghai('2026-11-23T09:00:00'),
          events: events([shanghai('2026-11-23T10:00:00'), 'fix'], [shanghai(confirmed), 'confirmed_fixed']),
        },
        { asOf: FAR_LATER },
      );
      expect(finding.points).toBe(points);
      expect(finding.facts['minutes']).toBe(business);
    },
  );
});

describe('open probes', () => {
  it.each([
    { asOf: '2026-11-20T11:00:00', status: 'pending', points: null },
    { asOf: '2026-11-21T02:00:00', status: 'pending', points: null },
    { asOf: '2026-11-21T02:00:00.001', status: 'counted', points: 25 },
    { asOf: '2026-11-21T02:01:00', status: 'counted', points: 25 },
    { asOf: '2026-11-30T09:00:00', status: 'counted', points: 25 },
  ])(
    'when a P0 (4× target = 960 min) with a diagnosis is still open as of $asOf, then it is $status',
    ({ asOf, status, points }) => {
      const finding = resolutionOf(
        {
          severity: 'P0',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai('2026-11-20T11:00:00'), 'diagnosis']),
        },
        { asOf: shanghai(asOf) },
      );
      expect(finding.status).toBe(status);
      expect(finding.points).toBe(points);
    },
  );

  it.each([
    { asOf: '2026-11-24T10:00:00', status: 'pending' },
    { asOf: '2026-11-24T10:01:00', status: 'counted' },
  ])(
    'when a P1 (4× target = 5760 min) without any reply is open as of $asOf, then it is $status',
    ({ asOf, status }) => {
      const finding = resolutionOf(
        { severity: 'P1', sentAt: shanghai('2026-11-20T10:00:00') },
        { asOf: shanghai(asOf) },
      );
      expect(finding.status).toBe(status);
      if (status === 'counted') expect(finding.points).toBe(0);
    },
  );

  it.each([
    { asOf: '2026-12-12T12:00:00', status: 'pending', points: null },
    { asOf: '2026-12-16T16:00:00', status: 'pending', points: null },
    { asOf: '2026-12-16T16:01:00', status: 'counted', points: 50 },
  ])(
    'when a P2 sent Monday 09:00 with a fix not yet confirmed is open as of $asOf (4× target = 9600 business min), then it is $status',
    ({ asOf, status, points }) => {
      const finding = resolutionOf(
        {
          severity: 'P2',
          sentAt: shanghai('2026-11-23T09:00:00'),
          events: events([shanghai('2026-11-23T10:00:00'), 'fix']),
        },
        { asOf: shanghai(asOf) },
      );
      expect(finding.status).toBe(status);
      expect(finding.points).toBe(points);
    },
  );

  it.each([
    { case: 'no events', kinds: [] },
    { case: 'a fix not yet confirmed', kinds: ['fix'] },
    { case: 'a fix confirmed then reopened', kinds: ['fix', 'confirmed_fixed', 'reopened'] },
  ])(
    'when a P3 (no resolution target) with $case stays open a year, then it is still pending',
    ({ kinds }) => {
      const finding = resolutionOf(p3With(kinds), { asOf: shanghai('2027-11-20T10:00:00') });
      expect(finding).toMatchObject({ status: 'pending', points: null });
    },
  );

  it('when a P0 fix was confirmed then reopened and 4× the target has passed, then it counts as unresolved', () => {
    const finding = resolutionOf(
      {
        severity: 'P0',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events(
          [shanghai('2026-11-20T11:00:00'), 'fix'],
          [shanghai('2026-11-20T12:00:00'), 'confirmed_fixed'],
          [shanghai('2026-11-20T13:00:00'), 'reopened'],
        ),
      },
      { asOf: shanghai('2026-11-21T03:00:00') },
    );
    expect(finding).toMatchObject({ status: 'counted', points: 50, code: 'resolution.overdue' });
  });

  it('when the confirmation is recorded after asOf, then the probe is still open as of asOf', () => {
    const finding = resolutionOf(
      {
        severity: 'P0',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events(
          [shanghai('2026-11-20T11:00:00'), 'fix'],
          [shanghai('2026-11-20T13:00:00'), 'confirmed_fixed'],
        ),
      },
      { asOf: shanghai('2026-11-20T12:00:00') },
    );
    expect(finding.status).toBe('pending');
  });

  it('when the trial removes the P1 resolution target, then an open P1 stays pending however old', () => {
    const targets = { ...DEFAULT_TARGETS, P1: { ...DEFAULT_TARGETS.P1, resolutionMinutes: null } };
    const finding = resolutionOf(
      { severity: 'P1', sentAt: shanghai('2026-11-20T10:00:00') },
      { asOf: shanghai('2027-11-20T10:00:00'), trial: { targets } },
    );
    expect(finding.status).toBe('pending');
  });

  it('when the trial removes the P1 resolution target, then a late fix keeps its full points', () => {
    const targets = { ...DEFAULT_TARGETS, P1: { ...DEFAULT_TARGETS.P1, resolutionMinutes: null } };
    const finding = resolutionOf(
      {
        severity: 'P1',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events(
          [shanghai('2026-12-20T10:00:00'), 'fix'],
          [shanghai('2026-12-20T11:00:00'), 'confirmed_fixed'],
        ),
      },
      { asOf: FAR_LATER, trial: { targets } },
    );
    expect(finding.points).toBe(100);
  });
});

describe('resolution dimension', () => {
  it('when probes of several severities count, then the dimension is their severity-weighted mean', () => {
    const vendor = scoreSingleVendor(
      [
        // P0 fixed in time: 100 × 4
        {
          severity: 'P0',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events(
            [shanghai('2026-11-20T11:00:00'), 'fix'],
            [shanghai('2026-11-20T12:00:00'), 'confirmed_fixed'],
          ),
        },
        // P2 diagnosed then closed unresolved: 50 × 0.5 = 25, × 2
        {
          severity: 'P2',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events(
            [shanghai('2026-11-20T11:00:00'), 'diagnosis'],
            [shanghai('2026-11-20T12:00:00'), 'closed_unresolved'],
          ),
        },
        // P3 open: pending
        { severity: 'P3', sentAt: shanghai('2026-11-20T10:00:00') },
      ],
      { asOf: shanghai('2026-11-20T13:00:00') },
    );
    expect(vendor.dimensions.resolution.score).toBeCloseTo(450 / 6, 9);
    expect(vendor.dimensions.resolution).toMatchObject({ counted: 2, pending: 1 });
  });

  it('when every probe is still open within its window, then the dimension is not measured (null)', () => {
    const vendor = scoreSingleVendor([{ severity: 'P0', sentAt: shanghai('2026-11-20T10:00:00') }], {
      asOf: shanghai('2026-11-20T12:00:00'),
    });
    expect(vendor.dimensions.resolution).toEqual({ score: null, counted: 0, pending: 1 });
  });
});
