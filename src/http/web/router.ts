import express, { Router } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { isLocale } from '../../i18n/index.js';
import { LANGUAGE_COOKIE, viewLocals } from './locals.js';
import { dashboardPages } from './dashboardPages.js';
import { matrixPages } from './matrixPages.js';
import { methodologyPages } from './methodologyPages.js';
import { probePages } from './probePages.js';
import { reportPages } from './reportPages.js';
import { settingsPages } from './settingsPages.js';
import { trialsPages } from './trialsPages.js';
import { vendorPages } from './vendorPages.js';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** A same-site path to return to; anything else goes to the trials list. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : '/trials';
}

/** The server-rendered pages (SPEC §6), over the same use cases as the API. */
export function webRouter(deps: AppDeps): Router {
  const web = Router();
  web.use(express.urlencoded({ extended: false, limit: '1mb' }));
  web.use(viewLocals);

  web.get('/lang/:locale', (req, res) => {
    const locale = req.params.locale;
    if (isLocale(locale)) {
      res.cookie(LANGUAGE_COOKIE, locale, { maxAge: ONE_YEAR_SECONDS * 1000, sameSite: 'lax', path: '/' });
    }
    res.redirect(303, safeNext(req.query['next']));
  });

  web.use(trialsPages(deps));
  web.use(dashboardPages(deps));
  web.use(settingsPages(deps));
  web.use(vendorPages(deps));
  web.use(probePages(deps));
  web.use(matrixPages(deps));
  web.use(methodologyPages(deps));
  web.use(reportPages(deps));
  return web;
}
