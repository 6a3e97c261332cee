import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CalendarSchema, type Calendar } from '../../src/domain/schemas.js';
import {
  BusinessClock,
  CALENDAR_CLOCK,
  calendarMinutesBetween,
  clockFor,
  localToInstant,
} from '../../src/domain/time.js';

/**
 * SPEC §3, boundary by boundary. Every expected value is worked out by hand from the zone's
 * offsets (Asia/Shanghai is +08:00 all year) and written inline.
 */

/** A calendar as stored: through its schema. Default: the trial default in Asia/Shanghai. */
function buildCalendar(overrides: Partial<Calendar> = {}): Calendar {
  return CalendarSchema.parse({
    timezone: 'Asia/Shanghai',
    days: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '18:00',
    holidays: [],
    extraWorkdays: [],
    ...overrides,
  });
}

const ms = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();

/** Table rows with full titles: vitest's `$field` quotes strings and cuts them at 40 characters. */
function titled<Row>(rows: Row[], title: (row: Row) => string): [string, Row][] {
  return rows.map((row) => [title(row), row]);
}

interface Span {
  when: string;
  from: string;
  to: string;
  minutes: number;
}

interface Addition {
  when: string;
  from: string;
  add: number;
  result: string;
}

function expectSpans(calendar: Calendar, spans: Span[]) {
  it.each(titled(spans, (row) => `when ${row.when}, then it counts ${row.minutes} business minutes`))(
    '%s',
    (_title, { from, to, minutes }) => {
      const clock = new BusinessClock(calendar);

      const counted = clock.minutesBetween(ms(from), ms(to));

      expect(counted).toBeCloseTo(minutes, 9);
    },
  );
}

function expectAdditions(calendar: Calendar, additions: Addition[]) {
  it.each(titled(additions, (row) => `when ${row.when}, then the clock reaches ${row.result}`))(
    '%s',
    (_title, { from, add, result }) => {
      const clock = new BusinessClock(calendar);

      const reached = clock.addMinutes(ms(from), add);

      expect(iso(reached)).toBe(iso(ms(result)));
    },
  );
}

describe('calendarMinutesBetween', () => {
  it.each(
    titled(
      [
        {
          when: 'the span is 25 minutes',
          from: '2026-11-20T10:00:00+08:00',
          to: '2026-11-20T10:25:00+08:00',
          minutes: 25,
        },
        {
          when: 'both instants are equal',
          from: '2026-11-20T10:00:00Z',
          to: '2026-11-20T10:00:00Z',
          minutes: 0,
        },
        {
          when: 'the span is 30 seconds',
          from: '2026-11-20T10:00:00Z',
          to: '2026-11-20T10:00:30Z',
          minutes: 0.5,
        },
        {
          when: 'to is before from',
          from: '2026-11-20T12:00:00Z',
          to: '2026-11-20T10:00:00Z',
          minutes: -120,
        },
        {
          when: 'the span crosses a weekend',
          from: '2026-11-20T16:00:00+08:00',
          to: '2026-11-23T12:00:00+08:00',
          minutes: 4080,
        },
        {
          when: 'the offsets of the two ends differ',
          from: '2026-11-20T10:00:00+08:00',
          to: '2026-11-20T03:00:00Z',
          minutes: 60,
        },
        {
          when: 'the span crosses the New York spring-forward gap',
          from: '2026-03-08T00:00:00-05:00',
          to: '2026-03-08T06:00:00-04:00',
          minutes: 300,
        },
      ],
      (row) => `when ${row.when}, then it is ${row.minutes} minutes`,
    ),
  )('%s', (_title, { from, to, minutes }) => {
    expect(calendarMinutesBetween(ms(from), ms(to))).toBe(minutes);
  });
});

describe('clockFor', () => {
  const business = new BusinessClock(buildCalendar());

  it('when the clock is business, then it is the business calendar itself', () => {
    expect(clockFor('business', business)).toBe(business);
  });

  it('when the clock is calendar, then it counts plain elapsed time over nights and weekends', () => {
    const clock = clockFor('calendar', business);

    expect(clock).toBe(CALENDAR_CLOCK);
    expect(clock.minutesBetween(ms('2026-11-20T17:00:00+08:00'), ms('2026-11-23T10:30:00+08:00'))).toBe(3930);
    expect(iso(clock.addMinutes(ms('2026-11-20T17:00:00+08:00'), 3930))).toBe('2026-11-23T02:30:00.000Z');
  });

  it('when the business clock is chosen, then the same span counts only working minutes', () => {
    const clock = clockFor('business', business);

    expect(clock.minutesBetween(ms('2026-11-20T17:00:00+08:00'), ms('2026-11-23T10:30:00+08:00'))).toBe(150);
  });
});

describe('localToInstant', () => {
  const dayNumber = (date: string) => ms(`${date}T00:00:00Z`) / 86_400_000;
  const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

  it.each(
    titled(
      [
        {
          when: 'Shanghai 09:00',
          zone: 'Asia/Shanghai',
          date: '2026-11-20',
          time: '09:00',
          instant: '2026-11-20T01:00:00.000Z',
        },
        {
          when: 'Shanghai 24:00 (the next midnight)',
          zone: 'Asia/Shanghai',
          date: '2026-11-20',
          time: '24:00',
          instant: '2026-11-20T16:00:00.000Z',
        },
        {
          when: 'UTC midnight',
          zone: 'UTC',
          date: '2026-11-20',
          time: '00:00',
          instant: '2026-11-20T00:00:00.000Z',
        },
        {
          when: 'New York 01:59 just before the spring-forward gap',
          zone: 'America/New_York',
          date: '2026-03-08',
          time: '01:59',
          instant: '2026-03-08T06:59:00.000Z',
        },
        {
          when: 'New York 02:00, the first skipped minute (moves to 03:00 EDT)',
          zone: 'America/New_York',
          date: '2026-03-08',
          time: '02:00',
          instant: '2026-03-08T07:00:00.000Z',
        },
        {
          when: 'New York 02:30 inside the gap (moves to 03:30 EDT)',
          zone: 'America/New_York',
          date: '2026-03-08',
          time: '02:30',
          instant: '2026-03-08T07:30:00.000Z',
        },
        {
          when: 'New York 03:00 right after the gap',
          zone: 'America/New_York',
          date: '2026-03-08',
          time: '03:00',
          instant: '2026-03-08T07:00:00.000Z',
        },
        {
          when: 'New York 06:00 on the spring-forward day',
          zone: 'America/New_York',
          date: '2026-03-08',
          time: '06:00',
          instant: '2026-03-08T10:00:00.000Z',
        },
        {
          when: 'New York 24:00 the evening before spring forward',
          zone: 'America/New_York',
          date: '2026-03-07',
          time: '24:00',
          instant: '2026-03-08T05:00:00.000Z',
        },
        {
          when: 'New York 01:30, repeated at fall back (earlier, EDT)',
          zone: 'America/New_York',
          date: '2026-11-01',
          time: '01:30',
          instant: '2026-11-01T05:30:00.000Z',
        },
        {
          when: 'Berlin 01:59 before the repeated hour',
          zone: 'Europe/Berlin',
          date: '2026-10-25',
          time: '01:59',
          instant: '2026-10-24T23:59:00.000Z',
        },
        {
          when: 'Berlin 02:00, repeated (earlier, CEST)',
          zone: 'Europe/Berlin',
          date: '2026-10-25',
          time: '02:00',
          instant: '2026-10-25T00:00:00.000Z',
        },
        {
          when: 'Berlin 02:30, repeated (earlier, CEST)',
          zone: 'Europe/Berlin',
          date: '2026-10-25',
          time: '02:30',
          instant: '2026-10-25T00:30:00.000Z',
        },
        {
          when: 'Berlin 03:00 after the repeated hour (CET)',
          zone: 'Europe/Berlin',
          date: '2026-10-25',
          time: '03:00',
          instant: '2026-10-25T02:00:00.000Z',
        },
        {
          when: 'Berlin 02:30 in the spring gap (moves to 03:30 CEST)',
          zone: 'Europe/Berlin',
          date: '2026-03-29',
          time: '02:30',
          instant: '2026-03-29T01:30:00.000Z',
        },
        {
          when: 'Lord Howe 02:15 in its half-hour gap (moves to 02:45 +11)',
          zone: 'Australia/Lord_Howe',
          date: '2026-10-04',
          time: '02:15',
          instant: '2026-10-03T15:45:00.000Z',
        },
        {
          when: 'Lord Howe 01:45, repeated half hour (earlier, +11)',
          zone: 'Australia/Lord_Howe',
          date: '2026-04-05',
          time: '01:45',
          instant: '2026-04-04T14:45:00.000Z',
        },
        {
          when: 'Santiago 24:00 before the midnight gap (moves to 01:00 -03)',
          zone: 'America/Santiago',
          date: '2026-09-05',
          time: '24:00',
          instant: '2026-09-06T04:00:00.000Z',
        },
        {
          when: 'Santiago 00:30 inside the midnight gap (moves to 01:30 -03)',
          zone: 'America/Santiago',
          date: '2026-09-06',
          time: '00:30',
          instant: '2026-09-06T04:30:00.000Z',
        },
        {
          when: 'Santiago 23:30, repeated before midnight (earlier, -03)',
          zone: 'America/Santiago',
          date: '2026-04-04',
          time: '23:30',
          instant: '2026-04-05T02:30:00.000Z',
        },
      ],
      (row) => `when the local time is ${row.when}, then it maps to ${row.instant}`,
    ),
  )('%s', (_title, { zone, date, time, instant }) => {
    expect(iso(localToInstant(IANAZone.create(zone), dayNumber(date), minuteOf(time)))).toBe(instant);
  });
});

