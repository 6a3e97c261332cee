/**
 * The times chat apps print when a conversation is copied, read in the trial's zone.
 * Accepted: `2026-11-20 10:15`, `2026/11/20 10:15:30`, `2026年11月20日 10:15`, `11-20 10:15`,
 * `11/20 10:15`, `11月20日 10:15` (the year of the last full date, else the latest year
 * that is not in the future), `10:15` (continuing the last date seen), `昨天 10:15` /
 * `Yesterday 10:15` / `今天` / `前天` (counted back from the import's instant, and flagged:
 * the copy does not say when it was made), with optional seconds and `AM`/`PM`/`上午`/`下午`.
 */
import { DateTime } from 'luxon';

const TIME = String.raw`(?:(上午|下午|凌晨|晚上)\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?`;
const FULL_DATE = String.raw`(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?`;
const SHORT_DATE = String.raw`(\d{1,2})[-/月](\d{1,2})日?`;
const RELATIVE = String.raw`(今天|昨天|前天|today|yesterday)`;

/** A header's time at the end of a line: `<name>  <time>`, the name being whatever comes before. */
export const TIME_AT_END = new RegExp(
  String.raw`^(.*?\S)\s+((?:${FULL_DATE}|${SHORT_DATE}|${RELATIVE})?\s*${TIME})\s*$`,
  'i',
);
/** The whole of a bracketed Slack time: `[2026-11-20 10:15]`, `[10:15 AM]`. */
export const BRACKETED = /^\[([^\]]{4,40})\]\s*(.+?)\s*[:：]\s?(.*)$/;
/** A date divider on its own line: `2026-11-20`, `2026年11月20日`, Slack's `Friday, November 20th`. */
const DIVIDER = new RegExp(String.raw`^\s*-*\s*${FULL_DATE}(?:\s+\S+)?\s*-*\s*$`);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ENGLISH_DIVIDER =
  /^\s*-*\s*(?:[a-z]+day,\s*)?([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\s*-*\s*$/i;

const PATTERN = new RegExp(String.raw`^(?:${FULL_DATE}|${SHORT_DATE}|${RELATIVE})?\s*${TIME}$`, 'i');

export interface ChatClock {
  timezone: string;
  now: DateTime;
  /** The last date read, which a bare `10:15` continues. */
  lastDate: DateTime | undefined;
}

export type ReadTime =
  { at: DateTime; dated: boolean; relative: boolean; hasDate: true } | { hasDate: false; time: string };

export function readDivider(line: string, clock: ChatClock): boolean {
  const iso = DIVIDER.exec(line);
  const english = iso ? null : ENGLISH_DIVIDER.exec(line);
  const month = english ? MONTHS.indexOf((english[1] ?? '').toLowerCase()) + 1 : Number(iso?.[2]);
  if (!iso && (!english || month === 0)) return false;
  const day = Number(iso ? iso[3] : english?.[2]);
  const year = iso ? Number(iso[1]) : english?.[3] ? Number(english[3]) : undefined;
  const date =
    year === undefined
      ? yearOf(month, day, { hour: 0, minute: 0 }, clock)
      : DateTime.fromObject({ year, month, day }, { zone: clock.timezone });
  if (!date.isValid) return false;
  clock.lastDate = date;
  return true;
}

/** The instant a printed time stands for, or why it is not one; `undefined` when it is no time at all. */
export function readTime(text: string, clock: ChatClock): ReadTime | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, shortMonth, shortDay, relative, period, hourText, minute, second, ampm] = match;
  let hour = Number(hourText);
  const pm = /pm/i.test(ampm ?? '') || period === '下午' || period === '晚上';
  const am = /am/i.test(ampm ?? '') || period === '上午' || period === '凌晨';
  if (pm && hour < 12) hour += 12;
  if (am && hour === 12) hour = 0;
  const time = { hour, minute: Number(minute), second: Number(second ?? 0) };
  if (hour > 23 || time.minute > 59 || time.second > 59) return undefined;
  let date: DateTime | undefined;
  if (year)
    date = DateTime.fromObject(
      { year: Number(year), month: Number(month), day: Number(day) },
      { zone: clock.timezone },
    );
  else if (shortMonth) date = yearOf(Number(shortMonth), Number(shortDay), time, clock);
  else if (relative) date = clock.now.startOf('day').minus({ days: daysBack(relative) });
  else date = clock.lastDate;
  if (!date) return { hasDate: false, time: text.trim() };
  const at = date.set(time);
  if (!at.isValid) return undefined;
  if (year || shortMonth || relative) clock.lastDate = at.startOf('day');
  return { at, dated: Boolean(year || shortMonth), relative: Boolean(relative), hasDate: true };
}

function daysBack(word: string): number {
  const lower = word.toLowerCase();
  return lower === '昨天' || lower === 'yesterday' ? 1 : lower === '前天' ? 2 : 0;
}

/** A month and day without a year: the last date's year, else the latest one not after now. */
function yearOf(
  month: number,
  day: number,
  time: { hour: number; minute: number },
  clock: ChatClock,
): DateTime {
  const year = clock.lastDate?.year ?? clock.now.year;
  const date = DateTime.fromObject({ year, month, day }, { zone: clock.timezone });
  if (clock.lastDate === undefined && date.set(time) > clock.now) return date.minus({ years: 1 });
  return date;
}
