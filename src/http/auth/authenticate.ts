import type { Request, RequestHandler, Response } from 'express';
import type { AuditActor } from '../../domain/accounts.js';
import type { AppDeps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { principalOfSession, principalOfToken, type Principal } from '../../app/sessions.js';
import { actingAs } from '../../app/requestContext.js';
import { readCookie } from '../web/locals.js';
import { sessionCookieName, type CookiePolicy } from './cookies.js';

const ANONYMOUS: AuditActor = { via: 'session', userId: null, email: null };

export function principalOf(res: Response): Principal | undefined {
  return res.locals['principal'] as Principal | undefined;
}

export const unauthorized = (message = 'Sign in, or send an API token as "Authorization: Bearer …"') =>
  new AppError(401, 'unauthorized', message);

function actorOf(principal: Principal | undefined): AuditActor {
  if (!principal) return ANONYMOUS;
  return {
    via: principal.via,
    userId: principal.user.id,
    email: principal.user.email,
    ...(principal.token ? { tokenId: principal.token.id } : {}),
  };
}

/** The session cookie's value, if the request carries one. */
export function sessionSecretOf(policy: CookiePolicy, req: Request): string | undefined {
  return readCookie(req.headers.cookie, sessionCookieName(policy, req)) || undefined;
}

/**
 * Who is asking: a bearer token if the request has an Authorization header (a wrong one
 * is a 401, never a fall-back to the cookie), else the session cookie. The rest of the
 * request runs as that actor, so every change it makes is audited under their name.
 */
export function authenticate(deps: AppDeps, policy: CookiePolicy): RequestHandler {
  return async (req, res, next) => {
    let principal: Principal | undefined;
    const header = req.get('authorization');
    if (header !== undefined) {
      const bearer = /^Bearer[ ]+([A-Za-z0-9_-]{1,200})[ ]*$/i.exec(header)?.[1];
      principal = bearer === undefined ? undefined : await principalOfToken(deps, bearer);
      if (!principal)
        throw unauthorized('The API token is not valid (unknown, revoked, or its account is deactivated)');
    } else {
      const secret = sessionSecretOf(policy, req);
      if (secret) principal = await principalOfSession(deps, secret);
    }
    res.locals['principal'] = principal;
    actingAs(actorOf(principal), next);
  };
}
