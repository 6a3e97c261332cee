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

/**
 * A translator for one locale. `{name}` placeholders take params; with `count` 1 a `key.one`
 * message, where there is one, gives the singular ("1 probe"). A missing key shows itself
 * (and a test makes sure none is missing).
 */
export function translator(locale: Locale): Translate {
  const messages = messagesOf(locale);
  return (key, params) => {
    const template = (params?.['count'] === 1 ? messages[`${key}.one`] : undefined) ?? messages[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  };
}