describe('BusinessClock on the default calendar (Mon–Fri 09:00–18:00, Asia/Shanghai)', () => {
  const calendar = buildCalendar();

  describe('minutesBetween', () => {
    expectSpans(calendar, [
      {
        when: 'the span starts exactly at the window start',
        from: '2026-11-23T09:00:00+08:00',
        to: '2026-11-23T10:00:00+08:00',
        minutes: 60,
      },
      {
        when: 'the span is the minute before the window start',
        from: '2026-11-23T08:59:00+08:00',
        to: '2026-11-23T09:00:00+08:00',
        minutes: 0,
      },
      {
        when: 'the span straddles the window start',
        from: '2026-11-23T08:59:00+08:00',
        to: '2026-11-23T09:01:00+08:00',
        minutes: 1,
      },
      {
        when: 'the span is the last minute of the window',
        from: '2026-11-23T17:59:00+08:00',
        to: '2026-11-23T18:00:00+08:00',
        minutes: 1,
      },
      {
        when: 'the span starts exactly at the window end',
        from: '2026-11-23T18:00:00+08:00',
        to: '2026-11-23T18:01:00+08:00',
        minutes: 0,
      },
      {
        when: 'the span straddles the window end by 30 seconds each side',
        from: '2026-11-23T17:59:30+08:00',
        to: '2026-11-23T18:00:30+08:00',
        minutes: 0.5,
      },
      {
        when: 'the span is exactly one window',
        from: '2026-11-23T09:00:00+08:00',
        to: '2026-11-23T18:00:00+08:00',
        minutes: 540,
      },
      {
        when: 'the span is a whole Monday, midnight to midnight',
        from: '2026-11-23T00:00:00+08:00',
        to: '2026-11-24T00:00:00+08:00',
        minutes: 540,
      },
      {
        when: 'the span is 30 seconds inside a window',
        from: '2026-11-23T12:00:00+08:00',
        to: '2026-11-23T12:00:30+08:00',
        minutes: 0.5,
      },
      {
        when: 'both ends are the same instant',
        from: '2026-11-23T12:00:00+08:00',
        to: '2026-11-23T12:00:00+08:00',
        minutes: 0,
      },
      {
        when: 'the span runs from Friday 17:00 over the weekend to Monday 10:30',
        from: '2026-11-20T17:00:00+08:00',
        to: '2026-11-23T10:30:00+08:00',
        minutes: 150,
      },
      {
        when: 'the span runs from Friday 17:00 to Tuesday 12:00',
        from: '2026-11-20T17:00:00+08:00',
        to: '2026-11-24T12:00:00+08:00',
        minutes: 780,
      },
      {
        when: 'the span lies inside a weekend',
        from: '2026-11-21T10:00:00+08:00',
        to: '2026-11-22T23:00:00+08:00',
        minutes: 0,
      },
      {
        when: 'the span runs from a Saturday to Monday 09:00',
        from: '2026-11-21T00:00:00+08:00',
        to: '2026-11-23T09:00:00+08:00',
        minutes: 0,
      },
      {
        when: 'the span is given in UTC',
        from: '2026-11-23T01:00:00Z',
        to: '2026-11-23T10:00:00Z',
        minutes: 540,
      },
      {
        when: 'the span is four whole weeks',
        from: '2026-11-02T09:00:00+08:00',
        to: '2026-11-30T09:00:00+08:00',
        minutes: 10800,
      },
      {
        when: 'the span is 51 whole weeks',
        from: '2026-01-05T00:00:00+08:00',
        to: '2026-12-28T00:00:00+08:00',
        minutes: 137700,
      },
      {
        when: 'from is after to (Monday 10:30 back to Friday 17:00)',
        from: '2026-11-23T10:30:00+08:00',
        to: '2026-11-20T17:00:00+08:00',
        minutes: -150,
      },
      {
        when: 'from is after to inside one window',
        from: '2026-11-23T10:00:00+08:00',
        to: '2026-11-23T09:00:00+08:00',
        minutes: -60,
      },
    ]);
  });

  describe('addMinutes', () => {
    expectAdditions(calendar, [
      {
        when: '60 minutes are added at the window start',
        from: '2026-11-23T09:00:00+08:00',
        add: 60,
        result: '2026-11-23T10:00:00+08:00',
      },
      {
        when: '60 minutes are added before the window opens',
        from: '2026-11-23T08:00:00+08:00',
        add: 60,
        result: '2026-11-23T10:00:00+08:00',
      },
      {
        when: '60 minutes are added one minute before the window opens',
        from: '2026-11-23T08:59:00+08:00',
        add: 60,
        result: '2026-11-23T10:00:00+08:00',
      },
      {
        when: 'the window has exactly the minutes left (the earliest instant is its end)',
        from: '2026-11-23T17:00:00+08:00',
        add: 60,
        result: '2026-11-23T18:00:00+08:00',
      },
      {
        when: 'one minute more than the window has left is added',
        from: '2026-11-23T17:00:00+08:00',
        add: 61,
        result: '2026-11-24T09:01:00+08:00',
      },
      {
        when: 'one minute is added exactly at the window end',
        from: '2026-11-23T18:00:00+08:00',
        add: 1,
        result: '2026-11-24T09:01:00+08:00',
      },
      {
        when: '150 minutes are added on Friday 17:00',
        from: '2026-11-20T17:00:00+08:00',
        add: 150,
        result: '2026-11-23T10:30:00+08:00',
      },
      {
        when: 'one minute is added on Friday at the window end',
        from: '2026-11-20T18:00:00+08:00',
        add: 1,
        result: '2026-11-23T09:01:00+08:00',
      },
      {
        when: 'a whole window is added on a Saturday',
        from: '2026-11-21T10:00:00+08:00',
        add: 540,
        result: '2026-11-23T18:00:00+08:00',
      },
      {
        when: 'half a minute is added',
        from: '2026-11-23T09:00:00+08:00',
        add: 0.5,
        result: '2026-11-23T09:00:30+08:00',
      },
      {
        when: 'zero minutes are added outside the window',
        from: '2026-11-21T10:00:00+08:00',
        add: 0,
        result: '2026-11-21T10:00:00+08:00',
      },
      {
        when: 'four weeks of working minutes are added',
        from: '2026-11-02T09:00:00+08:00',
        add: 10800,
        result: '2026-11-27T18:00:00+08:00',
      },
      {
        when: '51 weeks of working minutes are added',
        from: '2026-01-05T00:00:00+08:00',
        add: 137700,
        result: '2026-12-25T18:00:00+08:00',
      },
    ]);
  });

  it('when one clock answers a later query before an earlier one, then both answers are right', () => {
    const clock = new BusinessClock(calendar);

    expect(clock.minutesBetween(ms('2027-06-07T09:00:00+08:00'), ms('2027-06-07T12:00:00+08:00'))).toBe(180);
    expect(clock.minutesBetween(ms('2026-11-20T17:00:00+08:00'), ms('2026-11-23T10:30:00+08:00'))).toBe(150);
    expect(iso(clock.addMinutes(ms('2026-11-20T17:00:00+08:00'), 61))).toBe('2026-11-23T01:01:00.000Z');
    expect(clock.minutesBetween(ms('2027-06-07T09:00:00+08:00'), ms('2027-06-07T12:00:00+08:00'))).toBe(180);
  });
});

