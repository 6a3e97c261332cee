import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGETS, defaultCalendar } from '../../src/domain/schemas.js';
import { responseCurve } from '../../src/domain/scoring/responsiveness.js';
import { events } from '../factories.js';
import { findingOf, scoreSingleVendor, shanghai } from './scoringHarness.js';

/**
 * SPEC §5 "Responsiveness": r = first response (trial clock) / target; 100 up to r = 1,
 * 100 − 40(r − 1) up to 2, 60 − 30(r − 2) up to 4, then 0. Unanswered probes are pending
 * until more than 4× the target has elapsed, or 0 once closed without any vendor reply.
 * Default targets: P0 15 min, P1 60 min (calendar); P2 240, P3 480 (business, Mon–Fri
 * 09:00–18:00 in the trial's zone). 2026-11-20 is a Friday; times are Asia/Shanghai.
 */
const responseOf = findingOf('responsiveness');

const FAR_LATER = shanghai('2026-12-31T00:00:00');

describe('response curve', () => {
  it.each([
    [0, 100],
    [0.5, 100],
    [1, 100],
    [1.0001, 99.996],
    [1.5, 80],
    [2, 60],
    [2.0001, 59.997],
    [2.5, 45],
    [3, 30],
    [3.5, 15],
    [4, 0],
    [4.0001, 0],
    [10, 0],
  ])('when r = %s, then the curve gives %s points', (ratio, points) => {
    expect(responseCurve(ratio)).toBeCloseTo(points, 9);
  });
});

describe('responsiveness on a calendar clock', () => {
  it.each([
    { reply: '10:30:00', ratio: 0.5, points: 100 },
    { reply: '11:00:00', ratio: 1, points: 100 },
    { reply: '11:00:00.360', ratio: 1.0001, points: 99.996 },
    { reply: '11:30:00', ratio: 1.5, points: 80 },
    { reply: '12:00:00', ratio: 2, points: 60 },
    { reply: '12:00:00.360', ratio: 2.0001, points: 59.997 },
    { reply: '13:00:00', ratio: 3, points: 30 },
    { reply: '14:00:00', ratio: 4, points: 0 },
    { reply: '14:00:00.360', ratio: 4.0001, points: 0 },
  ])(
    'when a P1 (60 min target) is answered at $reply after a 10:00 send (r = $ratio), then it earns $points',
    ({ reply, points }) => {
      const finding = responseOf(
        {
          severity: 'P1',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai(`2026-11-20T${reply}`), 'ack']),
        },
        { asOf: FAR_LATER },
      );
      expect(finding.status).toBe('counted');
      expect(finding.points).toBeCloseTo(points, 6);
    },
  );

  it.each([
    { reply: '10:15:00', points: 100 },
    { reply: '10:22:30', points: 80 },
    { reply: '10:30:00', points: 60 },
    { reply: '10:45:00', points: 30 },
    { reply: '11:00:00', points: 0 },
  ])(
    'when a P0 (15 min target) is answered at $reply after 10:00, then it earns $points',
    ({ reply, points }) => {
      const finding = responseOf(
        {
          severity: 'P0',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai(`2026-11-20T${reply}`), 'ack']),
        },
        { asOf: FAR_LATER },
      );
      expect(finding.points).toBeCloseTo(points, 6);
    },
  );

  it.each([
    { reply: shanghai('2026-11-20T18:30:00'), points: 100 },
    { reply: shanghai('2026-11-21T09:00:00'), points: 0 },
  ])(
    'when a P1 sent Friday 17:30 is answered at $reply, then nights and weekends count (points $points)',
    ({ reply, points }) => {
      const finding = responseOf(
        { severity: 'P1', sentAt: shanghai('2026-11-20T17:30:00'), events: events([reply, 'ack']) },
        { asOf: FAR_LATER },
      );
      expect(finding.points).toBe(points);
    },
  );
});

