import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../../app/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The form token of a browser: an HMAC of its session secret (or, before sign-in, of its
 * anonymous cookie). Only a page served to that browser can know it; the secret itself is
 * in an HttpOnly cookie no script can read.
 */
export function csrfTokenFor(secret: string): string {
  return createHmac('sha256', secret).update('sla-probe csrf').digest('base64url');
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * True when the browser says the request came from another site. Browsers send
 * Sec-Fetch-Site; older ones an Origin header. (Under our `Referrer-Policy: no-referrer`
 * a same-origin form post carries `Origin: null`, which says nothing either way: the form
 * token decides then.)
 */
function crossSite(req: Request): boolean {
  const fetchSite = req.get('sec-fetch-site');
  if (fetchSite !== undefined) return fetchSite === 'cross-site' || fetchSite === 'same-site';
  const origin = req.get('origin');
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    return true;
  }
}

const isForm = (body: unknown): body is Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body);

function multipartQueryToken(req: Request): unknown {
  return req.is('multipart/form-data') ? (req.query as Record<string, unknown>)[CSRF_FIELD] : undefined;
}

export const csrfRefused = () =>
  new AppError(403, 'csrf', 'The form has expired or came from another site; reload the page and try again');

/**
 * Refuse a state-changing request that comes from another site or lacks the form token of
 * the browser's secret. `secretOf` answers the secret; `undefined` when the request does not
 * ride on a cookie at all (an API call with a bearer token: nothing for a forger to borrow),
 * `null` when it should have one and has none.
 */
export function verifyCsrf(
  secretOf: (req: Request, res: Response) => string | null | undefined,
): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const secret = secretOf(req, res);
    if (secret === undefined) {
      next();
      return;
    }
    if (secret === null) throw csrfRefused();
    const body: unknown = req.body;
    const form = isForm(body) ? body : undefined;
    // A multipart body is read after this check (by the route, within its limits): a form
    // that uploads files carries its token in the query string instead.
    const given = req.get(CSRF_HEADER) ?? form?.[CSRF_FIELD] ?? multipartQueryToken(req);
    if (crossSite(req) || !sameToken(given, csrfTokenFor(secret))) throw csrfRefused();
    // The token has done its job; the use cases parse bodies strictly and must not see it.
    if (form) req.body = Object.fromEntries(Object.entries(form).filter(([key]) => key !== CSRF_FIELD));
    next();
  };
}
