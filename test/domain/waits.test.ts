import { describe, expect, it } from 'vitest';
import { deriveProbeMetrics } from '../../src/domain/metrics.js';
import { CalendarSchema, type Calendar } from '../../src/domain/schemas.js';
import { BusinessClock, CALENDAR_CLOCK, type SlaClock } from '../../src/domain/time.js';
import {
  effectiveMinutesBetween,
  effectiveSpan,
  openWait,
  probeWaits,
  waitingMinutesBetween,
  type Wait,
} from '../../src/domain/waits.js';
import { buildProbe, events } from '../factories.js';

/**
 * SPEC §4 "waits" and §5.2: a vendor `info_request` opens a wait when none is open; the next
 * buyer `info_provided`, `confirmed_fixed`, `confirmed_workaround` or `closed_unresolved`
 * (time order, then recorded order) ends it; anything else leaves it open; a wait still open
 * ends at asOf. Times are Asia/Shanghai (+08:00); 2026-11-20 is a Friday.
 */
const at = (local: string) => `2026-11-20T${local}:00+08:00`;
const ms = (local: string) => Date.parse(at(local));
type Spec = [local: string, kind: string];

/** A wait as [start, end, open] in local "HH:MM" for reading the tables. */
function shape(wait: Wait): [string, string, boolean] {
  const local = (value: number) => new Date(value + 8 * 3_600_000).toISOString().slice(11, 16);
  return [local(wait.startMs), local(wait.endMs), wait.open];
}

function waitsOf(specs: Spec[], asOf = '23:00'): [string, string, boolean][] {
  const timeline = events(...specs.map(([local, kind]): [string, string] => [at(local), kind]));
  return probeWaits(timeline, ms(asOf)).map(shape);
}