describe('what counts as the first response', () => {
  it.each([
    { case: 'an auto_ack before the human ack', kinds: ['auto_ack', 'ack'], points: 80 },
    { case: 'a buyer note before the vendor ack', kinds: ['info_provided', 'ack'], points: 80 },
    { case: 'a hand-off as the first vendor event', kinds: ['handoff', 'ack'], points: 100 },
    { case: 'an escalation as the first vendor event', kinds: ['escalation', 'ack'], points: 100 },
    { case: 'a status update as the first vendor event', kinds: ['status_update', 'ack'], points: 100 },
  ])('when the probe has $case (10:05 then 11:30), then it earns $points', ({ kinds, points }) => {
    const [first = 'ack', second = 'ack'] = kinds;
    const finding = responseOf(
      {
        severity: 'P1',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events([shanghai('2026-11-20T10:05:00'), first], [shanghai('2026-11-20T11:30:00'), second]),
      },
      { asOf: FAR_LATER },
    );
    expect(finding.points).toBeCloseTo(points, 6);
  });

  it('when only an auto_ack arrived and 4× the target has passed, then the probe counts 0', () => {
    const finding = responseOf(
      {
        severity: 'P1',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events([shanghai('2026-11-20T10:01:00'), 'auto_ack']),
      },
      { asOf: shanghai('2026-11-20T14:01:00') },
    );
    expect(finding).toMatchObject({ status: 'counted', points: 0 });
  });

  it('when only an auto_ack arrived and 4× the target has not passed, then the probe is pending', () => {
    const finding = responseOf(
      {
        severity: 'P1',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events([shanghai('2026-11-20T10:01:00'), 'auto_ack']),
      },
      { asOf: shanghai('2026-11-20T13:00:00') },
    );
    expect(finding).toMatchObject({ status: 'pending', points: null });
  });
});

