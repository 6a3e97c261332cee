/**
 * Filling a calendar's holidays and make-up workdays (SPEC §2 Calendar): from an uploaded
 * iCalendar file or from the Chinese public-holiday table (the State Council's 放假调休
 * notices, shipped inside the `chinese-days` package: nothing is fetched at run time). The
 * dates are shown as a preview first; only the confirmed ones are added, through the trial
 * or vendor update use case, so the change is validated and audited like any other edit.
 */
import chineseDays from 'chinese-days';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Calendar, Trial, Vendor } from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { AppError, invalid } from './errors.js';
import { parseInput } from './parse.js';
import { getTrial, updateTrial } from './trials.js';
import { getVendor, updateVendor } from './vendors.js';

export type FillKind = 'holiday' | 'workday';

/** One date a source offers: a day off, or a weekend day worked to make up for one. */
export interface FillDate {
  date: string;
  kind: FillKind;
  /** The event's summary, or the holiday's name in the reader's language. */
  name: string;
}

/** The most dates one file may add: the calendar keeps at most 2000 of each kind. */
export const MAX_FILL_DATES = 2000;
/** An all-day event longer than this is not a holiday (a "Q4" or "2026" block). */
const MAX_EVENT_DAYS = 62;

const icsError = (message: string) => invalid([{ path: 'file', message, reason: 'ics' }]);

/**
 * Summaries that mark a day worked instead of off: Chinese calendars write 班 (a bare "班"
 * badge, 补班, 调休上班, 上班), English ones "workday", "make-up day", "working day". 调休 on its
 * own is the holiday side of the swap, so it is not in the list.
 */
const WORKDAY_SUMMARY = /班|work\s*-?\s*day|working\s+day|make\s*-?\s*up/i;

/** Apple's and several Chinese feeds' own marker, when a file has one. */
const APPLE_SPECIAL_DAY = 'x-apple-special-day';

function kindOf(event: ICAL.Component, summary: string): FillKind {
  const special = event.getFirstPropertyValue(APPLE_SPECIAL_DAY);
  if (typeof special === 'string') {
    if (special.toUpperCase() === 'ALTERNATE-WORKDAY') return 'workday';
    if (special.toUpperCase() === 'WORK-HOLIDAY') return 'holiday';
  }
  return WORKDAY_SUMMARY.test(summary) ? 'workday' : 'holiday';
}

