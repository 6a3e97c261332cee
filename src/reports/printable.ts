/**
 * The last step before text reaches pdfkit or the chart canvas. Input is validated, but
 * data stored before that (or restored from a backup) may still hold a NUL or half a
 * surrogate pair, and one such name must not cost the whole trial its reports.
 */
import { printableText } from '../domain/text.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Every string inside plain data (objects and arrays, as the report model and the chart
 * configurations are) made printable; anything else (functions, buffers) is kept as it is.
 */
export function printableDeep<T>(value: T, options: { lineBreaks?: boolean } = {}): T {
  if (typeof value === 'string') return printableText(value, options) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => printableDeep(item, options)) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, printableDeep(item, options)]),
    ) as T;
  }
  return value;
}

/**
 * What printableDeep does, in place: for data made for one use, such as a report's model. A big
 * report's model is tens of megabytes, and its printable copy kept two of them alive while the
 * pages were laid out. Only strings that change are replaced; shared parts stay shared. Keys are
 * walked with `for … in` rather than `Object.entries`, which made a pair per property (a third
 * of what a 40 × 200 report allocated before its first page).
 */
export function makePrintable<T>(value: T, options: { lineBreaks?: boolean } = {}): T {
  if (typeof value === 'string') return printableText(value, options) as T;
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (typeof item !== 'string') makePrintable(item, options);
      else {
        const printable = printableText(item, options);
        if (printable !== item) items[index] = printable;
      }
    }
  } else if (isPlainObject(value)) {
    const record: Record<string, unknown> = value;
    for (const key in record) {
      const item = record[key];
      if (typeof item !== 'string') makePrintable(item, options);
      else {
        const printable = printableText(item, options);
        if (printable !== item) record[key] = printable;
      }
    }
  }
  return value;
}
