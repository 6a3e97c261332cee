import { describe, expect, it } from 'vitest';
import {
  chineseTableYears,
  datesFromChineseTable,
  datesFromIcs,
  previewFill,
  withFilledDates,
  type FillDate,
} from '../../src/app/calendarFill.js';
import { AppError } from '../../src/app/errors.js';
import { defaultCalendar } from '../../src/domain/schemas.js';

/** An .ics as calendar programs write it: CRLF lines, folded long lines, a VTIMEZONE. */
function icsFile(events: string[][]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Holidays//ZH',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Shanghai',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
    ...events.flatMap((lines, index) => ['BEGIN:VEVENT', `UID:event-${index}@test`, ...lines, 'END:VEVENT']),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const HOLIDAY_FEED = icsFile([
  // Three days off: DTEND is exclusive.
  [
    'DTSTART;VALUE=DATE:20261001',
    'DTEND;VALUE=DATE:20261004',
    // A folded line: the continuation starts with one space, which unfolding removes.
    'SUMMARY:National Day and Mid-Autumn Festival holiday of the People’s Republi',
    ' c of China',
  ],
  // A make-up workday, in Chinese.
  ['DTSTART;VALUE=DATE:20261010', 'DTEND;VALUE=DATE:20261011', 'SUMMARY:国庆节 补班'],
  // One day without DTEND.
  ['DTSTART;VALUE=DATE:20260101', 'SUMMARY:元旦'],
  // A make-up workday named in English.
  ['DTSTART;VALUE=DATE:20260920', 'DTEND;VALUE=DATE:20260921', 'SUMMARY:Make-up workday'],
  // A timed event: a meeting, not a day off.
  [
    'DTSTART;TZID=Asia/Shanghai:20261012T100000',
    'DTEND;TZID=Asia/Shanghai:20261012T110000',
    'SUMMARY:Weekly call with the vendor',
  ],
  // Apple's marker says workday whatever the summary.
  ['DTSTART;VALUE=DATE:20260214', 'SUMMARY:春节', 'X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY'],
]);

const icsError = (run: () => unknown): AppError | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  return undefined;
};

describe('datesFromIcs', () => {
  it('when a holiday feed is read, then all-day events become holidays and make-up workdays, timed events are skipped', () => {
    expect(datesFromIcs(HOLIDAY_FEED)).toEqual([
      { date: '2026-01-01', kind: 'holiday', name: '元旦' },
      { date: '2026-02-14', kind: 'workday', name: '春节' },
      { date: '2026-09-20', kind: 'workday', name: 'Make-up workday' },
      ...['2026-10-01', '2026-10-02', '2026-10-03'].map((date) => ({
        date,
        kind: 'holiday',
        name: 'National Day and Mid-Autumn Festival holiday of the People’s Republic of China',
      })),
      { date: '2026-10-10', kind: 'workday', name: '国庆节 补班' },
    ]);
  });

  it.each([
    ['班', 'workday'],
    ['春节调休上班', 'workday'],
    ['补班', 'workday'],
    ['Workday (National Day)', 'workday'],
    ['Working day', 'workday'],
    ['make up day', 'workday'],
    ['春节 放假调休', 'holiday'],
    ['Spring Festival (Holiday)', 'holiday'],
    ['', 'holiday'],
  ])('when an all-day event is called “%s”, then it is a %s', (summary, kind) => {
    const file = icsFile([['DTSTART;VALUE=DATE:20261003', `SUMMARY:${summary}`]]);
    expect(datesFromIcs(file).map((date) => date.kind)).toEqual([kind]);
  });

  it('when the same date is both off and worked in one file, then the make-up workday wins', () => {
    const file = icsFile([
      ['DTSTART;VALUE=DATE:20261001', 'DTEND;VALUE=DATE:20261011', 'SUMMARY:Golden week'],
      ['DTSTART;VALUE=DATE:20261010', 'SUMMARY:补班'],
    ]);
    const dates = datesFromIcs(file);
    expect(dates).toHaveLength(10);
    expect(dates.at(-1)).toEqual({ date: '2026-10-10', kind: 'workday', name: '补班' });
  });

  it('when an all-day event spans months, then it is not taken as holidays', () => {
    const file = icsFile([['DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20261231', 'SUMMARY:FY2026']]);
    expect(datesFromIcs(file)).toEqual([]);
  });

  it('when a file starts with a byte-order mark and uses LF lines, then it is read all the same', () => {
    const file = `\uFEFF${icsFile([['DTSTART;VALUE=DATE:20261001', 'SUMMARY:国庆节']]).replace(/\r\n/g, '\n')}`;
    expect(datesFromIcs(file)).toEqual([{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }]);
  });

  it.each([
    ['plain text', 'these are my holidays: 1 October'],
    ['an empty file', ''],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Someone\r\nEND:VCARD\r\n'],
    ['an unreadable date', icsFile([['DTSTART;VALUE=DATE:2026XX01', 'SUMMARY:Broken']])],
    ['JSON', '{"holidays": ["2026-10-01"]}'],
  ])('when the file is %s, then it is refused with a validation error on the file', (_case, text) => {
    const error = icsError(() => datesFromIcs(text));
    expect(error?.status).toBe(400);
    expect(error?.issues[0]).toMatchObject({ path: 'file', reason: 'ics' });
  });
});

