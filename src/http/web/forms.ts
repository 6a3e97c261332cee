import type { Issue } from '../../app/errors.js';
import { AppError } from '../../app/errors.js';
import type { Translate } from '../../i18n/index.js';

/** A form's state for re-rendering: what was typed, and a message per field path. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

/** Field messages in the user's language; issues on an unknown field path go to the form itself. */
export function fieldErrors(issues: readonly Issue[], t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path || '_form';
    errors[key] ??= t(`error.${issue.reason ?? 'invalid'}`);
  }
  return errors;
}

/** Run a use case for a form; a validation error becomes field messages instead of a failure. */
export async function attempt<T>(
  run: () => Promise<T>,
  t: Translate,
): Promise<{ ok: true; value: T } | { ok: false; errors: Record<string, string> }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation')
      return { ok: false, errors: fieldErrors(error.issues, t) };
    if (error instanceof AppError && error.code === 'conflict')
      return { ok: false, errors: { _form: t('error.conflict') } };
    throw error;
  }
}

/** Browsers send a textarea's line breaks as CR LF; stored text uses LF, so a re-save changes nothing. */
const unixLines = (value: string) => value.replace(/\r\n?/g, '\n');

/** Form fields as strings (urlencoded bodies give strings, or arrays for repeated names). */
export function formFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return fields;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') fields[key] = unixLines(value);
    else if (Array.isArray(value)) fields[key] = value.map((item) => unixLines(String(item))).join(',');
  }
  return fields;
}

/** Every value of a repeated field (checkbox groups). */
export function formList(body: unknown, name: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const value = (body as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}

/** Empty text means "not given". */
export const optionalText = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/**
 * A number typed by a person; empty is undefined, and anything unreadable is returned as is
 * so that validation reports it against the field.
 */
export function optionalNumber(value: string | undefined): number | string | undefined {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  const number = Number(text.replace(',', '.'));
  return Number.isFinite(number) ? number : text;
}

/**
 * A duration typed as minutes or hours: "90", "90 min", "1.5 h", "2h30", "1 d" (also 分钟,
 * 小时, 天). Returns minutes, undefined when empty, or the text itself when unreadable.
 */
export function parseDuration(value: string | undefined): number | string | undefined {
  const text = optionalText(value)?.toLowerCase().replace(/\s+/g, '').replace(',', '.');
  if (text === undefined) return undefined;
  const units: Record<string, number> = {
    '': 1,
    m: 1,
    min: 1,
    mins: 1,
    minute: 1,
    minutes: 1,
    分钟: 1,
    分: 1,
    h: 60,
    hr: 60,
    hrs: 60,
    hour: 60,
    hours: 60,
    小时: 60,
    时: 60,
    d: 1440,
    day: 1440,
    days: 1440,
    天: 1440,
  };
  const compound = /^(\d+(?:\.\d+)?)(h|小时)(\d+)(m|min|分钟)?$/.exec(text);
  if (compound) return Number(compound[1]) * 60 + Number(compound[3]);
  const simple = /^(\d+(?:\.\d+)?)([a-z\u4e00-\u9fff]*)$/.exec(text);
  const factor = simple ? units[simple[2] ?? ''] : undefined;
  if (!simple || factor === undefined) return value?.trim();
  return Number(simple[1]) * factor;
}

/** Minutes shown in a form field the way a person would type them. */
export function durationInput(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '';
  if (minutes >= 120 && minutes % 60 === 0) return `${minutes / 60} h`;
  return String(minutes);
}
