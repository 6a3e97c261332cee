/**
 * Instants as stored (the schemas keep every timestamp as UTC ISO 8601 with milliseconds,
 * "2026-11-20T02:00:00.000Z") read as epoch milliseconds. A 20 × 100 scorecard reads about
 * twenty thousand of them, and `Date.parse` — a call into the runtime's general date parser
 * — was the largest single cost of scoring. The stored form is read here with plain
 * arithmetic; anything else (another offset, no milliseconds, a date that does not exist)
 * goes to `Date.parse`, so the answer is always the one `Date.parse` gives.
 */

const MS_PER_DAY = 86_400_000;
/** "YYYY-MM-DDTHH:MM:SS.sssZ" */
const STORED_LENGTH = 24;
const ZERO = 48;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The two-digit number at `at`, or -1 when either character is not a digit. */
function twoDigits(text: string, at: number): number {
  const high = text.charCodeAt(at) - ZERO;
  const low = text.charCodeAt(at + 1) - ZERO;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

const DASH = 45;
const T = 84;
const COLON = 58;
const DOT = 46;
const Z = 90;

/** "YYYY-MM-DDTHH:MM:SS.sssZ" by its length and separators, checked one by one (no loop, no slice). */
function isStoredShape(text: string): boolean {
  return (
    text.length === STORED_LENGTH &&
    text.charCodeAt(4) === DASH &&
    text.charCodeAt(7) === DASH &&
    text.charCodeAt(10) === T &&
    text.charCodeAt(13) === COLON &&
    text.charCodeAt(16) === COLON &&
    text.charCodeAt(19) === DOT &&
    text.charCodeAt(23) === Z
  );
}

/** Epoch milliseconds of a text in the stored form with every field in range; NaN for anything else. */
function storedMs(text: string): number {
  if (!isStoredShape(text)) return Number.NaN;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const centiseconds = twoDigits(text, 20);
  const lastDigit = text.charCodeAt(22) - ZERO;
  if (
    century < 0 ||
    yearOfCentury < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    centiseconds < 0 ||
    lastDigit < 0 ||
    lastDigit > 9
  ) {
    return Number.NaN;
  }
  const year = century * 100 + yearOfCentury;
  if (day > daysInMonth(year, month)) return Number.NaN;
  const ms = centiseconds * 10 + lastDigit;
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** Epoch milliseconds of an ISO 8601 instant: the same number as `Date.parse(text)`. */
export function instantMs(text: string): number {
  const ms = storedMs(text);
  return Number.isNaN(ms) ? Date.parse(text) : ms;
}

/**
 * Whether `text` is an instant exactly as the schemas store it ("2026-11-20T02:00:00.000Z", a
 * date that exists): such a text needs no parsing to be validated or normalised, which is what
 * opening a data folder does to every one of its tens of thousands of timestamps.
 */
export function isStoredInstant(text: string): boolean {
  return !Number.isNaN(storedMs(text));
}