describe('BusinessClock with holidays and extra workdays', () => {
  describe('a holiday on Monday 2026-11-23', () => {
    const calendar = buildCalendar({ holidays: ['2026-11-23'] });

    expectSpans(calendar, [
      {
        when: 'the span covers the holiday Monday',
        from: '2026-11-23T09:00:00+08:00',
        to: '2026-11-23T18:00:00+08:00',
        minutes: 0,
      },
      {
        when: 'the span runs from Friday 17:00 over the weekend and the holiday to Tuesday 10:00',
        from: '2026-11-20T17:00:00+08:00',
        to: '2026-11-24T10:00:00+08:00',
        minutes: 120,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: 'one minute more than Friday has left is added',
        from: '2026-11-20T17:00:00+08:00',
        add: 61,
        result: '2026-11-24T09:01:00+08:00',
      },
    ]);
  });

  describe('a Chinese calendar: National Day 2026-10-01..07 off, Sun 09-27 and Sat 10-10 worked', () => {
    const calendar = buildCalendar({
      timezone: 'Asia/Shanghai',
      holidays: [
        '2026-10-01',
        '2026-10-02',
        '2026-10-03',
        '2026-10-04',
        '2026-10-05',
        '2026-10-06',
        '2026-10-07',
      ],
      extraWorkdays: ['2026-09-27', '2026-10-10'],
    });

    expectSpans(calendar, [
      {
        when: 'the span is the make-up Sunday 09-27, window start to end',
        from: '2026-09-27T09:00:00+08:00',
        to: '2026-09-27T18:00:00+08:00',
        minutes: 540,
      },
      {
        when: 'the span straddles the make-up Sunday window start',
        from: '2026-09-27T08:59:00+08:00',
        to: '2026-09-27T09:01:00+08:00',
        minutes: 1,
      },
      {
        when: 'the span starts exactly at the make-up Sunday window end',
        from: '2026-09-27T18:00:00+08:00',
        to: '2026-09-27T23:00:00+08:00',
        minutes: 0,
      },
      {
        when: 'the span runs from Saturday 09-26 to Monday 09-28 midnight',
        from: '2026-09-26T00:00:00+08:00',
        to: '2026-09-28T00:00:00+08:00',
        minutes: 540,
      },
      {
        when: 'the span is the holiday week itself, weekdays included',
        from: '2026-10-01T00:00:00+08:00',
        to: '2026-10-08T00:00:00+08:00',
        minutes: 0,
      },
      {
        when: 'the span runs from Wed 09-30 17:00 over the holiday week to Thu 10-08 10:00',
        from: '2026-09-30T17:00:00+08:00',
        to: '2026-10-08T10:00:00+08:00',
        minutes: 120,
      },
      {
        when: 'the span runs from Fri 10-09 17:00 over the make-up Saturday to Mon 10-12 10:00',
        from: '2026-10-09T17:00:00+08:00',
        to: '2026-10-12T10:00:00+08:00',
        minutes: 660,
      },
      {
        when: 'the span is the make-up Saturday 10-10 alone',
        from: '2026-10-10T00:00:00+08:00',
        to: '2026-10-11T00:00:00+08:00',
        minutes: 540,
      },
      {
        when: 'the span is Sun 09-27 to Mon 10-12 (seven working days)',
        from: '2026-09-27T00:00:00+08:00',
        to: '2026-10-12T00:00:00+08:00',
        minutes: 3780,
      },
      {
        when: 'the span is four weeks from Mon 09-21 (17 working days)',
        from: '2026-09-21T00:00:00+08:00',
        to: '2026-10-19T00:00:00+08:00',
        minutes: 9180,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: 'one minute is added on the Saturday before the make-up Sunday',
        from: '2026-09-26T10:00:00+08:00',
        add: 1,
        result: '2026-09-27T09:01:00+08:00',
      },
      {
        when: '120 minutes are added on Wed 09-30 17:00',
        from: '2026-09-30T17:00:00+08:00',
        add: 120,
        result: '2026-10-08T10:00:00+08:00',
      },
      {
        when: 'one minute is added inside the holiday week',
        from: '2026-10-01T12:00:00+08:00',
        add: 1,
        result: '2026-10-08T09:01:00+08:00',
      },
      {
        when: '120 minutes are added on Fri 10-09 17:00',
        from: '2026-10-09T17:00:00+08:00',
        add: 120,
        result: '2026-10-10T10:00:00+08:00',
      },
      {
        when: 'a whole window is added at Fri 10-09 18:00',
        from: '2026-10-09T18:00:00+08:00',
        add: 540,
        result: '2026-10-10T18:00:00+08:00',
      },
    ]);
  });

  describe('the same dates without the make-up days', () => {
    const calendar = buildCalendar({
      holidays: [
        '2026-10-01',
        '2026-10-02',
        '2026-10-03',
        '2026-10-04',
        '2026-10-05',
        '2026-10-06',
        '2026-10-07',
      ],
    });

    expectSpans(calendar, [
      {
        when: 'the span is Sunday 09-27',
        from: '2026-09-27T00:00:00+08:00',
        to: '2026-09-28T00:00:00+08:00',
        minutes: 0,
      },
      {
        when: 'the span is Saturday 10-10',
        from: '2026-10-10T00:00:00+08:00',
        to: '2026-10-11T00:00:00+08:00',
        minutes: 0,
      },
    ]);
  });
});