describe('responsiveness on a business clock (trial calendar Mon–Fri 09:00–18:00)', () => {
  it.each([
    { reply: shanghai('2026-11-20T17:59:00'), business: 59, points: 100 },
    { reply: shanghai('2026-11-21T12:00:00'), business: 60, points: 100 },
    { reply: shanghai('2026-11-23T12:00:00'), business: 240, points: 100 },
    { reply: shanghai('2026-11-23T12:01:00'), business: 241, points: 100 - 40 / 240 },
    { reply: shanghai('2026-11-23T13:00:00'), business: 300, points: 90 },
    { reply: shanghai('2026-11-23T16:00:00'), business: 480, points: 60 },
    { reply: shanghai('2026-11-24T09:00:00'), business: 600, points: 45 },
    { reply: shanghai('2026-11-24T15:00:00'), business: 960, points: 0 },
  ])(
    'when a P2 sent Friday 17:00 is answered at $reply ($business business min), then it earns $points',
    ({ reply, business, points }) => {
      const finding = responseOf(
        { severity: 'P2', sentAt: shanghai('2026-11-20T17:00:00'), events: events([reply, 'ack']) },
        { asOf: FAR_LATER },
      );
      expect(finding.points).toBeCloseTo(points, 6);
      expect(finding.facts['minutes']).toBeCloseTo(business, 6);
    },
  );

  it.each([
    { reply: shanghai('2026-11-23T09:30:00'), points: 100 },
    { reply: shanghai('2026-11-23T13:00:00'), points: 100 },
    { reply: shanghai('2026-11-23T15:00:00'), points: 80 },
  ])(
    'when a P2 sent on Saturday is answered at $reply, then the clock starts Monday 09:00 ($points)',
    ({ reply, points }) => {
      const finding = responseOf(
        { severity: 'P2', sentAt: shanghai('2026-11-21T10:00:00'), events: events([reply, 'ack']) },
        { asOf: FAR_LATER },
      );
      expect(finding.points).toBeCloseTo(points, 6);
    },
  );

  it.each([
    { reply: shanghai('2026-11-23T17:00:00'), points: 100 },
    { reply: shanghai('2026-11-23T18:00:00'), points: 95 },
    { reply: shanghai('2026-11-24T09:00:00'), points: 95 },
    { reply: shanghai('2026-11-24T13:00:00'), points: 75 },
  ])(
    'when a P3 (480 business min) sent Monday 09:00 is answered at $reply, then it earns $points',
    ({ reply, points }) => {
      const finding = responseOf(
        { severity: 'P3', sentAt: shanghai('2026-11-23T09:00:00'), events: events([reply, 'ack']) },
        { asOf: FAR_LATER },
      );
      expect(finding.points).toBeCloseTo(points, 6);
    },
  );

  it.each([
    {
      calendar: 'the default calendar',
      holidays: [],
      extraWorkdays: [],
      reply: '2026-11-24T10:30:00',
      points: 33.75,
    },
    {
      calendar: 'Monday a holiday',
      holidays: ['2026-11-23'],
      extraWorkdays: [],
      reply: '2026-11-24T10:30:00',
      points: 100,
    },
    {
      calendar: 'the default calendar',
      holidays: [],
      extraWorkdays: [],
      reply: '2026-11-21T13:00:00',
      points: 100,
    },
    {
      calendar: 'Saturday an extra workday',
      holidays: [],
      extraWorkdays: ['2026-11-21'],
      reply: '2026-11-21T13:00:00',
      points: 90,
    },
  ])(
    'when the trial calendar has $calendar and a P2 sent Friday 17:00 is answered at $reply, then it earns $points',
    ({ holidays, extraWorkdays, reply, points }) => {
      const calendar = { ...defaultCalendar('Asia/Shanghai'), holidays, extraWorkdays };
      const finding = responseOf(
        { severity: 'P2', sentAt: shanghai('2026-11-20T17:00:00'), events: events([shanghai(reply), 'ack']) },
        { asOf: FAR_LATER, trial: { calendar } },
      );
      expect(finding.points).toBeCloseTo(points, 6);
    },
  );

  it.each([
    // Fri 17:00 Berlin → Mon 12:00 Berlin: 60 + 180 = 240 business min.
    { timezone: 'Europe/Berlin', points: 100 },
    // The same instants are Sat 00:00 → Mon 19:00 in Shanghai: 540 business min, r = 2.25.
    { timezone: 'Asia/Shanghai', points: 52.5 },
  ])(
    'when the trial is in $timezone, then business minutes follow the trial timezone ($points)',
    ({ timezone, points }) => {
      const finding = responseOf(
        {
          severity: 'P2',
          sentAt: '2026-11-20T16:00:00Z',
          events: events(['2026-11-23T11:00:00Z', 'ack']),
        },
        { asOf: FAR_LATER, trial: { timezone } },
      );
      expect(finding.points).toBeCloseTo(points, 6);
    },
  );

  it("when the vendor has round-the-clock support hours, then responsiveness still uses the trial's calendar", () => {
    const supportHours = {
      ...defaultCalendar('Asia/Shanghai'),
      days: [1, 2, 3, 4, 5, 6, 7],
      start: '00:00',
      end: '24:00',
    };
    const finding = responseOf(
      {
        severity: 'P2',
        sentAt: shanghai('2026-11-20T17:00:00'),
        events: events([shanghai('2026-11-23T12:00:00'), 'ack']),
      },
      { asOf: FAR_LATER, vendor: { supportHours } },
    );
    expect(finding.points).toBe(100);
    expect(finding.facts['minutes']).toBe(240);
  });

  it.each([
    { clock: 'calendar' as const, points: 0 },
    { clock: 'business' as const, points: 100 },
  ])(
    'when the trial puts P1 on the $clock clock and a Friday 17:30 probe is answered Monday 09:30, then it earns $points',
    ({ clock, points }) => {
      const targets = { ...DEFAULT_TARGETS, P1: { ...DEFAULT_TARGETS.P1, clock } };
      const finding = responseOf(
        {
          severity: 'P1',
          sentAt: shanghai('2026-11-20T17:30:00'),
          events: events([shanghai('2026-11-23T09:30:00'), 'ack']),
        },
        { asOf: FAR_LATER, trial: { targets } },
      );
      expect(finding.points).toBe(points);
    },
  );
});

