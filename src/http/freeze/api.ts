import type { Request, Router } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { closeTrial, reopenTrial, verifyTrial } from '../../app/trialFreeze.js';
import { principalOf, unauthorized } from '../auth/authenticate.js';

const trialIdOf = (req: Request) => String(req.params['trialId']);

/**
 * Freezing a trial (SPEC §8): `POST /trials/:trialId/close` (any writer), `POST
 * /trials/:trialId/reopen` (admins; the use case checks the role), `GET
 * /trials/:trialId/verify` (any reader).
 */
export function freezeApi(api: Router, deps: AppDeps): void {
  api.post('/trials/:trialId/close', async (req, res) => {
    res.json(await closeTrial(deps, trialIdOf(req)));
  });
  api.post('/trials/:trialId/reopen', async (req, res) => {
    const principal = principalOf(res);
    if (!principal) throw unauthorized();
    res.json(await reopenTrial(deps, trialIdOf(req), req.body, principal.role));
  });
  api.get('/trials/:trialId/verify', async (req, res) => {
    res.json(await verifyTrial(deps, trialIdOf(req)));
  });
}