describe('BusinessClock with end "24:00"', () => {
  describe('evening windows Mon–Fri 20:00–24:00', () => {
    const calendar = buildCalendar({ start: '20:00', end: '24:00' });

    expectSpans(calendar, [
      {
        when: 'the span is Monday 23:00 to Tuesday midnight',
        from: '2026-11-23T23:00:00+08:00',
        to: '2026-11-24T00:00:00+08:00',
        minutes: 60,
      },
      {
        when: 'the span runs past midnight',
        from: '2026-11-23T23:00:00+08:00',
        to: '2026-11-24T01:00:00+08:00',
        minutes: 60,
      },
      {
        when: 'the span straddles midnight by a minute each side',
        from: '2026-11-23T23:59:00+08:00',
        to: '2026-11-24T00:01:00+08:00',
        minutes: 1,
      },
      {
        when: 'the span runs from Friday 23:30 into Saturday',
        from: '2026-11-20T23:30:00+08:00',
        to: '2026-11-21T00:30:00+08:00',
        minutes: 30,
      },
      {
        when: 'the span runs from Sunday 23:00 into Monday',
        from: '2026-11-22T23:00:00+08:00',
        to: '2026-11-23T01:00:00+08:00',
        minutes: 0,
      },
      {
        when: 'the span is a whole Monday',
        from: '2026-11-23T00:00:00+08:00',
        to: '2026-11-24T00:00:00+08:00',
        minutes: 240,
      },
      {
        when: 'the span straddles the 20:00 start',
        from: '2026-11-23T19:59:00+08:00',
        to: '2026-11-23T20:01:00+08:00',
        minutes: 1,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: 'Friday 23:00 gets exactly its last hour',
        from: '2026-11-20T23:00:00+08:00',
        add: 60,
        result: '2026-11-21T00:00:00+08:00',
      },
      {
        when: 'Friday 23:00 gets one minute more than its last hour',
        from: '2026-11-20T23:00:00+08:00',
        add: 61,
        result: '2026-11-23T20:01:00+08:00',
      },
      {
        when: 'a whole window is added on Monday noon',
        from: '2026-11-23T12:00:00+08:00',
        add: 240,
        result: '2026-11-24T00:00:00+08:00',
      },
    ]);
  });

  describe('whole days Mon–Fri 00:00–24:00', () => {
    const calendar = buildCalendar({ start: '00:00', end: '24:00' });

    expectSpans(calendar, [
      {
        when: 'the span crosses midnight between two working days',
        from: '2026-11-23T23:00:00+08:00',
        to: '2026-11-24T01:00:00+08:00',
        minutes: 120,
      },
      {
        when: 'the span is Friday to Monday midnight',
        from: '2026-11-20T00:00:00+08:00',
        to: '2026-11-23T00:00:00+08:00',
        minutes: 1440,
      },
      {
        when: 'the span runs from Friday 23:00 to Monday 01:00',
        from: '2026-11-20T23:00:00+08:00',
        to: '2026-11-23T01:00:00+08:00',
        minutes: 120,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: 'an hour is added on Friday 23:30',
        from: '2026-11-20T23:30:00+08:00',
        add: 60,
        result: '2026-11-23T00:30:00+08:00',
      },
    ]);
  });
});

describe('BusinessClock on a 7-day calendar', () => {
  describe('every day 09:00–18:00', () => {
    const calendar = buildCalendar({ days: [1, 2, 3, 4, 5, 6, 7] });

    expectSpans(calendar, [
      {
        when: 'the span runs from Friday 17:00 to Monday 10:30',
        from: '2026-11-20T17:00:00+08:00',
        to: '2026-11-23T10:30:00+08:00',
        minutes: 1230,
      },
      {
        when: 'the span is a weekend, window start to end',
        from: '2026-11-21T09:00:00+08:00',
        to: '2026-11-22T18:00:00+08:00',
        minutes: 1080,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: 'one minute more than Friday has left is added',
        from: '2026-11-20T17:00:00+08:00',
        add: 61,
        result: '2026-11-21T09:01:00+08:00',
      },
    ]);
  });

  describe('every day 09:00–18:00 with Sunday 2026-11-22 a holiday', () => {
    const calendar = buildCalendar({ days: [1, 2, 3, 4, 5, 6, 7], holidays: ['2026-11-22'] });

    expectSpans(calendar, [
      {
        when: 'the span is the weekend',
        from: '2026-11-21T09:00:00+08:00',
        to: '2026-11-22T18:00:00+08:00',
        minutes: 540,
      },
    ]);
  });

  describe('around the clock (00:00–24:00 every day)', () => {
    expectSpans(buildCalendar({ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }), [
      {
        when: 'the span is any stretch of time',
        from: '2026-11-21T10:00:00+08:00',
        to: '2026-11-22T13:15:00+08:00',
        minutes: 1635,
      },
    ]);
    expectSpans(
      buildCalendar({ timezone: 'Europe/Berlin', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }),
      [
        {
          when: 'the span holds the 25-hour Berlin fall-back day',
          from: '2026-10-24T12:00:00+02:00',
          to: '2026-10-25T12:00:00+01:00',
          minutes: 1500,
        },
      ],
    );
  });
});

