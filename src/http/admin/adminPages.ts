import { Router } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { requireAccess } from '../auth/access.js';
import { adminAuditPages } from './adminAuditPages.js';
import { adminTokensPages } from './adminTokensPages.js';
import { adminUsersPages } from './adminUsersPages.js';

/**
 * Account management for admins: users, API tokens, the audit log. The router in front
 * already lets only admins reach /admin paths; these pages check the role once more, so
 * a change to that rule cannot open them by accident.
 *
 * Every admin router matches paths case-sensitively. The check in front looks for paths
 * starting with "/admin"; with Express's default case-insensitive routing, "/ADMIN/users"
 * would slip past it and still reach these pages.
 */
export function adminPages(deps: AppDeps): Router {
  const pages = Router({ caseSensitive: true });
  pages.use(
    '/admin',
    requireAccess(() => 'admin'),
  );
  // Account lists and one-time secrets must not linger in a shared browser's cache.
  pages.use('/admin', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  pages.get('/admin', (_req, res) => {
    res.redirect(303, '/admin/users');
  });
  pages.use(adminUsersPages(deps));
  pages.use(adminTokensPages(deps));
  pages.use(adminAuditPages(deps));
  return pages;
}
