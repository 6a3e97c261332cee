import { describe, expect, it } from 'vitest';
import { CalendarSchema } from '../../src/domain/schemas.js';

/**
 * SPEC §2 Calendar: what the schema refuses and where it says so. Forms and the API show
 * each issue next to the field its path names, so the paths are part of the contract.
 */

const BASE = {
  timezone: 'Asia/Shanghai',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  holidays: [],
  extraWorkdays: [],
};
const LUNCH = { start: '12:00', end: '13:30' };

type Path = (string | number)[];

describe('CalendarSchema refusals', () => {
  it.each<[string, Record<string, unknown>, Path[]]>([
    ['the day ends before it starts', { start: '18:00', end: '09:00' }, [['end']]],
    ['the day ends when it starts', { start: '09:00', end: '09:00' }, [['end']]],
    ['the day starts at 24:00', { start: '24:00', end: '24:00' }, [['end']]],
    ['a break ends before it starts', { breaks: [{ start: '13:30', end: '12:00' }] }, [['breaks', 0, 'end']]],
    ['a break ends when it starts', { breaks: [{ start: '12:00', end: '12:00' }] }, [['breaks', 0, 'end']]],
    [
      'the second break ends before it starts',
      { breaks: [LUNCH, { start: '16:00', end: '15:45' }] },
      [['breaks', 1, 'end']],
    ],
    [
      'the second break starts inside the first',
      { breaks: [LUNCH, { start: '13:00', end: '14:00' }] },
      [['breaks', 1, 'start']],
    ],
    [
      'the second break lies wholly inside the first',
      {
        breaks: [
          { start: '12:00', end: '15:00' },
          { start: '13:00', end: '14:00' },
        ],
      },
      [['breaks', 1, 'start']],
    ],
    [
      'two breaks overlap and are listed out of order (the later-starting one is named)',
      { breaks: [{ start: '13:00', end: '14:00' }, LUNCH] },
      [['breaks', 0, 'start']],
    ],
    ['two breaks are the same', { breaks: [LUNCH, LUNCH] }, [['breaks', 1, 'start']]],
    ['a break time is not a time', { breaks: [{ start: '12:00', end: '12:60' }] }, [['breaks', 0, 'end']]],
    [
      'there are more than 10 breaks',
      {
        breaks: Array.from({ length: 11 }, (_, hour) => ({
          start: `${String(hour + 1).padStart(2, '0')}:00`,
          end: `${String(hour + 1).padStart(2, '0')}:30`,
        })),
      },
      [['breaks']],
    ],
    [
      'dayHours name a weekday not in days (Saturday)',
      { dayHours: { '6': { start: '10:00', end: '16:00' } } },
      [['dayHours', '6']],
    ],
    [
      'dayHours end before they start',
      { days: [1, 2, 3, 4, 5, 6], dayHours: { '6': { start: '16:00', end: '10:00' } } },
      [['dayHours', '6', 'end']],
    ],
    [
      'dayHours end when they start',
      { dayHours: { '1': { start: '10:00', end: '10:00' } } },
      [['dayHours', '1', 'end']],
    ],
    [
      'dayHours for a day not in days also end before they start (both named)',
      { dayHours: { '7': { start: '16:00', end: '10:00' } } },
      [
        ['dayHours', '7'],
        ['dayHours', '7', 'end'],
      ],
    ],
  ])('when %s, then the calendar is refused at that path', (_when, change, paths) => {
    const result = CalendarSchema.safeParse({ ...BASE, ...change });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual(paths);
  });

  it('when dayHours use a key that is no weekday, then the key is refused under dayHours', () => {
    const result = CalendarSchema.safeParse({ ...BASE, dayHours: { '8': { start: '10:00', end: '16:00' } } });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['dayHours']]);
    expect(result.error?.issues[0]?.message).toContain('"8"');
  });
});

describe('CalendarSchema acceptances', () => {
  it.each<[string, Record<string, unknown>]>([
    ['the SPEC lunch break 12:00–13:30', { breaks: [LUNCH] }],
    [
      'two breaks that touch (12:00–13:00, 13:00–13:30)',
      {
        breaks: [
          { start: '12:00', end: '13:00' },
          { start: '13:00', end: '13:30' },
        ],
      },
    ],
    ['breaks listed out of order that do not overlap', { breaks: [{ start: '15:00', end: '15:15' }, LUNCH] }],
    ['a break outside the working hours', { breaks: [{ start: '19:00', end: '20:00' }] }],
    ['a break up to midnight', { start: '00:00', end: '24:00', breaks: [{ start: '23:00', end: '24:00' }] }],
    ['no breaks at all', { breaks: [] }],
    [
      'SPEC §5.2: Saturday added with its own 10:00–16:00',
      { days: [1, 2, 3, 4, 5, 6], dayHours: { '6': { start: '10:00', end: '16:00' } } },
    ],
    [
      'dayHours longer than the plain hours, with a break and an extra workday',
      {
        dayHours: { '1': { start: '08:00', end: '24:00' } },
        breaks: [LUNCH],
        extraWorkdays: ['2026-11-22'],
      },
    ],
  ])('when the calendar has %s, then it is accepted as given', (_when, change) => {
    const calendar = { ...BASE, ...change };

    const result = CalendarSchema.safeParse(calendar);

    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toEqual(calendar);
  });
});