const isoDate = (time: ICAL.Time): string =>
  `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;

/** The days an all-day event covers: DTEND is exclusive; without it, DURATION or one day. */
function daysOf(event: ICAL.Event, startDate: ICAL.Time): string[] {
  const start = DateTime.fromISO(isoDate(startDate), { zone: 'utc' });
  // The typings promise an end; an event with neither DTEND nor DURATION may still lack one.
  const endDate = event.endDate as ICAL.Time | null;
  const end = endDate?.isDate ? DateTime.fromISO(isoDate(endDate), { zone: 'utc' }) : undefined;
  const count = end && end > start ? Math.round(end.diff(start, 'days').days) : 1;
  if (count > MAX_EVENT_DAYS) return [];
  return Array.from({ length: count }, (_, offset) => start.plus({ days: offset }).toISODate() ?? '');
}

/**
 * The all-day events of an iCalendar file as holidays and make-up workdays, by date. Timed
 * events (a meeting, a call) are not days off and are skipped; so are recurring rules, whose
 * occurrences a holiday feed lists one by one anyway. Anything that is not a readable
 * VCALENDAR is refused with a message saying so (400, never a crash).
 */
export function datesFromIcs(text: string): FillDate[] {
  let root: ICAL.Component;
  try {
    const parsed: unknown = ICAL.parse(text.replace(/^\uFEFF/, ''));
    if (!Array.isArray(parsed) || parsed.length === 0) throw new Error('empty');
    // Several calendars in one file parse as a list of them; the first is read.
    const first: unknown = typeof parsed[0] === 'string' ? parsed : parsed[0];
    root = new ICAL.Component(first as unknown[]);
  } catch {
    throw icsError('not an iCalendar (.ics) file: it should start with BEGIN:VCALENDAR');
  }
  if (root.name !== 'vcalendar') {
    throw icsError('not an iCalendar (.ics) file: it should start with BEGIN:VCALENDAR');
  }
  const found = new Map<string, FillDate>();
  for (const component of root.getAllSubcomponents('vevent')) {
    let event: ICAL.Event;
    let days: string[];
    try {
      event = new ICAL.Event(component);
      // A VEVENT without DTSTART has no start, whatever the typings say.
      const startDate = event.startDate as ICAL.Time | null;
      if (!startDate?.isDate) continue;
      days = daysOf(event, startDate);
    } catch {
      throw icsError('an event of this file has a date that cannot be read');
    }
    const summary = ((event.summary as string | null) ?? '').trim();
    const kind = kindOf(component, summary);
    for (const date of days) {
      if (!z.iso.date().safeParse(date).success) continue;
      // A date both off and worked in one file: the make-up workday is the exception, so it wins.
      const current = found.get(date);
      if (current === undefined || (current.kind === 'holiday' && kind === 'workday')) {
        found.set(date, { date, kind, name: summary });
      }
    }
  }
  if (found.size > MAX_FILL_DATES) {
    throw icsError(`this file has ${found.size} days off or worked; at most ${MAX_FILL_DATES} can be added`);
  }
  return [...found.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const FIRST_TABLE_YEAR = 2004;

/** A day of the table: `work` is whether it is worked, `name` "English,中文,days" on listed days. */
function tableDay(date: string): { work: boolean; names?: [string, string] } {
  const detail = chineseDays.getDayDetail(date);
  const parts = detail.name.split(',');
  return parts.length >= 2
    ? { work: detail.work, names: [parts[0] ?? '', parts[1] ?? ''] }
    : { work: detail.work };
}

/** The last year the scan for notices looks at: far beyond any release of the package. */
const LAST_TABLE_YEAR = 2199;
let tableYears: readonly number[] | undefined;

/** The years the table has notices for, oldest first (read once: the package's data is fixed). */
export function chineseTableYears(): readonly number[] {
  // National Day (1 October) is a holiday in every year the State Council has announced.
  tableYears ??= Array.from(
    { length: LAST_TABLE_YEAR - FIRST_TABLE_YEAR + 1 },
    (_, i) => FIRST_TABLE_YEAR + i,
  ).filter((year) => tableDay(`${year}-10-01`).names !== undefined);
  return tableYears;
}

export const TableYearSchema = z.coerce.number().int().min(FIRST_TABLE_YEAR).max(LAST_TABLE_YEAR);

/**
 * A year's public holidays and make-up workdays from the State Council's notices: every day
 * off the table names (weekends inside a holiday included: they are part of it), and every
 * Saturday or Sunday it says is worked.
 */
export function datesFromChineseTable(year: number, language: 'en' | 'zh-CN'): FillDate[] {
  if (!chineseTableYears().includes(year)) {
    throw invalid([
      { path: 'year', message: 'the holiday table has no notice for this year', reason: 'tableYear' },
    ]);
  }
  const dates: FillDate[] = [];
  let day = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: 'utc' });
  while (day.year === year) {
    const date = day.toISODate() ?? '';
    const { work, names } = tableDay(date);
    if (names !== undefined) {
      const name = language === 'zh-CN' ? names[1] : names[0];
      if (!work) dates.push({ date, kind: 'holiday', name });
      else if (day.weekday >= 6) dates.push({ date, kind: 'workday', name });
    }
    day = day.plus({ days: 1 });
  }
  return dates;
}

/** A date of the preview: what it is, its ISO weekday, and whether the calendar has it already. */
export interface FillRow extends FillDate {
  weekday: number;
  present: boolean;
}

export interface FillPreview {
  rows: FillRow[];
  /** What "Add N dates" adds: the dates the calendar does not have yet. */
  adding: { holidays: string[]; extraWorkdays: string[] };
}

/** The offered dates against the calendar: which are new, which it already lists. */
export function previewFill(calendar: Calendar, dates: readonly FillDate[]): FillPreview {
  const holidays = new Set(calendar.holidays);
  const workdays = new Set(calendar.extraWorkdays);
  const rows = dates.map((offered) => ({
    ...offered,
    weekday: DateTime.fromISO(offered.date, { zone: 'utc' }).weekday,
    present: (offered.kind === 'holiday' ? holidays : workdays).has(offered.date),
  }));
  const adding = (kind: FillKind) =>
    rows.filter((row) => row.kind === kind && !row.present).map((row) => row.date);
  return { rows, adding: { holidays: adding('holiday'), extraWorkdays: adding('workday') } };
}

/** What the confirm form sends back: the dates the preview listed as new. */
export const FillConfirmSchema = z.object({
  holidays: z
    .array(z.iso.date({ message: 'must be a date YYYY-MM-DD' }))
    .max(MAX_FILL_DATES)
    .default([]),
  extraWorkdays: z
    .array(z.iso.date({ message: 'must be a date YYYY-MM-DD' }))
    .max(MAX_FILL_DATES)
    .default([]),
});
export type FillConfirm = z.infer<typeof FillConfirmSchema>;

const union = (stored: readonly string[], added: readonly string[]) =>
  [...new Set([...stored, ...added])].sort();

/**
 * The calendar with the confirmed dates added (kept sorted, without repeats), or null when
 * it already has them all: then nothing is saved and nothing is audited.
 */
export function withFilledDates(calendar: Calendar, confirm: FillConfirm): Calendar | null {
  const holidays = union(calendar.holidays, confirm.holidays);
  const extraWorkdays = union(calendar.extraWorkdays, confirm.extraWorkdays);
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((v, i) => v === b[i]);
  if (
    same(holidays, [...calendar.holidays].sort()) &&
    same(extraWorkdays, [...calendar.extraWorkdays].sort())
  ) {
    return null;
  }
  return { ...calendar, holidays, extraWorkdays };
}

/** Adds the confirmed dates to the trial calendar; answers the trial as it now is. */
export async function fillTrialCalendar(deps: AppDeps, trialId: string, body: unknown): Promise<Trial> {
  const confirm = parseInput(FillConfirmSchema, body);
  const trial = await getTrial(deps, trialId);
  const calendar = withFilledDates(trial.calendar, confirm);
  return calendar === null ? trial : updateTrial(deps, trialId, { calendar });
}

/** Adds the confirmed dates to a vendor's own support hours (a vendor without them has none to fill). */
export async function fillVendorHours(deps: AppDeps, vendorId: string, body: unknown): Promise<Vendor> {
  const confirm = parseInput(FillConfirmSchema, body);
  const vendor = await getVendor(deps, vendorId);
  if (vendor.supportHours === undefined) throw noSupportHours();
  const supportHours = withFilledDates(vendor.supportHours, confirm);
  return supportHours === null ? vendor : updateVendor(deps, vendorId, { supportHours });
}

/** Filling needs the vendor's own hours: without them the trial calendar applies. */
export const noSupportHours = () =>
  new AppError(409, 'conflict', 'The vendor has no support hours of its own; it follows the trial calendar');
