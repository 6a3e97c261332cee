import { Router } from 'express';
import type { AppDeps } from '../../app/deps.js';

/** Account management for admins: users, API tokens, the audit log. */
export function adminPages(_deps: AppDeps): Router {
  return Router();
}
