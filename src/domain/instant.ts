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

/** The number written by `length` digits from `at`, or -1 when one of them is not a digit. */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Character codes of the stored form's separators, by position. */
const SEPARATORS: readonly (readonly [number, number])[] = [
  [4, '-'.charCodeAt(0)],
  [7, '-'.charCodeAt(0)],
  [10, 'T'.charCodeAt(0)],
  [13, ':'.charCodeAt(0)],
  [16, ':'.charCodeAt(0)],
  [19, '.'.charCodeAt(0)],
  [23, 'Z'.charCodeAt(0)],
];

function isStoredShape(text: string): boolean {
  if (text.length !== STORED_LENGTH) return false;
  for (const [at, code] of SEPARATORS) if (text.charCodeAt(at) !== code) return false;
  return true;
}

/** Epoch milliseconds of an ISO 8601 instant: the same number as `Date.parse(text)`. */
export function instantMs(text: string): number {
  if (!isStoredShape(text)) return Date.parse(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const ms = digits(text, 20, 3);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    ms < 0
  ) {
    return Date.parse(text);
  }
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}