describe('probeWaits', () => {
  it.each<[string, Spec[], [string, string, boolean][]]>([
    [
      'no info request',
      [
        ['10:00', 'ack'],
        ['11:00', 'info_provided'],
      ],
      [],
    ],
    [
      'an info request answered',
      [
        ['10:00', 'info_request'],
        ['12:00', 'info_provided'],
      ],
      [['10:00', '12:00', false]],
    ],
    [
      'a second info request inside an open wait (nested)',
      [
        ['10:00', 'info_request'],
        ['11:00', 'info_request'],
        ['12:00', 'info_provided'],
      ],
      [['10:00', '12:00', false]],
    ],
    [
      'a note and an escalation request inside a wait',
      [
        ['10:00', 'info_request'],
        ['10:30', 'note'],
        ['11:00', 'escalation_request'],
        ['11:30', 'status_update'],
        ['12:00', 'info_provided'],
      ],
      [['10:00', '12:00', false]],
    ],
    [
      'a reopened inside a wait',
      [
        ['10:00', 'info_request'],
        ['11:00', 'reopened'],
        ['12:00', 'info_provided'],
      ],
      [['10:00', '12:00', false]],
    ],
    ['an info request still unanswered at asOf', [['10:00', 'info_request']], [['10:00', '23:00', true]]],
    [
      'an answer after asOf',
      [
        ['10:00', 'info_request'],
        ['23:30', 'info_provided'],
      ],
      [['10:00', '23:00', true]],
    ],
    ['an info request after asOf', [['23:30', 'info_request']], []],
    [
      'a wait opened and ended by confirmed_fixed',
      [
        ['10:00', 'info_request'],
        ['12:00', 'confirmed_fixed'],
      ],
      [['10:00', '12:00', false]],
    ],
    [
      'a wait ended by confirmed_workaround',
      [
        ['10:00', 'info_request'],
        ['12:00', 'confirmed_workaround'],
      ],
      [['10:00', '12:00', false]],
    ],
    [
      'a wait ended by closed_unresolved',
      [
        ['10:00', 'info_request'],
        ['12:00', 'closed_unresolved'],
      ],
      [['10:00', '12:00', false]],
    ],
    [
      'an answer with no request open',
      [
        ['09:30', 'info_provided'],
        ['10:00', 'info_request'],
        ['11:00', 'info_provided'],
      ],
      [['10:00', '11:00', false]],
    ],
    [
      'two waits one after the other',
      [
        ['10:00', 'info_request'],
        ['11:00', 'info_provided'],
        ['13:00', 'info_request'],
        ['14:30', 'info_provided'],
      ],
      [
        ['10:00', '11:00', false],
        ['13:00', '14:30', false],
      ],
    ],
    [
      'an answer recorded after the request at the same instant',
      [
        ['10:00', 'info_request'],
        ['10:00', 'info_provided'],
      ],
      [['10:00', '10:00', false]],
    ],
    [
      'an answer recorded before the request at the same instant',
      [
        ['10:00', 'info_provided'],
        ['10:00', 'info_request'],
      ],
      [['10:00', '23:00', true]],
    ],
    [
      'a later answer after an answer recorded before the request at the same instant',
      [
        ['10:00', 'info_provided'],
        ['10:00', 'info_request'],
        ['12:00', 'info_provided'],
      ],
      [['10:00', '12:00', false]],
    ],
  ])('when %s, then the waits are as listed', (_case, specs, expected) => {
    expect(waitsOf(specs)).toEqual(expected);
  });

  it('when a wait is open at asOf, then it is the open wait and the probe is waiting on us', () => {
    const probe = buildProbe({
      sentAt: at('09:00'),
      events: events([at('10:00'), 'ack'], [at('10:30'), 'info_request'], [at('11:00'), 'note']),
    });
    const metrics = deriveProbeMetrics(probe, ms('15:00'));
    expect(metrics.waitingOnUs).toBe(true);
    expect(openWait(metrics.waits)).toMatchObject({
      startMs: ms('10:30'),
      endMs: ms('15:00'),
      open: true,
      endEventId: null,
    });
  });

  it('when the wait was answered before asOf, then the probe is not waiting on us', () => {
    const timeline = events([at('10:30'), 'info_request'], [at('11:00'), 'info_provided']);
    const probe = buildProbe({ sentAt: at('09:00'), events: timeline });
    const metrics = deriveProbeMetrics(probe, ms('15:00'));
    expect(metrics.waitingOnUs).toBe(false);
    expect(metrics.waits).toEqual([
      {
        startMs: ms('10:30'),
        endMs: ms('11:00'),
        open: false,
        startEventId: timeline[0]?.id,
        endEventId: timeline[1]?.id,
      },
    ]);
  });

  it('when asOf falls inside an answered wait, then the wait is open as it stood then', () => {
    const probe = buildProbe({
      sentAt: at('09:00'),
      events: events([at('10:30'), 'info_request'], [at('12:00'), 'info_provided']),
    });
    expect(deriveProbeMetrics(probe, ms('11:00'))).toMatchObject({ waitingOnUs: true });
  });
});

/** Business calendars for the clock cases. */
const calendar = (overrides: Partial<Calendar>): Calendar =>
  CalendarSchema.parse({
    timezone: 'Asia/Shanghai',
    days: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '18:00',
    holidays: [],
    extraWorkdays: [],
    ...overrides,
  });
const SHANGHAI_WEEKDAYS = new BusinessClock(calendar({}));
/** Europe/Berlin, every Sunday 00:00–06:00: on 2026-03-29 the clocks jump 02:00 → 03:00, a 5 h window. */
const BERLIN_SUNDAY_NIGHTS = new BusinessClock(
  calendar({ timezone: 'Europe/Berlin', days: [7], start: '00:00', end: '06:00' }),
);
/** Europe/Berlin, every day round the clock: on 2026-10-25 the clocks go back, a 25 h day. */
const BERLIN_ALWAYS = new BusinessClock(
  calendar({ timezone: 'Europe/Berlin', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }),
);

const span = (start: string, end: string): Wait => ({
  startMs: Date.parse(start),
  endMs: Date.parse(end),
  open: false,
  startEventId: 'request',
  endEventId: 'answer',
});

