import express, { Router, type Request, type RequestHandler } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { isSetUp, needsSetup } from '../../app/users.js';
import { isLocale } from '../../i18n/index.js';
import { attachmentPages } from '../attachments/pages.js';
import { withBody } from '../bodies.js';
import { accessByMethod, readerMayPost, requireAccess, routedPath } from '../auth/access.js';
import { authenticate, principalOf } from '../auth/authenticate.js';
import { ANONYMOUS_COOKIE, cookieOptions, type CookiePolicy } from '../auth/cookies.js';
import { csrfTokenFor, verifyCsrf } from '../auth/csrf.js';
import type { LoginLimiter } from '../auth/loginLimiter.js';
import { newSecret } from '../../app/secrets.js';
import { adminDeliveriesPages } from '../admin/adminDeliveriesPages.js';
import { adminPages } from '../admin/adminPages.js';
import { alertPages } from '../alerts/alertPages.js';
import { authPages } from '../auth/authPages.js';
import { calendarFillPages } from '../settings/calendarFillPages.js';
import { dashboardPages } from '../trials/dashboardPages.js';
import { diligencePages } from '../decisions/diligencePages.js';
import { decisionPages } from '../decisions/decisionPages.js';
import { freezeLocals } from '../freeze/locals.js';
import { freezePages } from '../freeze/pages.js';
import { decisionRecordPages } from '../decisions/decisionRecordPages.js';
import { importPages } from '../imports/importPages.js';
import { LANGUAGE_COOKIE, readCookie, viewLocals } from './locals.js';
import { matrixPages } from '../trials/matrixPages.js';
import { methodologyPages } from '../trials/methodologyPages.js';
import { probePages } from '../probes/probePages.js';
import { reportPages } from '../reports/reportPages.js';
import { safeNext } from '../auth/safeNext.js';
import { settingsModelPages } from '../settings/settingsModel.js';
import { settingsPages } from '../settings/settingsPages.js';
import { trialsPages } from '../trials/trialsPages.js';
import { vendorPages } from '../vendors/vendorPages.js';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;
/** Pages anyone may open: the set-up and sign-in forms, and the language switch. */
const PUBLIC_PATHS = new Set(['/setup', '/login']);
const isPublic = (req: Request) => PUBLIC_PATHS.has(routedPath(req)) || routedPath(req).startsWith('/lang/');

/**
 * The browser's secret for form tokens: its session, or before sign-in its anonymous
 * cookie. A form post with neither is refused (it cannot come from one of our pages).
 */
function browserSecret(req: Request, res: Parameters<RequestHandler>[1]): string | null {
  return (
    principalOf(res)?.sessionSecret ??
    readCookie(req.headers.cookie, ANONYMOUS_COOKIE) ??
    (res.locals['anonymousSecret'] as string | undefined) ??
    null
  );
}

/** Before sign-in, give the browser an anonymous secret so the log-in form can carry a CSRF token. */
function anonymousSecret(policy: CookiePolicy): RequestHandler {
  return (req, res, next) => {
    if (
      !principalOf(res) &&
      readCookie(req.headers.cookie, ANONYMOUS_COOKIE) === undefined &&
      req.method === 'GET'
    ) {
      const secret = newSecret();
      res.cookie(ANONYMOUS_COOKIE, secret, cookieOptions(policy, req));
      res.locals['anonymousSecret'] = secret;
    }
    next();
  };
}

/** Who is signed in and the form token, for every page. */
const accountLocals: RequestHandler = (req, res, next) => {
  const principal = principalOf(res);
  const secret = browserSecret(req, res);
  res.locals['csrfToken'] = secret === null ? '' : csrfTokenFor(secret);
  res.locals['currentUser'] = principal?.user;
  res.locals['canWrite'] = principal !== undefined && principal.role !== 'viewer';
  res.locals['isAdmin'] = principal?.role === 'admin';
  next();
};

/** While no account exists, every page leads to the set-up page. */
function setupFirst(deps: AppDeps): RequestHandler {
  const whileNoAccount: RequestHandler = async (req, res, next) => {
    if (routedPath(req) !== '/setup' && !routedPath(req).startsWith('/lang/') && (await needsSetup(deps))) {
      res.redirect(303, '/setup');
      return;
    }
    next();
  };
  // Once an account exists, no page waits on the question again.
  return (req, res, next) => {
    if (isSetUp(deps)) {
      next();
      return;
    }
    return whileNoAccount(req, res, next);
  };
}

const toLogin: RequestHandler = (req, res) => {
  const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
  res.redirect(303, `/login${next}`);
};

/** The server-rendered pages (SPEC §6), over the same use cases as the API. */
export function webRouter(deps: AppDeps, policy: CookiePolicy, limiter: LoginLimiter): Router {
  const web = Router();
  // The page helpers first: a form body the parser refuses (too large) still gets a page, not JSON.
  web.use(viewLocals);
  web.use(withBody(express.urlencoded({ extended: false, limit: '1mb' })));
  web.use(authenticate(deps, policy));
  web.use(anonymousSecret(policy));
  web.use(accountLocals);
  web.use(setupFirst(deps));
  web.use(verifyCsrf(browserSecret));

  web.get('/lang/:locale', (req, res) => {
    const locale = req.params.locale;
    if (isLocale(locale)) {
      res.cookie(LANGUAGE_COOKIE, locale, { maxAge: ONE_YEAR_SECONDS * 1000, sameSite: 'lax', path: '/' });
    }
    res.redirect(303, safeNext(req.query['next']));
  });
  web.use(authPages(deps, policy, limiter));

  web.use(
    requireAccess(
      accessByMethod((req) =>
        isPublic(req) ? 'public' : routedPath(req).startsWith('/admin') ? 'admin' : readerMayPost(req),
      ),
      toLogin,
    ),
  );
  web.use(freezeLocals(deps));
  // The busiest pages first (dashboards are open all day, their board refreshed every 30 s):
  // no route below shares their paths.
  web.use(dashboardPages(deps));
  web.use(freezePages(deps));
  web.use(trialsPages(deps));
  // Before the settings and vendor pages: it adds their diligence sections and owns …/settings/diligence.
  web.use(diligencePages(deps));
  // Before the settings pages: its POST …/settings/model would otherwise reach …/settings/:section.
  web.use(settingsModelPages(deps));
  // Before the settings pages: its POST …/settings/alerts would otherwise reach …/settings/:section.
  web.use(alertPages(deps));
  web.use(settingsPages(deps));
  web.use(calendarFillPages(deps));
  web.use(vendorPages(deps));
  web.use(probePages(deps));
  web.use(attachmentPages(deps));
  web.use(matrixPages(deps));
  web.use(methodologyPages(deps));
  web.use(reportPages(deps));
  web.use(decisionPages(deps));
  web.use(decisionRecordPages(deps));
  web.use(importPages(deps));
  web.use(adminPages(deps));
  web.use(adminDeliveriesPages(deps));
  return web;
}
