import { CATALOGUES } from './messages/index.js';
import type { Locale } from './locale.js';
import type { Messages } from './catalogue.js';

export type { Locale } from './locale.js';
export { LOCALES, isLocale, negotiateLocale } from './locale.js';

export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

const merged = new Map<Locale, Messages>();

/** Every message of a locale, all namespaces merged. */
export function messagesOf(locale: Locale): Messages {
  let messages = merged.get(locale);
  if (!messages) {
    messages = Object.assign({}, ...CATALOGUES.map((catalogue) => catalogue[locale])) as Messages;
    merged.set(locale, messages);
  }
  return messages;
}

/** A message cut at its `{name}` placeholders: literal text at even places, names at odd ones. */
type Pieces = readonly string[];

const PLACEHOLDER = /\{(\w+)\}/g;
/** More than the catalogues hold: what passes it (a missing key is its own text) starts afresh. */
const MAX_CUT_MESSAGES = 10_000;
const cutMessages = new Map<string, Pieces>();

/** A message's pieces, cut once per distinct message (a report fills the same ones thousands of times). */
function piecesOf(template: string): Pieces {
  let pieces = cutMessages.get(template);
  if (!pieces) {
    if (cutMessages.size >= MAX_CUT_MESSAGES) cutMessages.clear();
    pieces = template.split(PLACEHOLDER);
    cutMessages.set(template, pieces);
  }
  return pieces;
}

/**
 * A translator for one locale. `{name}` placeholders take params; with `count` 1 a `key.one`
 * message, where there is one, gives the singular ("1 probe"). A missing key shows itself
 * (and a test makes sure none is missing), and so does a placeholder without its param.
 */
export function translator(locale: Locale): Translate {
  const messages = messagesOf(locale);
  return (key, params) => {
    const template = (params?.['count'] === 1 ? messages[`${key}.one`] : undefined) ?? messages[key] ?? key;
    if (!params) return template;
    const pieces = piecesOf(template);
    let text = pieces[0] ?? '';
    for (let index = 1; index < pieces.length; index += 2) {
      const name = pieces[index] ?? '';
      const value = params[name];
      text += (value === undefined ? `{${name}}` : String(value)) + (pieces[index + 1] ?? '');
    }
    return text;
  };
}