describe('BusinessClock across daylight-saving changes', () => {
  describe('New York, Sundays 00:00–06:00 (spring forward 2026-03-08 02:00 → 03:00)', () => {
    const calendar = buildCalendar({ timezone: 'America/New_York', days: [7], start: '00:00', end: '06:00' });

    expectSpans(calendar, [
      {
        when: 'the span holds the whole spring-forward window (5 h)',
        from: '2026-03-08T00:00:00-05:00',
        to: '2026-03-08T12:00:00-04:00',
        minutes: 300,
      },
      {
        when: 'the span holds an ordinary Sunday window (6 h)',
        from: '2026-03-01T00:00:00-05:00',
        to: '2026-03-01T12:00:00-05:00',
        minutes: 360,
      },
      {
        when: 'the span crosses the gap from 01:30 EST to 03:30 EDT',
        from: '2026-03-08T01:30:00-05:00',
        to: '2026-03-08T03:30:00-04:00',
        minutes: 60,
      },
      {
        when: 'the span is the last minute of the window',
        from: '2026-03-08T05:59:00-04:00',
        to: '2026-03-08T06:00:00-04:00',
        minutes: 1,
      },
      {
        when: 'the span starts exactly at the window end',
        from: '2026-03-08T06:00:00-04:00',
        to: '2026-03-08T06:01:00-04:00',
        minutes: 0,
      },
      {
        when: 'the span holds two Sundays, one of them the short one',
        from: '2026-03-01T00:00:00-05:00',
        to: '2026-03-09T00:00:00-04:00',
        minutes: 660,
      },
      {
        when: 'the span holds the fall-back Sunday 2026-11-01 (7 h)',
        from: '2026-11-01T00:00:00-04:00',
        to: '2026-11-01T12:00:00-05:00',
        minutes: 420,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: '120 minutes are added at 00:00 EST',
        from: '2026-03-08T00:00:00-05:00',
        add: 120,
        result: '2026-03-08T03:00:00-04:00',
      },
      {
        when: 'the whole 5-hour window is added',
        from: '2026-03-08T00:00:00-05:00',
        add: 300,
        result: '2026-03-08T06:00:00-04:00',
      },
      {
        when: 'one minute more than the short window is added',
        from: '2026-03-08T00:00:00-05:00',
        add: 301,
        result: '2026-03-15T00:01:00-04:00',
      },
    ]);
  });

  describe('New York, Sundays 02:30–06:00 (the start falls in the gap and moves to 03:30 EDT)', () => {
    const calendar = buildCalendar({ timezone: 'America/New_York', days: [7], start: '02:30', end: '06:00' });

    expectSpans(calendar, [
      {
        when: 'the span holds the spring-forward window (03:30–06:00 EDT)',
        from: '2026-03-08T00:00:00-05:00',
        to: '2026-03-08T12:00:00-04:00',
        minutes: 150,
      },
      {
        when: 'the span is 03:00–03:30 EDT, before the moved start',
        from: '2026-03-08T03:00:00-04:00',
        to: '2026-03-08T03:30:00-04:00',
        minutes: 0,
      },
      {
        when: 'the span straddles the moved start 03:30 EDT',
        from: '2026-03-08T03:29:00-04:00',
        to: '2026-03-08T03:31:00-04:00',
        minutes: 1,
      },
      {
        when: 'the span holds an ordinary Sunday window',
        from: '2026-03-01T00:00:00-05:00',
        to: '2026-03-01T12:00:00-05:00',
        minutes: 210,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: 'one minute is added at midnight',
        from: '2026-03-08T00:00:00-05:00',
        add: 1,
        result: '2026-03-08T03:31:00-04:00',
      },
    ]);
  });

  describe('Berlin, Sundays 00:00–06:00 (fall back 2026-10-25 03:00 → 02:00)', () => {
    const calendar = buildCalendar({ timezone: 'Europe/Berlin', days: [7], start: '00:00', end: '06:00' });

    expectSpans(calendar, [
      {
        when: 'the span holds the whole fall-back window (7 h)',
        from: '2026-10-25T00:00:00+02:00',
        to: '2026-10-25T12:00:00+01:00',
        minutes: 420,
      },
      {
        when: 'the span holds an ordinary Sunday window (6 h)',
        from: '2026-10-18T00:00:00+02:00',
        to: '2026-10-18T12:00:00+02:00',
        minutes: 360,
      },
      {
        when: 'the span runs from 02:00 CEST to 02:00 CET',
        from: '2026-10-25T02:00:00+02:00',
        to: '2026-10-25T02:00:00+01:00',
        minutes: 60,
      },
      {
        when: 'the span runs from 02:30 CEST to 02:30 CET',
        from: '2026-10-25T02:30:00+02:00',
        to: '2026-10-25T02:30:00+01:00',
        minutes: 60,
      },
      {
        when: 'the span is the last minute of the window',
        from: '2026-10-25T05:59:00+01:00',
        to: '2026-10-25T06:00:00+01:00',
        minutes: 1,
      },
      {
        when: 'the span starts exactly at the window end',
        from: '2026-10-25T06:00:00+01:00',
        to: '2026-10-25T06:01:00+01:00',
        minutes: 0,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: '150 minutes are added at 00:00 CEST (the first 02:30)',
        from: '2026-10-25T00:00:00+02:00',
        add: 150,
        result: '2026-10-25T00:30:00Z',
      },
      {
        when: '180 minutes are added at 00:00 CEST (the second 02:00)',
        from: '2026-10-25T00:00:00+02:00',
        add: 180,
        result: '2026-10-25T01:00:00Z',
      },
      {
        when: 'the whole 7-hour window is added',
        from: '2026-10-25T00:00:00+02:00',
        add: 420,
        result: '2026-10-25T06:00:00+01:00',
      },
    ]);
  });

  describe('Berlin, Sundays 02:30–06:00 (the repeated 02:30 starts at the earlier instant, 00:30Z)', () => {
    const calendar = buildCalendar({ timezone: 'Europe/Berlin', days: [7], start: '02:30', end: '06:00' });

    expectSpans(calendar, [
      {
        when: 'the span holds the fall-back window (00:30Z–05:00Z)',
        from: '2026-10-24T22:00:00Z',
        to: '2026-10-25T12:00:00Z',
        minutes: 270,
      },
      {
        when: 'the span straddles the earlier 02:30',
        from: '2026-10-25T00:29:00Z',
        to: '2026-10-25T00:31:00Z',
        minutes: 1,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: 'one minute is added at midnight',
        from: '2026-10-24T22:00:00Z',
        add: 1,
        result: '2026-10-25T00:31:00Z',
      },
    ]);
  });

  describe('Santiago, Saturdays 22:00–24:00 (midnight skipped in September, repeated hour in April)', () => {
    const calendar = buildCalendar({ timezone: 'America/Santiago', days: [6], start: '22:00', end: '24:00' });

    expectSpans(calendar, [
      {
        when: 'the span holds Saturday 09-05, whose 24:00 moves to 01:00 -03 (2 h)',
        from: '2026-09-05T12:00:00-04:00',
        to: '2026-09-06T12:00:00-03:00',
        minutes: 120,
      },
      {
        when: 'the span holds Saturday 04-04, whose last hour repeats (3 h)',
        from: '2026-04-04T12:00:00-03:00',
        to: '2026-04-05T12:00:00-04:00',
        minutes: 180,
      },
    ]);
  });

  describe('Lord Howe, Sundays 00:00–06:00 (half-hour shifts)', () => {
    const calendar = buildCalendar({
      timezone: 'Australia/Lord_Howe',
      days: [7],
      start: '00:00',
      end: '06:00',
    });

    expectSpans(calendar, [
      {
        when: 'the span holds the spring-forward Sunday 10-04 (5.5 h)',
        from: '2026-10-03T12:00:00Z',
        to: '2026-10-04T00:00:00Z',
        minutes: 330,
      },
      {
        when: 'the span holds the fall-back Sunday 04-05 (6.5 h)',
        from: '2026-04-04T12:00:00Z',
        to: '2026-04-05T00:00:00Z',
        minutes: 390,
      },
    ]);
  });
});

/** SPEC §5.2's calendar: Mon–Fri 09:00–18:00 with a 12:00–13:30 lunch break, in Shanghai. */
const LUNCH = { start: '12:00', end: '13:30' };

