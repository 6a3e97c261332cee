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