describe('waiting and effective minutes on a clock', () => {
  it.each<[string, SlaClock, [string, string], Wait[], number, number]>([
    [
      'a calendar wait fully inside the span',
      CALENDAR_CLOCK,
      ['2026-11-20T10:00:00+08:00', '2026-11-21T16:00:00+08:00'],
      [span('2026-11-20T18:30:00+08:00', '2026-11-21T15:00:00+08:00')],
      1230,
      1800 - 1230,
    ],
    [
      'a business wait across a weekend (Fri 17:00 → Mon 10:00)',
      SHANGHAI_WEEKDAYS,
      ['2026-11-20T09:00:00+08:00', '2026-11-23T18:00:00+08:00'],
      [span('2026-11-20T17:00:00+08:00', '2026-11-23T10:00:00+08:00')],
      120,
      1080 - 120,
    ],
    [
      'a business wait only partly inside the span: counted inside the overlap',
      SHANGHAI_WEEKDAYS,
      ['2026-11-20T12:00:00+08:00', '2026-11-23T12:00:00+08:00'],
      [span('2026-11-20T10:00:00+08:00', '2026-11-20T14:00:00+08:00')],
      120,
      540 - 120,
    ],
    [
      'a wait wholly outside the span',
      SHANGHAI_WEEKDAYS,
      ['2026-11-20T12:00:00+08:00', '2026-11-20T14:00:00+08:00'],
      [span('2026-11-20T15:00:00+08:00', '2026-11-20T16:00:00+08:00')],
      0,
      120,
    ],
    [
      'a business wait across the spring DST jump (a 5 h Sunday window)',
      BERLIN_SUNDAY_NIGHTS,
      ['2026-03-28T12:00:00+01:00', '2026-03-30T12:00:00+02:00'],
      [span('2026-03-28T20:00:00+01:00', '2026-03-29T12:00:00+02:00')],
      300,
      0,
    ],
    [
      'a round-the-clock business wait across the autumn DST change (a 25 h day)',
      BERLIN_ALWAYS,
      ['2026-10-24T12:00:00+02:00', '2026-10-26T12:00:00+01:00'],
      [span('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')],
      1500,
      2940 - 1500,
    ],
    [
      'a calendar wait across the autumn DST change',
      CALENDAR_CLOCK,
      ['2026-10-24T12:00:00+02:00', '2026-10-26T12:00:00+01:00'],
      [span('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')],
      1500,
      2940 - 1500,
    ],
    [
      'instants to the second: the effective minutes come out exact (not 0.9999999999999999)',
      CALENDAR_CLOCK,
      ['2026-11-20T10:00:00+08:00', '2026-11-20T10:01:01+08:00'],
      [span('2026-11-20T10:00:30+08:00', '2026-11-20T10:00:31+08:00')],
      1 / 60,
      1,
    ],
    [
      'two waits in the span',
      CALENDAR_CLOCK,
      ['2026-11-20T10:00:00+08:00', '2026-11-20T14:00:00+08:00'],
      [
        span('2026-11-20T10:30:00+08:00', '2026-11-20T11:00:00+08:00'),
        span('2026-11-20T13:00:00+08:00', '2026-11-20T15:00:00+08:00'),
      ],
      90,
      150,
    ],
  ])(
    'when %s, then the waiting and effective minutes are as listed',
    (_case, clock, [from, to], waits, waited, effective) => {
      const fromMs = Date.parse(from);
      const toMs = Date.parse(to);
      expect(waitingMinutesBetween(clock, fromMs, toMs, waits)).toBe(waited);
      expect(effectiveMinutesBetween(clock, fromMs, toMs, waits)).toBe(effective);
      expect(effectiveSpan(clock, fromMs, toMs, waits)).toEqual({
        minutes: effective,
        waitedMinutes: waited,
      });
    },
  );

  it('when the span is empty or backwards, then nothing is left out', () => {
    const waits = [span('2026-11-20T10:00:00+08:00', '2026-11-20T12:00:00+08:00')];
    const t = Date.parse('2026-11-20T11:00:00+08:00');
    expect(effectiveSpan(CALENDAR_CLOCK, t, t, waits)).toEqual({ minutes: 0, waitedMinutes: 0 });
    expect(effectiveSpan(CALENDAR_CLOCK, t, t - 60_000, waits)).toEqual({ minutes: -1, waitedMinutes: 0 });
  });
});