describe('BusinessClock with a lunch break (SPEC §5.2: Mon–Fri 09:00–18:00, break 12:00–13:30)', () => {
  const calendar = buildCalendar({ breaks: [LUNCH] });

  expectSpans(calendar, [
    {
      when: 'Fri 11:00 → 14:00 holds 60 min before lunch and 30 after (SPEC §5.2)',
      from: '2026-11-20T11:00+08:00',
      to: '2026-11-20T14:00+08:00',
      minutes: 90,
    },
    {
      when: 'the span is the whole Friday (540 − 90 min of lunch)',
      from: '2026-11-20T00:00+08:00',
      to: '2026-11-21T00:00+08:00',
      minutes: 450,
    },
    {
      when: 'the span is the break exactly, 12:00 → 13:30',
      from: '2026-11-20T12:00+08:00',
      to: '2026-11-20T13:30+08:00',
      minutes: 0,
    },
    {
      when: 'the span starts and ends inside the break',
      from: '2026-11-20T12:15+08:00',
      to: '2026-11-20T13:15+08:00',
      minutes: 0,
    },
    {
      when: 'the span starts inside the break and ends at 14:00 (13:30–14:00 counts)',
      from: '2026-11-20T12:30+08:00',
      to: '2026-11-20T14:00+08:00',
      minutes: 30,
    },
    {
      when: 'the span is the last minute before the break, 11:59 → 12:00',
      from: '2026-11-20T11:59+08:00',
      to: '2026-11-20T12:00+08:00',
      minutes: 1,
    },
    {
      when: 'the span is the first minute of the break, 12:00 → 12:01',
      from: '2026-11-20T12:00+08:00',
      to: '2026-11-20T12:01+08:00',
      minutes: 0,
    },
    {
      when: 'the span is the last minute of the break, 13:29 → 13:30',
      from: '2026-11-20T13:29+08:00',
      to: '2026-11-20T13:30+08:00',
      minutes: 0,
    },
    {
      when: 'the span is the first minute after the break, 13:30 → 13:31',
      from: '2026-11-20T13:30+08:00',
      to: '2026-11-20T13:31+08:00',
      minutes: 1,
    },
    {
      when: 'the span runs from inside the break into the next Monday morning (270 + 60)',
      from: '2026-11-20T12:45+08:00',
      to: '2026-11-23T10:00+08:00',
      minutes: 330,
    },
    {
      when: 'the span is Fri 11:00 → Mon 11:00 (Fri 60 + 270, Mon 120)',
      from: '2026-11-20T11:00+08:00',
      to: '2026-11-23T11:00+08:00',
      minutes: 450,
    },
    {
      when: 'the span is a whole week Mon → Mon (5 × 450)',
      from: '2026-11-16T00:00+08:00',
      to: '2026-11-23T00:00+08:00',
      minutes: 2250,
    },
  ]);
  expectAdditions(calendar, [
    {
      when: '60 min are added at Fri 11:00 (the earliest instant is the break start)',
      from: '2026-11-20T11:00+08:00',
      add: 60,
      result: '2026-11-20T12:00+08:00',
    },
    {
      when: '61 min are added at Fri 11:00 (the break is skipped)',
      from: '2026-11-20T11:00+08:00',
      add: 61,
      result: '2026-11-20T13:31+08:00',
    },
    {
      when: '90 min are added at Fri 11:00 (SPEC §5.2 the other way round)',
      from: '2026-11-20T11:00+08:00',
      add: 90,
      result: '2026-11-20T14:00+08:00',
    },
    {
      when: '1 min is added inside the break',
      from: '2026-11-20T12:30+08:00',
      add: 1,
      result: '2026-11-20T13:31+08:00',
    },
    {
      when: 'the rest of Friday, 330 min, is added at 11:00',
      from: '2026-11-20T11:00+08:00',
      add: 330,
      result: '2026-11-20T18:00+08:00',
    },
    {
      when: '331 min are added at Fri 11:00 (over the weekend)',
      from: '2026-11-20T11:00+08:00',
      add: 331,
      result: '2026-11-23T09:01+08:00',
    },
    {
      when: '180 min are added at Mon 09:00 (the whole morning: the earliest instant is the break start)',
      from: '2026-11-23T09:00+08:00',
      add: 180,
      result: '2026-11-23T12:00+08:00',
    },
    {
      when: '181 min are added at Mon 09:00 (lunch is skipped)',
      from: '2026-11-23T09:00+08:00',
      add: 181,
      result: '2026-11-23T13:31+08:00',
    },
  ]);
});

describe('BusinessClock with breaks at the edges of the day and several breaks', () => {
  describe('a break 09:00–09:30 at the start of the day', () => {
    const calendar = buildCalendar({ breaks: [{ start: '09:00', end: '09:30' }] });

    expectSpans(calendar, [
      {
        when: 'the span is the whole Friday (540 − 30)',
        from: '2026-11-20T00:00+08:00',
        to: '2026-11-21T00:00+08:00',
        minutes: 510,
      },
      {
        when: 'the span is 08:00 → 10:00 (work starts at 09:30)',
        from: '2026-11-20T08:00+08:00',
        to: '2026-11-20T10:00+08:00',
        minutes: 30,
      },
      {
        when: 'the span is 09:29 → 09:31',
        from: '2026-11-20T09:29+08:00',
        to: '2026-11-20T09:31+08:00',
        minutes: 1,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: '1 min is added before the day starts',
        from: '2026-11-20T08:00+08:00',
        add: 1,
        result: '2026-11-20T09:31+08:00',
      },
    ]);
  });

  describe('a break 17:30–19:00 that runs past the end of the day (clipped to 17:30–18:00)', () => {
    const calendar = buildCalendar({ breaks: [{ start: '17:30', end: '19:00' }] });

    expectSpans(calendar, [
      {
        when: 'the span is the whole Friday (540 − 30)',
        from: '2026-11-20T00:00+08:00',
        to: '2026-11-21T00:00+08:00',
        minutes: 510,
      },
      {
        when: 'the span is 17:00 → 18:00',
        from: '2026-11-20T17:00+08:00',
        to: '2026-11-20T18:00+08:00',
        minutes: 30,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: '31 min are added at Fri 17:00 (the day ends at 17:30)',
        from: '2026-11-20T17:00+08:00',
        add: 31,
        result: '2026-11-23T09:01+08:00',
      },
      {
        when: '30 min are added at Fri 17:00 (the earliest instant is 17:30)',
        from: '2026-11-20T17:00+08:00',
        add: 30,
        result: '2026-11-20T17:30+08:00',
      },
    ]);
  });

  describe('breaks outside the hours (06:00–08:00 and 19:00–20:00) cut nothing', () => {
    const calendar = buildCalendar({
      breaks: [
        { start: '06:00', end: '08:00' },
        { start: '19:00', end: '20:00' },
      ],
    });

    expectSpans(calendar, [
      {
        when: 'the span is the whole Friday',
        from: '2026-11-20T00:00+08:00',
        to: '2026-11-21T00:00+08:00',
        minutes: 540,
      },
    ]);
  });

  describe('three breaks 10:30–10:45, 12:00–13:00, 15:30–15:45, listed out of order', () => {
    const calendar = buildCalendar({
      breaks: [
        { start: '15:30', end: '15:45' },
        { start: '10:30', end: '10:45' },
        { start: '12:00', end: '13:00' },
      ],
    });

    expectSpans(calendar, [
      {
        when: 'the span is the whole Friday (540 − 15 − 60 − 15)',
        from: '2026-11-20T00:00+08:00',
        to: '2026-11-21T00:00+08:00',
        minutes: 450,
      },
      {
        when: 'the span is 10:00 → 16:00 (360 − 90)',
        from: '2026-11-20T10:00+08:00',
        to: '2026-11-20T16:00+08:00',
        minutes: 270,
      },
      {
        when: 'the span is 10:40 → 12:10 (10:45–12:00)',
        from: '2026-11-20T10:40+08:00',
        to: '2026-11-20T12:10+08:00',
        minutes: 75,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: '150 min are added at 10:00 (30 + 75, then 45 after the lunch)',
        from: '2026-11-20T10:00+08:00',
        add: 150,
        result: '2026-11-20T13:45+08:00',
      },
    ]);
  });

  describe('two breaks that touch, 12:00–13:00 and 13:00–13:30', () => {
    const calendar = buildCalendar({
      breaks: [
        { start: '12:00', end: '13:00' },
        { start: '13:00', end: '13:30' },
      ],
    });

    expectSpans(calendar, [
      {
        when: 'the span is 11:59 → 13:31 (one minute each side)',
        from: '2026-11-20T11:59+08:00',
        to: '2026-11-20T13:31+08:00',
        minutes: 2,
      },
      {
        when: 'the span is the whole Friday (540 − 90)',
        from: '2026-11-20T00:00+08:00',
        to: '2026-11-21T00:00+08:00',
        minutes: 450,
      },
    ]);
  });
});

