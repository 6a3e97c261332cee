import { Router, type Request } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { closeTrial, reopenTrial } from '../../app/trialFreeze.js';
import { principalOf, unauthorized } from '../auth/authenticate.js';

const trialIdOf = (req: Request) => String(req.params['trialId']);
const dashboardUrl = (trialId: string) => `/trials/${encodeURIComponent(trialId)}`;

/**
 * The dashboard's "Close trial" button (writers) and the banner's "Reopen" button (admins;
 * the use case checks the role); both lead back to the dashboard.
 */
export function freezePages(deps: AppDeps): Router {
  const pages = Router();
  pages.post('/trials/:trialId/close', async (req, res) => {
    const trial = await closeTrial(deps, trialIdOf(req));
    res.redirect(303, dashboardUrl(trial.id));
  });
  pages.post('/trials/:trialId/reopen', async (req, res) => {
    const principal = principalOf(res);
    if (!principal) throw unauthorized();
    const status =
      req.body && (req.body as Record<string, unknown>)['status'] === 'planning' ? 'planning' : 'running';
    const trial = await reopenTrial(deps, trialIdOf(req), { status }, principal.role);
    res.redirect(303, dashboardUrl(trial.id));
  });
  return pages;
}