describe('the Chinese public-holiday table', () => {
  it('when the years are listed, then they run through 2026 at least', () => {
    const years = chineseTableYears();
    expect(years).toContain(2026);
    expect(years).toContain(2025);
    expect(years[0]).toBeLessThanOrEqual(2010);
  });

  it('when 2026 is read, then it has the State Council’s holidays and weekend make-up workdays', () => {
    const dates = datesFromChineseTable(2026, 'zh-CN');
    const kind = (date: string) => dates.find((entry) => entry.date === date)?.kind;

    // National Day 1–7 October, Spring Festival 15–23 February, Labour Day 1–5 May.
    for (const date of ['2026-10-01', '2026-10-07', '2026-02-15', '2026-02-23', '2026-05-01', '2026-01-01']) {
      expect(kind(date), date).toBe('holiday');
    }
    // The make-up workdays of the State Council's notice for 2026.
    expect(dates.filter((entry) => entry.kind === 'workday').map((entry) => entry.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(kind('2026-03-02')).toBeUndefined();
    expect(dates.find((entry) => entry.date === '2026-10-01')?.name).toBe('国庆节');
    expect(datesFromChineseTable(2026, 'en').find((entry) => entry.date === '2026-10-01')?.name).toBe(
      'National Day',
    );
  });

  it('when a year without a notice is asked for, then it is refused', () => {
    expect(icsError(() => datesFromChineseTable(1999, 'en'))?.issues[0]).toMatchObject({ path: 'year' });
  });
});

describe('previewFill and withFilledDates', () => {
  const calendar = { ...defaultCalendar('Asia/Shanghai'), holidays: ['2026-10-01'], extraWorkdays: [] };
  const offered: FillDate[] = [
    { date: '2026-10-01', kind: 'holiday', name: 'National Day' },
    { date: '2026-10-02', kind: 'holiday', name: 'National Day' },
    { date: '2026-10-10', kind: 'workday', name: 'Make-up' },
  ];

  it('when dates are offered, then those the calendar has are marked and only the others are added', () => {
    const preview = previewFill(calendar, offered);

    expect(preview.rows.map((row) => [row.date, row.weekday, row.present])).toEqual([
      ['2026-10-01', 4, true],
      ['2026-10-02', 5, false],
      ['2026-10-10', 6, false],
    ]);
    expect(preview.adding).toEqual({ holidays: ['2026-10-02'], extraWorkdays: ['2026-10-10'] });
    expect(withFilledDates(calendar, preview.adding)).toEqual({
      ...calendar,
      holidays: ['2026-10-01', '2026-10-02'],
      extraWorkdays: ['2026-10-10'],
    });
  });

  it('when every confirmed date is already there, then there is nothing to save', () => {
    expect(withFilledDates(calendar, { holidays: ['2026-10-01'], extraWorkdays: [] })).toBeNull();
  });
});
