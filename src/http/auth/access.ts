import type { Request, RequestHandler } from 'express';
import { roleAllows, type Permission } from '../../domain/accounts.js';
import { AppError } from '../../app/errors.js';
import { principalOf, unauthorized } from './authenticate.js';

/**
 * The path as the router will match it: Express routes ignore case and a trailing slash,
 * so a rule written for `/audit` must also catch `/AUDIT/`.
 */
export function routedPath(req: Request): string {
  return req.path.toLowerCase().replace(/\/+$/, '') || '/';
}

/** What a route needs: a permission, or nothing at all (`public`). */
export type Access = Permission | 'public';

/**
 * The role a request needs, decided in one place for a whole router so no route can be
 * forgotten: reading takes `read`, any other method `write`, unless `rule` says otherwise.
 */
export function accessByMethod(rule: (req: Request) => Access | undefined = () => undefined) {
  return (req: Request): Access =>
    rule(req) ?? (req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'write');
}

/**
 * Posts a reader may send: who may act there is decided by the use case, not the role (a
 * decision's named approvers sign it, viewers included). Every other write keeps `write`.
 */
const READER_POSTS = [/^\/trials\/[^/]+\/decision\/approvals$/];
export const readerMayPost = (req: Request): Access | undefined =>
  req.method === 'POST' && READER_POSTS.some((path) => path.test(routedPath(req))) ? 'read' : undefined;

export const forbidden = () => new AppError(403, 'forbidden', 'Your role does not allow this');

/**
 * 401 without an account, 403 with one whose role is too low. `onAnonymous` lets pages
 * send a browser to the log-in page instead.
 */
export function requireAccess(
  accessOf: (req: Request) => Access,
  onAnonymous?: RequestHandler,
): RequestHandler {
  return (req, res, next) => {
    const access = accessOf(req);
    if (access === 'public') {
      next();
      return;
    }
    const principal = principalOf(res);
    if (!principal) {
      if (onAnonymous) {
        onAnonymous(req, res, next);
        return;
      }
      throw unauthorized();
    }
    if (!roleAllows(principal.role, access)) throw forbidden();
    next();
  };
}
