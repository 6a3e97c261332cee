import type { Locale } from './locale.js';

export type Messages = Record<string, string>;

/** One namespace of messages in every language; both languages must have the same keys. */
export type Catalogue = Record<Locale, Messages>;

export function defineMessages<const T extends Messages>(catalogue: {
  en: T;
  'zh-CN': Record<keyof T, string>;
}): Catalogue {
  return catalogue;
}
