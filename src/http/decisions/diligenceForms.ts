/**
 * The diligence forms as typed: stored values to form fields, form fields to use-case input,
 * and the use case's field paths back to the form's field names (so errors sit by the field).
 */
import type { Diligence } from '../../domain/schemas.js';
import type { Translate } from '../../i18n/index.js';
import { optionalNumber, optionalText, type FormState } from '../web/forms.js';

/** The notices a saved form leads back to (`?saved=` on the vendor page). */
export const DILIGENCE_SAVED = ['team', 'references', 'checks'] as const;

export interface DiligenceForms {
  team: FormState;
  /** The "add a reference call" form. */
  reference: FormState;
  /** One edit form per stored reference, by its place in the list. */
  references: (FormState | undefined)[];
  checks: FormState;
}

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'yes' : 'no');
/** "yes"/"no" as booleans; empty is not given; anything else is passed on to be refused. */
const typedYesNo = (value: string | undefined): boolean | string | undefined =>
  value === 'yes' ? true : value === 'no' ? false : optionalText(value);
const count = (value: number | undefined) => (value === undefined ? '' : String(value));

export function teamValues(team: Diligence['supportTeam']): Record<string, string> {
  return {
    size: count(team.size),
    l2Engineers: count(team.l2Engineers),
    rtcSpecialists: count(team.rtcSpecialists),
    languages: (team.languages ?? []).join(', '),
    hoursByTimezone: team.hoursByTimezone ?? '',
    namedCsm: yesNo(team.namedCsm),
    notes: team.notes ?? '',
  };
}

/** Languages typed as a list: commas (also Chinese 、 and ，) or new lines between them. */
const languagesOf = (value: string | undefined) => {
  const languages = (value ?? '')
    .split(/[,，、\n]/)
    .map((language) => language.trim())
    .filter((language) => language !== '');
  return languages.length === 0 ? undefined : languages;
};

export function teamInput(values: Record<string, string>) {
  return {
    size: optionalNumber(values['size']),
    l2Engineers: optionalNumber(values['l2Engineers']),
    rtcSpecialists: optionalNumber(values['rtcSpecialists']),
    languages: languagesOf(values['languages']),
    hoursByTimezone: optionalText(values['hoursByTimezone']),
    namedCsm: typedYesNo(values['namedCsm']),
    notes: optionalText(values['notes']),
  };
}

export function referenceValues(reference: Diligence['references'][number]): Record<string, string> {
  return {
    customer: reference.customer,
    contactRole: reference.contactRole ?? '',
    date: reference.date,
    summary: reference.summary,
    rating: String(reference.rating),
    wouldRecommend: yesNo(reference.wouldRecommend),
  };
}

export function referenceInput(values: Record<string, string>) {
  return {
    customer: values['customer'] ?? '',
    contactRole: optionalText(values['contactRole']),
    date: (values['date'] ?? '').trim(),
    summary: values['summary'] ?? '',
    rating: optionalNumber(values['rating']),
    wouldRecommend: typedYesNo(values['wouldRecommend']),
  };
}

/** One row per questionnaire item: `item.<i>` (hidden), `answer.<i>`, `note.<i>`. */
export function checksValues(answers: readonly { item: string; answer: string; note?: string }[]) {
  const values: Record<string, string> = {};
  answers.forEach((answer, index) => {
    values[`item.${String(index)}`] = answer.item;
    values[`answer.${String(index)}`] = answer.answer;
    values[`note.${String(index)}`] = answer.note ?? '';
  });
  return values;
}

export function checksInput(values: Record<string, string>) {
  const rows = Object.keys(values).filter((key) => /^item\.\d+$/.test(key)).length;
  return Array.from({ length: rows }, (_, index) => ({
    item: values[`item.${String(index)}`] ?? '',
    answer: values[`answer.${String(index)}`] ?? 'unknown',
    note: optionalText(values[`note.${String(index)}`]),
  }));
}

/** The questionnaire typed one item a line; blank lines are skipped. */
export const itemsInput = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Errors of `diligenceItems.<i>` say which line, beside the one text area. */
export function itemsErrors(errors: Record<string, string>, t: Translate): Record<string, string> {
  const placed: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const line = /^diligenceItems\.(\d+)$/.exec(path)?.[1];
    const text =
      line === undefined ? message : t('diligence.items.lineError', { line: Number(line) + 1, message });
    placed[path.startsWith('diligenceItems') ? 'items' : '_form'] ??= text;
  }
  return placed;
}

/** Use-case paths to form fields: `supportTeam.size` → size, `checks.3.answer` → answer.3. */
export function placeDiligenceErrors(errors: Record<string, string>): Record<string, string> {
  const placed: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const team = /^supportTeam\.(\w+)/.exec(path)?.[1];
    const reference = /^reference\.(\w+)/.exec(path)?.[1];
    const check = /^checks\.(\d+)\.(answer|note)/.exec(path);
    const field = team ?? reference ?? (check ? `${check[2] ?? ''}.${check[1] ?? ''}` : '_form');
    placed[field] ??= message;
  }
  return placed;
}