describe('unanswered probes', () => {
  it.each([
    { asOf: '2026-11-20T10:00:00', status: 'pending', points: null },
    { asOf: '2026-11-20T11:00:00', status: 'pending', points: null },
    { asOf: '2026-11-20T14:00:00', status: 'pending', points: null },
    { asOf: '2026-11-20T14:00:00.001', status: 'counted', points: 0 },
    { asOf: '2026-11-20T14:01:00', status: 'counted', points: 0 },
    { asOf: '2026-11-23T10:00:00', status: 'counted', points: 0 },
  ])(
    'when a P1 sent at 10:00 is unanswered as of $asOf (4× target = 14:00), then it is $status',
    ({ asOf, status, points }) => {
      const finding = responseOf(
        { severity: 'P1', sentAt: shanghai('2026-11-20T10:00:00') },
        { asOf: shanghai(asOf) },
      );
      expect(finding.status).toBe(status);
      expect(finding.points).toBe(points);
    },
  );

  it.each([
    { asOf: '2026-11-22T12:00:00', elapsed: 60, status: 'pending' },
    { asOf: '2026-11-23T23:00:00', elapsed: 600, status: 'pending' },
    { asOf: '2026-11-24T15:00:00', elapsed: 960, status: 'pending' },
    { asOf: '2026-11-24T15:01:00', elapsed: 961, status: 'counted' },
  ])(
    'when a P2 sent Friday 17:00 is unanswered as of $asOf ($elapsed business min), then it is $status',
    ({ asOf, elapsed, status }) => {
      const finding = responseOf(
        { severity: 'P2', sentAt: shanghai('2026-11-20T17:00:00') },
        { asOf: shanghai(asOf) },
      );
      expect(finding.status).toBe(status);
      expect(finding.facts['elapsed']).toBe(elapsed);
      if (status === 'counted') expect(finding.points).toBe(0);
    },
  );

  it.each([
    { closing: 'closed_unresolved', extra: [] },
    { closing: 'confirmed_fixed', extra: [] },
    { closing: 'confirmed_workaround', extra: [] },
    { closing: 'closed_unresolved', extra: ['auto_ack'] },
  ])(
    'when the buyer records $closing without any vendor reply (extra vendor events: $extra), then it counts 0 at once',
    ({ closing, extra }) => {
      const finding = responseOf(
        {
          severity: 'P1',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events(...extra.map((kind): [string, string] => [shanghai('2026-11-20T10:01:00'), kind]), [
            shanghai('2026-11-20T10:10:00'),
            closing,
          ]),
        },
        { asOf: shanghai('2026-11-20T10:15:00') },
      );
      expect(finding).toMatchObject({ status: 'counted', points: 0, code: 'response.closed_unanswered' });
    },
  );

  it.each([
    { asOf: '2026-11-20T11:29:59', status: 'pending', points: null },
    { asOf: '2026-11-20T11:30:00', status: 'counted', points: 80 },
  ])(
    'when the 11:30 reply is after or at asOf $asOf, then the probe is $status',
    ({ asOf, status, points }) => {
      const finding = responseOf(
        {
          severity: 'P1',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai('2026-11-20T11:30:00'), 'ack']),
        },
        { asOf: shanghai(asOf) },
      );
      expect(finding.status).toBe(status);
      if (points === null) expect(finding.points).toBeNull();
      else expect(finding.points).toBeCloseTo(points, 6);
    },
  );
});

describe('responsiveness dimension', () => {
  it('when probes of several severities count, then the dimension is their severity-weighted mean', () => {
    const vendor = scoreSingleVendor(
      [
        // P0 answered in 10 min: 100 × 4
        {
          severity: 'P0',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai('2026-11-20T10:10:00'), 'ack']),
        },
        // P1 answered in 90 min: 80 × 3
        {
          severity: 'P1',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai('2026-11-20T11:30:00'), 'ack']),
        },
        // P2 answered after 480 business min: 60 × 2
        {
          severity: 'P2',
          sentAt: shanghai('2026-11-23T09:00:00'),
          events: events([shanghai('2026-11-23T17:00:00'), 'ack']),
        },
        // P3 unanswered, 60 business min elapsed: pending, not counted
        { severity: 'P3', sentAt: shanghai('2026-11-24T09:00:00') },
      ],
      { asOf: shanghai('2026-11-24T10:00:00') },
    );
    expect(vendor.dimensions.responsiveness.score).toBeCloseTo(760 / 9, 9);
    expect(vendor.dimensions.responsiveness).toMatchObject({ counted: 3, pending: 1 });
  });

  it('when a P0 earns 100 and a P3 is closed unanswered, then the dimension is (4 × 100 + 1 × 0) / 5', () => {
    const vendor = scoreSingleVendor(
      [
        {
          severity: 'P0',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai('2026-11-20T10:05:00'), 'ack']),
        },
        {
          severity: 'P3',
          sentAt: shanghai('2026-11-20T10:00:00'),
          events: events([shanghai('2026-11-20T11:00:00'), 'closed_unresolved']),
        },
      ],
      { asOf: shanghai('2026-11-20T12:00:00') },
    );
    expect(vendor.dimensions.responsiveness.score).toBeCloseTo(80, 9);
  });

  it('when every probe is pending, then the dimension is not measured (null)', () => {
    const vendor = scoreSingleVendor([{ severity: 'P1', sentAt: shanghai('2026-11-20T10:00:00') }], {
      asOf: shanghai('2026-11-20T10:30:00'),
    });
    expect(vendor.dimensions.responsiveness).toEqual({ score: null, counted: 0, pending: 1 });
  });
});
