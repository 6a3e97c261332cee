import type { Request, RequestHandler } from 'express';
import { choiceByHeader } from '../headerChoice.js';
import { formattersFor, type Formatters } from '../../i18n/format.js';
import {
  isLocale,
  LOCALES,
  negotiateLocale,
  translator,
  type Locale,
  type Translate,
} from '../../i18n/index.js';

export const LANGUAGE_COOKIE = 'lang';

/** Cookies of a request, parsed plainly (only our own simple values are read). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface ViewHelpers {
  locale: Locale;
  locales: readonly Locale[];
  t: Translate;
  currentUrl: string;
  langUrl: (locale: Locale) => string;
  fmt: Formatters;
}

const localeOfHeader = choiceByHeader('accept-language', (req) =>
  negotiateLocale(undefined, req.headers['accept-language']),
);

/** The language a request asks for: the language cookie, else its Accept-Language. */
export function requestLocale(req: Request): Locale {
  const chosen =
    req.headers.cookie === undefined ? undefined : readCookie(req.headers.cookie, LANGUAGE_COOKIE);
  if (isLocale(chosen)) return chosen;
  return localeOfHeader(req);
}

/** A language's translator and formatters: the same for every request in it, so made once. */
const TOOLS = new Map(
  LOCALES.map((locale) => [locale, { t: translator(locale), fmt: formattersFor(locale) }]),
);

/** Every page's locals: the negotiated locale, its translator and formatters. */
export const viewLocals: RequestHandler = (req, res, next) => {
  const locale = requestLocale(req);
  const { t, fmt } = TOOLS.get(locale) ?? { t: translator(locale), fmt: formattersFor(locale) };
  const helpers: ViewHelpers = {
    locale,
    locales: LOCALES,
    t,
    currentUrl: req.originalUrl,
    langUrl: (target) => `/lang/${target}?next=${encodeURIComponent(req.originalUrl)}`,
    fmt,
  };
  Object.assign(res.locals, helpers);
  res.setHeader('Content-Language', locale);
  res.vary('Accept-Language, Cookie');
  next();
};

export function helpersOf(res: { locals: Record<string, unknown> }): ViewHelpers {
  return res.locals as unknown as ViewHelpers;
}
