import type { CookieOptions, Request } from 'express';

/**
 * Cookie names and flags. Behind HTTPS (or a trusted TLS proxy) the session cookie gets
 * the `__Host-` prefix and `Secure`, so it is never sent over plain HTTP nor set by a
 * sibling domain.
 */
export interface CookiePolicy {
  /** True when the app is served over HTTPS, directly or through TRUST_PROXY. */
  secure: (req: Request) => boolean;
}

export const SESSION_COOKIE = 'sla_session';
export const SECURE_SESSION_COOKIE = '__Host-sla_session';
/** A random value for forms shown before sign-in (log-in, set-up), to bind their CSRF token to. */
export const ANONYMOUS_COOKIE = 'sla_anon';

export function sessionCookieName(policy: CookiePolicy, req: Request): string {
  return policy.secure(req) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function cookieOptions(policy: CookiePolicy, req: Request, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: policy.secure(req),
    path: '/',
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
  };
}
