/**
 * SLA clocks (SPEC §3). `calendar` minutes are plain elapsed time; `business` minutes are the
 * minutes inside a calendar's working windows: a working day's hours [start, end) local time
 * (its weekday's `dayHours`, or the plain hours) minus its breaks, in the calendar's time zone.
 * Local times map to instants with Temporal's "compatible" rule: a repeated local time takes
 * the earlier instant, a skipped one moves forward by the length of the gap.
 */
import type { Calendar, Clock } from './schemas.js';
import { ZoneOffsets, type OffsetSource } from './zoneOffsets.js';

export type { OffsetSource };

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** The least number of days a business clock's windows grow by when a query falls outside them. */
const MIN_GROWTH_DAYS = 31;

export function calendarMinutesBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / MS_PER_MINUTE;
}

/** A civil day (days since 1970-01-01) as its "YYYY-MM-DD" key and ISO weekday (1 = Monday). */
function civilDate(dayNumber: number): { key: string; weekday: number } {
  const date = new Date(dayNumber * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  return { key, weekday };
}

/** The instant of a local wall time in a zone, by Temporal's "compatible" disambiguation. */
export function localToInstant(zone: OffsetSource, dayNumber: number, minuteOfDay: number): number {
  const wall = dayNumber * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  const offsetBefore = zone.offset(wall - MS_PER_DAY);
  const offsetAfter = zone.offset(wall + MS_PER_DAY);
  // The earliest instant whose offset agrees with the wall time, trying each distinct
  // offset in force around it; written out without a Set or array, as every working day
  // of every clock comes through here.
  let earliest = Number.POSITIVE_INFINITY;
  const before = wall - offsetBefore * MS_PER_MINUTE;
  if (zone.offset(before) === offsetBefore) earliest = before;
  if (offsetAfter !== offsetBefore) {
    const after = wall - offsetAfter * MS_PER_MINUTE;
    if (zone.offset(after) === offsetAfter) earliest = Math.min(earliest, after);
  }
  if (earliest !== Number.POSITIVE_INFINITY) return earliest;
  // In a gap: keep the offset in force before it, which moves the time forward by the gap.
  return before;
}

/** The local civil day (days since epoch) that contains an instant. */
function localDayOf(zone: ZoneOffsets, ms: number): number {
  return Math.floor((ms + zone.offset(ms) * MS_PER_MINUTE) / MS_PER_DAY);
}

function minuteOfDay(clockTime: string): number {
  const [hours = 0, minutes = 0] = clockTime.split(':').map(Number);
  return hours * 60 + minutes;
}

/** A stretch of local time in minutes of the day, [start, end). */
interface MinuteSpan {
  start: number;
  end: number;
}

function minuteSpan(span: { readonly start: string; readonly end: string }): MinuteSpan {
  return { start: minuteOfDay(span.start), end: minuteOfDay(span.end) };
}

/**
 * Working windows of one calendar, generated lazily for the days queried and kept with
 * prefix sums, so each query costs a binary search rather than a walk over the days.
 * A working day yields one window per stretch of its hours between breaks.
 */
export class BusinessClock {
  private readonly zone: ZoneOffsets;
  private readonly weekdays: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;
  private readonly extraWorkdays: ReadonlySet<string>;
  /** The plain hours: every listed weekday without dayHours, and every extra workday. */
  private readonly plainHours: MinuteSpan;
  /** hoursByWeekday[1..7]: a listed weekday's own hours (its dayHours, else the plain hours). */
  private readonly hoursByWeekday: readonly MinuteSpan[];
  /** Breaks sorted by local start; empty for most calendars, which then keep one window a day. */
  private readonly breaks: readonly MinuteSpan[];
  private firstDay = 0;
  private lastDay = -1;
  private starts: number[] = [];
  private ends: number[] = [];
  /** cumulative[i] = working ms in windows before window i. */
  private cumulative: number[] = [0];

  constructor(calendar: Calendar) {
    this.zone = ZoneOffsets.of(calendar.timezone);
    this.weekdays = new Set(calendar.days);
    this.holidays = new Set(calendar.holidays);
    this.extraWorkdays = new Set(calendar.extraWorkdays);
    this.plainHours = minuteSpan(calendar);
    const dayHours: Readonly<Partial<Record<string, { start: string; end: string }>>> =
      calendar.dayHours ?? {};
    this.hoursByWeekday = Array.from({ length: 8 }, (_, weekday) => {
      const own = dayHours[String(weekday)];
      return own ? minuteSpan(own) : this.plainHours;
    });
    this.breaks = (calendar.breaks ?? []).map(minuteSpan).sort((a, b) => a.start - b.start);
  }

  isWorkingDay(key: string, weekday: number): boolean {
    return this.hoursOf(key, weekday) !== undefined;
  }

  /**
   * A working day's hours, or undefined on a day off. A listed weekday that is not a holiday
   * works its dayHours (SPEC §2); an extra workday outside that works the plain start/end, as
   * a make-up Sunday works an ordinary day.
   */
  private hoursOf(key: string, weekday: number): MinuteSpan | undefined {
    if (this.weekdays.has(weekday) && !this.holidays.has(key)) return this.hoursByWeekday[weekday];
    return this.extraWorkdays.has(key) ? this.plainHours : undefined;
  }

  /** Business minutes in [fromMs, toMs); negative when toMs is before fromMs. */
  minutesBetween(fromMs: number, toMs: number): number {
    if (toMs < fromMs) return 0 - this.minutesBetween(toMs, fromMs);
    this.cover(fromMs, toMs);
    return (this.workedUntil(toMs) - this.workedUntil(fromMs)) / MS_PER_MINUTE;
  }

  /** The instant at which `minutes` business minutes have passed since fromMs. */
  addMinutes(fromMs: number, minutes: number): number {
    if (minutes <= 0) return fromMs;
    let horizon = fromMs + Math.max(minutes * MS_PER_MINUTE * 4, 14 * MS_PER_DAY);
    for (let attempt = 0; attempt < 8; attempt++) {
      this.cover(fromMs, horizon);
      const target = this.workedUntil(fromMs) + minutes * MS_PER_MINUTE;
      const index = this.lastIndexWithCumulativeBelow(target);
      if (index >= 0 && index < this.starts.length) {
        const start = this.starts[index] ?? 0;
        const reached = start + (target - (this.cumulative[index] ?? 0));
        if (reached <= (this.ends[index] ?? 0)) return Math.max(reached, fromMs);
      }
      horizon = fromMs + (horizon - fromMs) * 4;
    }
    return Number.POSITIVE_INFINITY;
  }

  private lastIndexWithCumulativeBelow(target: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((this.cumulative[mid] ?? 0) < target) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  /** Working ms from the first generated window up to an instant. */
  private workedUntil(ms: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    let index = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((this.starts[mid] ?? 0) <= ms) {
        index = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (index < 0) return 0;
    const start = this.starts[index] ?? 0;
    const end = this.ends[index] ?? 0;
    return (this.cumulative[index] ?? 0) + Math.min(ms, end) - start;
  }

  /**
   * Makes sure the windows reach from before `fromMs` to after `toMs`. A range that must grow
   * grows by at least its own length (and a month), so probes queried in time order cost a
   * few builds rather than one per new day. The extra days change no answer: each day's
   * windows depend only on that day, and every query takes a difference of working time.
   */
  private cover(fromMs: number, toMs: number): void {
    const wantFirst = localDayOf(this.zone, fromMs) - 1;
    const wantLast = localDayOf(this.zone, toMs) + 1;
    const built = this.lastDay >= this.firstDay;
    if (built && wantFirst >= this.firstDay && wantLast <= this.lastDay) return;
    const growth = Math.max(MIN_GROWTH_DAYS, built ? this.lastDay - this.firstDay + 1 : 0);
    const first = !built ? wantFirst : wantFirst < this.firstDay ? wantFirst - growth : this.firstDay;
    const last = !built ? wantLast + growth : wantLast > this.lastDay ? wantLast + growth : this.lastDay;
    this.build(first, last);
  }

  private build(firstDay: number, lastDay: number): void {
    const starts: number[] = [];
    const ends: number[] = [];
    const cumulative: number[] = [0];
    const push = (start: number, end: number) => {
      starts.push(start);
      ends.push(end);
      cumulative.push((cumulative[cumulative.length - 1] ?? 0) + end - start);
    };
    for (let dayNumber = firstDay; dayNumber <= lastDay; dayNumber++) {
      const { key, weekday } = civilDate(dayNumber);
      const hours = this.hoursOf(key, weekday);
      if (!hours) continue;
      const start = localToInstant(this.zone, dayNumber, hours.start);
      const end = localToInstant(this.zone, dayNumber, hours.end);
      if (end <= start) continue;
      if (this.breaks.length === 0) push(start, end);
      else this.pushBetweenBreaks(dayNumber, hours, start, end, push);
    }
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    this.starts = starts;
    this.ends = ends;
    this.cumulative = cumulative;
  }

  /**
   * The day's window [start, end) minus its breaks. Each break is first clipped to the day's
   * local hours (a break outside them cuts nothing, even where daylight saving would move it
   * inside), then cut out as instants: across a skipped hour local order and instant order
   * can disagree (02:30 in a gap lands after 03:00), and instants are what elapse.
   */
  private pushBetweenBreaks(
    dayNumber: number,
    hours: MinuteSpan,
    start: number,
    end: number,
    push: (start: number, end: number) => void,
  ): void {
    const cuts: MinuteSpan[] = [];
    for (const span of this.breaks) {
      const from = Math.max(span.start, hours.start);
      const to = Math.min(span.end, hours.end);
      if (from >= to) continue;
      const cutStart = localToInstant(this.zone, dayNumber, from);
      const cutEnd = localToInstant(this.zone, dayNumber, to);
      if (cutEnd > cutStart) cuts.push({ start: cutStart, end: cutEnd });
    }
    cuts.sort((a, b) => a.start - b.start);
    let cursor = start;
    for (const cut of cuts) {
      if (cut.start >= end) break;
      if (cut.start > cursor) push(cursor, cut.start);
      cursor = Math.max(cursor, cut.end);
    }
    if (cursor < end) push(cursor, end);
  }
}

/** Minutes between two instants on a clock: plain elapsed time, or the business calendar's. */
export interface SlaClock {
  minutesBetween(fromMs: number, toMs: number): number;
  addMinutes(fromMs: number, minutes: number): number;
}

export const CALENDAR_CLOCK: SlaClock = {
  minutesBetween: calendarMinutesBetween,
  addMinutes: (fromMs, minutes) => fromMs + minutes * MS_PER_MINUTE,
};

export function clockFor(kind: Clock, business: BusinessClock): SlaClock {
  return kind === 'calendar' ? CALENDAR_CLOCK : business;
}
