/**
 * An import problem in words (SPEC §8 imports): the code's message from the catalogue, its
 * place (file, message) before it, and schema words among its params (a field, a side, an
 * event kind) translated too, so the Chinese preview shows no English word but what the
 * files themselves said. The API's English text comes from here as well.
 */
import type { ImportProblem } from '../domain/imports.js';
import { translator, type Params, type Translate } from './index.js';

/** Field names as the item holds them → their label in the import catalogue. */
const fieldLabel = (t: Translate, field: string) =>
  t(`imports.field.${field === 'vendorId' ? 'vendor' : field === 'probeId' ? 'probe' : field}`);

const TRANSLATED: Record<string, (t: Translate, value: string) => string> = {
  field: fieldLabel,
  fields: (t, value) =>
    value
      .split(',')
      .map((field) => fieldLabel(t, field.trim()))
      .join(t('list.separator')),
  actor: (t, value) => t(`actor.${value}`),
  kind: (t, value) => t(`event.${value}`),
};

export function problemText(t: Translate, problem: ImportProblem): string {
  const given = problem.params ?? {};
  const params: Params = {};
  for (const [name, value] of Object.entries(given)) {
    const translate = TRANSLATED[name];
    params[name] = translate && typeof value === 'string' ? translate(t, value) : value;
  }
  const text = t(`imports.problem.${problem.code}`, params);
  if (given['file'] === undefined) return text;
  const place =
    given['index'] === undefined
      ? t('imports.problem.in', { file: given['file'] })
      : t('imports.problem.inMessage', { file: given['file'], index: given['index'] });
  return `${place}${text}`;
}

const english = translator('en');

/** The English words of a problem: the API's `message`, and the text of a refused commit. */
export const englishProblem = (problem: ImportProblem): string => problemText(english, problem);
