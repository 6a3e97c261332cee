/**
 * What free text may hold, and how text is made printable. A NUL in a vendor's name once
 * made every PDF of its trial fail (the canvas cannot pass it to its C library); a lone
 * UTF-16 surrogate has no UTF-8 encoding at all. So text fields refuse C0 controls (U+0000–
 * U+001F) and DEL, multi-line fields keeping tab and line breaks, and every field refuses
 * unpaired surrogates. Bidi overrides stay allowed: right-to-left text legitimately uses them.
 */
import { z } from 'zod';

/** C0 controls and DEL: control characters (`\p{Cc}`) without the C1 block. */
const CONTROL = /[^\P{Cc}\u0080-\u009F]/u;
/** The same, less what a multi-line text lays out with: tab, line feed, carriage return. */
const CONTROL_EXCEPT_LAYOUT = /[^\P{Cc}\t\n\r\u0080-\u009F]/u;
/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Stable messages: the API returns them, and the web forms map their starts to reason words. */
export const TEXT_MESSAGES = {
  singleLine: 'must not contain control characters, tabs or line breaks',
  multiLine: 'must not contain control characters other than tabs and line breaks',
  surrogates: 'must not contain unpaired surrogates (text that is not valid Unicode)',
} as const;

function withTextRules<T extends z.ZodString>(schema: T, control: RegExp, message: string): T {
  return schema
    .refine((text) => !control.test(text), { message })
    .refine((text) => !LONE_SURROGATE.test(text), { message: TEXT_MESSAGES.surrogates });
}

/** `schema` as a one-line text (a name, a title, a reference): no control character at all. */
export function singleLine<T extends z.ZodString>(schema: T): T {
  return withTextRules(schema, CONTROL, TEXT_MESSAGES.singleLine);
}

/** `schema` as free text over lines (notes, descriptions, quoted clauses): tabs and line breaks allowed. */
export function multiLine<T extends z.ZodString>(schema: T): T {
  return withTextRules(schema, CONTROL_EXCEPT_LAYOUT, TEXT_MESSAGES.multiLine);
}

export const singleLineText = (max: number) => singleLine(z.string().max(max));
export const multiLineText = (max: number) => multiLine(z.string().max(max));

/**
 * The first `max` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair:
 * a shortened value (the audit log's) stays valid Unicode, which PostgreSQL insists on.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

const CONTROLS = new RegExp(CONTROL.source, 'gu');
const CONTROLS_EXCEPT_LAYOUT = new RegExp(CONTROL_EXCEPT_LAYOUT.source, 'gu');
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * Text safe to draw whatever got stored: lone surrogates and control characters become
 * U+FFFD, so the damage shows rather than vanishes. With `lineBreaks`, CR LF and CR become
 * LF and a tab a space (PDF text wraps on LF and knows no tab stops); without, each of them
 * becomes a space (a chart label is one line).
 */
export function printableText(text: string, { lineBreaks = false }: { lineBreaks?: boolean } = {}): string {
  if (!CONTROL.test(text) && !LONE_SURROGATE.test(text)) return text;
  const laidOut = lineBreaks
    ? text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')
    : text.replace(/\r\n|[\t\n\r]/g, ' ');
  const kept = lineBreaks ? '\n' : '';
  return laidOut
    .replace(LONE_SURROGATES, '\uFFFD')
    .replace(CONTROLS, (control) => (control === kept ? control : '\uFFFD'));
}

/** Fields of stored records that hold one line of text (everything else may span lines). */
const SINGLE_LINE_KEYS = new Set([
  'id',
  'trialId',
  'vendorId',
  'userId',
  'scenarioId',
  'name',
  'title',
  'product',
  'contact',
  'currency',
  'document',
  'version',
  'level',
  'ref',
  'vendorRef',
  'email',
]);

/**
 * Stored records made to pass today's text rules, for data written before the rules existed:
 * what they refuse becomes U+FFFD (a tab or line break in a one-line field, a space), so a
 * folder that an earlier version accepted still opens. Deterministic, so an id and the
 * references to it stay equal.
 */
export function repairStoredText<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    let text: string = value;
    if (SINGLE_LINE_KEYS.has(key)) text = text.replace(/\r\n|[\t\n\r]/g, ' ');
    return text.replace(LONE_SURROGATES, '\uFFFD').replace(CONTROLS_EXCEPT_LAYOUT, '\uFFFD') as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => repairStoredText(item, key)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([field, item]) => [field, repairStoredText(item, field)]),
    ) as T;
  }
  return value;
}
