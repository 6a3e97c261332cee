import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarSchema, type Calendar } from '../../src/domain/schemas.js';
import { BusinessClock, calendarMinutesBetween } from '../../src/domain/time.js';

/**
 * SPEC §3 laws of the business clock, checked on random calendars in zones with unusual
 * rules: Lord Howe shifts by half an hour, Santiago skips and repeats the hour at midnight.
 */

const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'America/Santiago',
  'UTC',
] as const;

const MS_PER_DAY = 86_400_000;
const RANGE_START = Date.parse('2025-12-01T00:00:00Z');
const RANGE_END = Date.parse('2027-02-01T00:00:00Z');

/** Every 2026 daylight-saving change of the zones above, so instants land near them often. */
const TRANSITIONS = [
  '2026-03-08T07:00:00Z', // New York springs forward
  '2026-11-01T06:00:00Z', // New York falls back
  '2026-03-29T01:00:00Z', // Berlin springs forward
  '2026-10-25T01:00:00Z', // Berlin falls back
  '2026-04-04T15:00:00Z', // Lord Howe falls back half an hour
  '2026-10-03T15:30:00Z', // Lord Howe springs forward half an hour
  '2026-04-05T03:00:00Z', // Santiago repeats 23:00–24:00
  '2026-09-06T04:00:00Z', // Santiago skips 00:00–01:00
].map((instant) => Date.parse(instant));

const RUNS = { numRuns: 200 };

const instantArb = fc.oneof(
  fc.integer({ min: RANGE_START, max: RANGE_END }),
  fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * MS_PER_DAY, max: 3 * MS_PER_DAY }))
    .map(([transition, offset]) => transition + offset),
  // Whole minutes near transitions, so spans start and end exactly on window edges.
  fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * 1440, max: 3 * 1440 }))
    .map(([transition, minutes]) => transition + minutes * 60_000),
);

const dateArb = fc
  .integer({ min: RANGE_START / MS_PER_DAY, max: RANGE_END / MS_PER_DAY })
  .map((day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10));

/** Minutes of the day, biased to midnight and the hours that daylight saving skips or repeats. */
const minuteOfDayArb = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.constantFrom(0, 60, 90, 120, 135, 150, 180, 1380, 1410, 1440),
);

const clockTime = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function calendarArb(days: fc.Arbitrary<number[]>): fc.Arbitrary<Calendar> {
  return fc
    .record({
      timezone: fc.constantFrom(...ZONES),
      days,
      window: fc
        .tuple(minuteOfDayArb, minuteOfDayArb)
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
      holidays: fc.array(dateArb, { maxLength: 40 }),
      extraWorkdays: fc.array(dateArb, { maxLength: 10 }),
    })
    .map(({ window: [start, end], ...rest }) =>
      CalendarSchema.parse({ ...rest, start: clockTime(start), end: clockTime(end) }),
    );
}

const weekdaysArb = fc.subarray([1, 2, 3, 4, 5, 6, 7]);
const anyCalendarArb = calendarArb(weekdaysArb);
const calendarWithWorkdaysArb = calendarArb(fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }));

const sorted = (...instants: number[]) => [...instants].sort((a, b) => a - b);

describe('BusinessClock.minutesBetween laws', () => {
  it('when a span is split at any instant, then the parts add up to the whole', () => {
    fc.assert(
      fc.property(anyCalendarArb, instantArb, instantArb, instantArb, (calendar, x, y, z) => {
        const [a = 0, b = 0, c = 0] = sorted(x, y, z);
        const clock = new BusinessClock(calendar);

        const parts = clock.minutesBetween(a, b) + clock.minutesBetween(b, c);

        expect(Math.abs(parts - clock.minutesBetween(a, c))).toBeLessThanOrEqual(1e-9);
      }),
      RUNS,
    );
  });

  it('when from ≤ to, then business minutes are between zero and the calendar minutes', () => {
    fc.assert(
      fc.property(anyCalendarArb, instantArb, instantArb, (calendar, x, y) => {
        const [from = 0, to = 0] = sorted(x, y);

        const minutes = new BusinessClock(calendar).minutesBetween(from, to);

        expect(minutes).toBeGreaterThanOrEqual(0);
        expect(minutes).toBeLessThanOrEqual(calendarMinutesBetween(from, to) + 1e-9);
      }),
      RUNS,
    );
  });

  it('when from and to are swapped, then the minutes change sign', () => {
    fc.assert(
      fc.property(anyCalendarArb, instantArb, instantArb, (calendar, from, to) => {
        const clock = new BusinessClock(calendar);

        expect(clock.minutesBetween(to, from) + clock.minutesBetween(from, to)).toBe(0);
      }),
      RUNS,
    );
  });

  it('when the calendar has no working day, then no span has business minutes', () => {
    fc.assert(
      fc.property(anyCalendarArb, instantArb, instantArb, (calendar, from, to) => {
        const idle = { ...calendar, days: [], extraWorkdays: [] };

        // Math.abs: a backwards span comes out as -0, which is still no time at all.
        expect(Math.abs(new BusinessClock(idle).minutesBetween(from, to))).toBe(0);
      }),
      RUNS,
    );
  });

  it('when every day is worked around the clock, then business minutes are calendar minutes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instantArb, instantArb, (timezone, from, to) => {
        const allHours = CalendarSchema.parse({
          timezone,
          days: [1, 2, 3, 4, 5, 6, 7],
          start: '00:00',
          end: '24:00',
        });

        const minutes = new BusinessClock(allHours).minutesBetween(from, to);

        expect(Math.abs(minutes - calendarMinutesBetween(from, to))).toBeLessThanOrEqual(1e-9);
      }),
      RUNS,
    );
  });
});

describe('BusinessClock.addMinutes laws', () => {
  /** Quarter minutes are exact in binary, so "the earliest instant" can be checked to the millisecond. */
  const quarterMinutesArb = fc.integer({ min: 1, max: 3000 * 4 }).map((quarters) => quarters / 4);

  it('when minutes are added, then exactly those minutes lie between from and the result', () => {
    fc.assert(
      fc.property(
        calendarWithWorkdaysArb,
        instantArb,
        fc.oneof(quarterMinutesArb, fc.double({ min: 1e-3, max: 3000, noNaN: true })),
        (calendar, from, minutes) => {
          const clock = new BusinessClock(calendar);

          const reached = clock.addMinutes(from, minutes);

          expect(Number.isFinite(reached)).toBe(true);
          expect(reached).toBeGreaterThan(from);
          expect(Math.abs(clock.minutesBetween(from, reached) - minutes)).toBeLessThanOrEqual(1e-6);
          // It falls inside a working window or at its end: the moment before it is working time.
          expect(clock.minutesBetween(reached - 1, reached)).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });

  it('when minutes are added, then no earlier instant has reached them', () => {
    fc.assert(
      fc.property(calendarWithWorkdaysArb, instantArb, quarterMinutesArb, (calendar, from, minutes) => {
        const clock = new BusinessClock(calendar);

        const reached = clock.addMinutes(from, minutes);

        expect(clock.minutesBetween(from, reached)).toBe(minutes);
        expect(clock.minutesBetween(from, reached - 1)).toBeLessThan(minutes);
      }),
      RUNS,
    );
  });

  it('when nothing or less is added, then the result is from itself', () => {
    fc.assert(
      fc.property(
        anyCalendarArb,
        instantArb,
        fc.double({ min: -1e6, max: 0, noNaN: true }),
        (calendar, from, minutes) => {
          expect(new BusinessClock(calendar).addMinutes(from, minutes)).toBe(from);
        },
      ),
      RUNS,
    );
  });
});