describe('BusinessClock with per-weekday hours (dayHours) and extra workdays', () => {
  describe('SPEC §5.2: Mon–Sat, Saturday 10:00–16:00, no break', () => {
    const calendar = buildCalendar({
      days: [1, 2, 3, 4, 5, 6],
      dayHours: { '6': { start: '10:00', end: '16:00' } },
    });

    expectSpans(calendar, [
      {
        when: 'Sat 09:00 → 17:00 holds Saturday’s 10:00–16:00 (SPEC §5.2)',
        from: '2026-11-21T09:00+08:00',
        to: '2026-11-21T17:00+08:00',
        minutes: 360,
      },
      {
        when: 'Sat 09:59 → 10:01 straddles Saturday’s start',
        from: '2026-11-21T09:59+08:00',
        to: '2026-11-21T10:01+08:00',
        minutes: 1,
      },
      {
        when: 'Sat 15:59 → 16:01 straddles Saturday’s end',
        from: '2026-11-21T15:59+08:00',
        to: '2026-11-21T16:01+08:00',
        minutes: 1,
      },
      {
        when: 'Fri 17:00 → Mon 10:00 (60 + Saturday 360 + 60)',
        from: '2026-11-20T17:00+08:00',
        to: '2026-11-23T10:00+08:00',
        minutes: 480,
      },
      {
        when: 'the weekdays keep the plain hours: the whole Friday',
        from: '2026-11-20T00:00+08:00',
        to: '2026-11-21T00:00+08:00',
        minutes: 540,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: '61 min are added at Fri 17:00 (Saturday starts at 10:00)',
        from: '2026-11-20T17:00+08:00',
        add: 61,
        result: '2026-11-21T10:01+08:00',
      },
      {
        when: '420 min are added at Fri 17:00 (60 on Friday, all of Saturday)',
        from: '2026-11-20T17:00+08:00',
        add: 420,
        result: '2026-11-21T16:00+08:00',
      },
    ]);
  });

  describe('the same with the 12:00–13:30 break: breaks are cut out of Saturday too', () => {
    const calendar = buildCalendar({
      days: [1, 2, 3, 4, 5, 6],
      dayHours: { '6': { start: '10:00', end: '16:00' } },
      breaks: [LUNCH],
    });

    expectSpans(calendar, [
      {
        when: 'Sat 09:00 → 17:00 holds 10:00–12:00 and 13:30–16:00',
        from: '2026-11-21T09:00+08:00',
        to: '2026-11-21T17:00+08:00',
        minutes: 270,
      },
    ]);
  });

  describe('SPEC §5.2: an extra workday on Sunday 2026-11-22 works the plain 09:00–18:00', () => {
    const calendar = buildCalendar({
      days: [1, 2, 3, 4, 5, 6],
      dayHours: { '6': { start: '10:00', end: '16:00' } },
      extraWorkdays: ['2026-11-22'],
    });

    expectSpans(calendar, [
      {
        when: 'the span is the whole extra Sunday',
        from: '2026-11-22T00:00+08:00',
        to: '2026-11-23T00:00+08:00',
        minutes: 540,
      },
      {
        when: 'the span is Sun 08:59 → 09:01',
        from: '2026-11-22T08:59+08:00',
        to: '2026-11-22T09:01+08:00',
        minutes: 1,
      },
      {
        when: 'the span is Sun 17:59 → 18:01',
        from: '2026-11-22T17:59+08:00',
        to: '2026-11-22T18:01+08:00',
        minutes: 1,
      },
      {
        when: 'the next Sunday is not extra and counts nothing',
        from: '2026-11-29T00:00+08:00',
        to: '2026-11-30T00:00+08:00',
        minutes: 0,
      },
    ]);
  });

  describe('a Saturday with dayHours that is a holiday (2026-11-21)', () => {
    const calendar = buildCalendar({
      days: [1, 2, 3, 4, 5, 6],
      dayHours: { '6': { start: '10:00', end: '16:00' } },
      holidays: ['2026-11-21'],
    });

    expectSpans(calendar, [
      {
        when: 'the span is the whole holiday Saturday',
        from: '2026-11-21T00:00+08:00',
        to: '2026-11-22T00:00+08:00',
        minutes: 0,
      },
      {
        when: 'Fri 17:00 → Mon 10:00 holds only Friday’s and Monday’s hour',
        from: '2026-11-20T17:00+08:00',
        to: '2026-11-23T10:00+08:00',
        minutes: 120,
      },
      {
        when: 'the next Saturday works its 10:00–16:00 again',
        from: '2026-11-28T00:00+08:00',
        to: '2026-11-29T00:00+08:00',
        minutes: 360,
      },
    ]);
  });

  describe('a holiday Saturday that is also listed as an extra workday works the plain hours', () => {
    const calendar = buildCalendar({
      days: [1, 2, 3, 4, 5, 6],
      dayHours: { '6': { start: '10:00', end: '16:00' } },
      holidays: ['2026-11-21'],
      extraWorkdays: ['2026-11-21', '2026-11-28'],
    });

    expectSpans(calendar, [
      {
        when: 'the span is that Saturday (09:00–18:00)',
        from: '2026-11-21T00:00+08:00',
        to: '2026-11-22T00:00+08:00',
        minutes: 540,
      },
      {
        when: 'the span is a Saturday listed as extra that is a working day anyway (its own 10:00–16:00)',
        from: '2026-11-28T00:00+08:00',
        to: '2026-11-29T00:00+08:00',
        minutes: 360,
      },
    ]);
  });

  describe('Monday longer (08:00–20:00) and Friday shorter (09:00–12:00) than the plain hours, lunch 12:00–13:30', () => {
    const calendar = buildCalendar({
      dayHours: { '1': { start: '08:00', end: '20:00' }, '5': { start: '09:00', end: '12:00' } },
      breaks: [LUNCH],
    });

    expectSpans(calendar, [
      {
        when: 'the span is the whole Monday (720 − 90)',
        from: '2026-11-23T00:00+08:00',
        to: '2026-11-24T00:00+08:00',
        minutes: 630,
      },
      {
        when: 'the span is the whole Friday (its hours end when lunch starts: 180)',
        from: '2026-11-20T00:00+08:00',
        to: '2026-11-21T00:00+08:00',
        minutes: 180,
      },
      {
        when: 'the span is the whole Tuesday (plain hours: 540 − 90)',
        from: '2026-11-24T00:00+08:00',
        to: '2026-11-25T00:00+08:00',
        minutes: 450,
      },
      {
        when: 'Fri 11:00 → Mon 09:00 (Friday 60, Monday 08:00–09:00)',
        from: '2026-11-20T11:00+08:00',
        to: '2026-11-23T09:00+08:00',
        minutes: 120,
      },
      {
        when: 'Mon 19:00 → 20:30 (Monday works until 20:00)',
        from: '2026-11-23T19:00+08:00',
        to: '2026-11-23T20:30+08:00',
        minutes: 60,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: '61 min are added at Fri 11:00 (Friday ends at 12:00, Monday starts at 08:00)',
        from: '2026-11-20T11:00+08:00',
        add: 61,
        result: '2026-11-23T08:01+08:00',
      },
    ]);
  });
});

/**
 * A night shift around the clock, every day 00:00–24:00, with a break 01:30–02:30 that meets
 * the daylight-saving hour. Each break lasts the true time between its local start and end.
 */
