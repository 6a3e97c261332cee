/**
 * A table as both spreadsheet formats write it: translated headers, then rows of typed cells.
 * Numbers stay numbers and times stay times, so the XLSX can hold real numbers and dates and
 * the CSV the same columns as text.
 */
import { DateTime } from 'luxon';

export const TABLES = ['scorecard', 'probes', 'events', 'clauses'] as const;
export type TableName = (typeof TABLES)[number];

/** A wall-clock time in the trial's zone, `yyyy-mm-dd hh:mm` (the header names the zone). */
export interface LocalTime {
  local: string;
}

export type Cell = string | number | LocalTime | null;

export interface Column {
  header: string;
  /** How Excel shows a number column: `0.00`, `0%`, `0`. */
  numberFormat?: string;
}

export interface Table {
  name: TableName;
  /** The sheet's name in the chosen language. */
  title: string;
  columns: Column[];
  rows: Cell[][];
}

export const LOCAL_TIME_FORMAT = 'yyyy-MM-dd HH:mm';

export function localTime(iso: string | null | undefined, zone: string): LocalTime | null {
  if (!iso) return null;
  return { local: DateTime.fromISO(iso, { zone }).toFormat(LOCAL_TIME_FORMAT) };
}

export const isLocalTime = (cell: Cell): cell is LocalTime => typeof cell === 'object' && cell !== null;

/** A cell as text: the CSV's field and what a column's width is measured by. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (isLocalTime(cell)) return cell.local;
  return String(cell);
}

/**
 * Text a spreadsheet would read as a formula when it opens or pastes it (OWASP "CSV injection"):
 * `=`, `+`, `-`, `@`, and tab or carriage return before any of them.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