describe('BusinessClock with a break across daylight-saving changes (every day 00:00–24:00, break 01:30–02:30)', () => {
  const nightShift = (timezone: string, breaks = [{ start: '01:30', end: '02:30' }]) =>
    buildCalendar({ timezone, days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00', breaks });

  describe('New York, spring forward Sun 2026-03-08 02:00 EST → 03:00 EDT', () => {
    // 01:30 EST = 06:30Z; 02:30 does not exist and moves forward to 03:30 EDT = 07:30Z: the
    // break lasts 60 real minutes. The day lasts 23 h (05:00Z → 04:00Z), so 1380 − 60 = 1320.
    const calendar = nightShift('America/New_York');

    expectSpans(calendar, [
      {
        when: 'the span is the 23-hour day (1380 − the 60-minute break)',
        from: '2026-03-08T00:00-05:00',
        to: '2026-03-09T00:00-04:00',
        minutes: 1320,
      },
      {
        when: 'the span is 01:00 EST → 04:00 EDT (30 before the break, 30 after 03:30 EDT)',
        from: '2026-03-08T01:00-05:00',
        to: '2026-03-08T04:00-04:00',
        minutes: 60,
      },
      {
        when: 'the span is 03:00 → 03:30 EDT, still the break (its end moved to 03:30)',
        from: '2026-03-08T03:00-04:00',
        to: '2026-03-08T03:30-04:00',
        minutes: 0,
      },
      {
        when: 'the span is 03:30 → 03:31 EDT, the first minute after the break',
        from: '2026-03-08T03:30-04:00',
        to: '2026-03-08T03:31-04:00',
        minutes: 1,
      },
      {
        when: 'the span is an ordinary day before (1440 − 60)',
        from: '2026-03-07T00:00-05:00',
        to: '2026-03-08T00:00-05:00',
        minutes: 1380,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: '31 min are added at 01:00 EST (the break runs until 03:30 EDT)',
        from: '2026-03-08T01:00-05:00',
        add: 31,
        result: '2026-03-08T03:31-04:00',
      },
      {
        when: '30 min are added at 01:00 EST (the earliest instant is the break start)',
        from: '2026-03-08T01:00-05:00',
        add: 30,
        result: '2026-03-08T01:30-05:00',
      },
    ]);
  });

  describe('New York, fall back Sun 2026-11-01 02:00 EDT → 01:00 EST', () => {
    // 01:30 occurs twice and takes the earlier instant, 01:30 EDT = 05:30Z; 02:30 occurs once,
    // 02:30 EST = 07:30Z: the break lasts 120 real minutes. The day lasts 25 h, 1500 − 120 = 1380.
    const calendar = nightShift('America/New_York');

    expectSpans(calendar, [
      {
        when: 'the span is the 25-hour day (1500 − the 120-minute break)',
        from: '2026-11-01T00:00-04:00',
        to: '2026-11-02T00:00-05:00',
        minutes: 1380,
      },
      {
        when: 'the span is the repeated 01:30 → 02:00 EST, inside the break',
        from: '2026-11-01T01:30-05:00',
        to: '2026-11-01T02:00-05:00',
        minutes: 0,
      },
      {
        when: 'the span is 01:00 EDT → 03:00 EST (30 before, 30 after the break)',
        from: '2026-11-01T01:00-04:00',
        to: '2026-11-01T03:00-05:00',
        minutes: 60,
      },
    ]);
    expectAdditions(calendar, [
      {
        when: '31 min are added at 01:00 EDT (work resumes at 02:30 EST)',
        from: '2026-11-01T01:00-04:00',
        add: 31,
        result: '2026-11-01T02:31-05:00',
      },
    ]);
  });

  describe('Berlin, spring forward Sun 2026-03-29 02:00 CET → 03:00 CEST', () => {
    // 01:30 CET = 00:30Z; 02:30 moves forward to 03:30 CEST = 01:30Z: 60 minutes of break
    // in a 23-hour day: 1380 − 60 = 1320.
    const calendar = nightShift('Europe/Berlin');

    expectSpans(calendar, [
      {
        when: 'the span is the 23-hour day (1380 − 60)',
        from: '2026-03-29T00:00+01:00',
        to: '2026-03-30T00:00+02:00',
        minutes: 1320,
      },
      {
        when: 'the span is 01:00 CET → 04:00 CEST (30 + 30)',
        from: '2026-03-29T01:00+01:00',
        to: '2026-03-29T04:00+02:00',
        minutes: 60,
      },
    ]);
  });

  describe('Berlin, fall back Sun 2026-10-25 03:00 CEST → 02:00 CET', () => {
    // 01:30 CEST = 23:30Z; 02:30 occurs twice and takes the earlier instant, 02:30 CEST = 00:30Z:
    // 60 minutes of break. The repeated 02:00–03:00 CET (01:00Z–02:00Z) is working time.
    // The day lasts 25 h: 1500 − 60 = 1440.
    const calendar = nightShift('Europe/Berlin');

    expectSpans(calendar, [
      {
        when: 'the span is the 25-hour day (1500 − 60)',
        from: '2026-10-25T00:00+02:00',
        to: '2026-10-26T00:00+01:00',
        minutes: 1440,
      },
      {
        when: 'the span is the repeated 02:00 → 02:30 CET, working time the second time round',
        from: '2026-10-25T02:00+01:00',
        to: '2026-10-25T02:30+01:00',
        minutes: 30,
      },
      {
        when: 'the span is the first 02:00 → 02:30 CEST, inside the break',
        from: '2026-10-25T02:00+02:00',
        to: '2026-10-25T02:30+02:00',
        minutes: 0,
      },
    ]);
  });

  describe('New York, a break 02:30–03:00 that lies in the skipped hour', () => {
    // 02:30 moves forward to 03:30 EDT (07:30Z) but 03:00 is 03:00 EDT (07:00Z): the break
    // ends before it starts in real time, so on 03-08 it cuts nothing; other days lose 30 min.
    const calendar = nightShift('America/New_York', [{ start: '02:30', end: '03:00' }]);

    expectSpans(calendar, [
      {
        when: 'the span is the 23-hour spring-forward day (nothing cut)',
        from: '2026-03-08T00:00-05:00',
        to: '2026-03-09T00:00-04:00',
        minutes: 1380,
      },
      {
        when: 'the span is an ordinary day (1440 − 30)',
        from: '2026-03-09T00:00-04:00',
        to: '2026-03-10T00:00-04:00',
        minutes: 1410,
      },
    ]);
  });
});

describe('BusinessClock.addMinutes undoes minutesBetween with breaks and dayHours', () => {
  const calendar = buildCalendar({
    days: [1, 2, 3, 4, 5, 6],
    dayHours: { '6': { start: '10:00', end: '16:00' } },
    breaks: [LUNCH, { start: '15:00', end: '15:15' }],
    holidays: ['2026-11-24'],
    extraWorkdays: ['2026-11-22'],
  });

  it.each(
    titled(
      [
        { from: '2026-11-20T11:00+08:00', minutes: 90 },
        { from: '2026-11-20T12:10+08:00', minutes: 1 },
        { from: '2026-11-20T17:45+08:00', minutes: 600 },
        { from: '2026-11-21T15:05+08:00', minutes: 2000 },
        { from: '2026-11-22T07:00+08:00', minutes: 435.5 },
        { from: '2026-11-23T13:29+08:00', minutes: 5000 },
      ],
      ({ from, minutes }) => `when ${minutes} min are added at ${from}, then minutesBetween counts them back`,
    ),
  )('%s', (_title, { from, minutes }) => {
    const clock = new BusinessClock(calendar);

    const reached = clock.addMinutes(ms(from), minutes);

    expect(clock.minutesBetween(ms(from), reached)).toBeCloseTo(minutes, 9);
    expect(clock.minutesBetween(ms(from), reached - 1)).toBeLessThan(minutes);
  });
});
