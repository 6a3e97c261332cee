import type { Request, Response, Router } from 'express';
import type { AppDeps } from '../app/deps.js';
import { listDeliveries, retryDelivery, sendTestMessage } from '../app/alerts/adminActions.js';
import { createWebhook, deleteWebhook, listWebhooks, type AlertCaller } from '../app/alerts/webhooks.js';
import { principalOf, unauthorized } from './auth/authenticate.js';
import { creating } from './idempotency.js';

const param = (req: Request, name: string) => String(req.params[name]);

/** The signed-in caller: the use cases decide what their role allows. */
function callerOf(res: Response | undefined): AlertCaller {
  const principal = res ? principalOf(res) : undefined;
  if (!principal) throw unauthorized();
  return { userId: principal.user.id, role: principal.role };
}

/**
 * Alerts (SPEC §8, §9): a trial's targets (`GET` any reader; `POST` and `DELETE` admins), the
 * outbox of deliveries, a test message and a retry (admins). Secrets never appear in an answer.
 */
export function alertsApi(api: Router, deps: AppDeps): void {
  api.get('/trials/:trialId/webhooks', async (req, res) => {
    res.json(await listWebhooks(deps, param(req, 'trialId')));
  });
  api.post(
    '/trials/:trialId/webhooks',
    creating(deps, (req) => createWebhook(deps, param(req, 'trialId'), req.body, callerOf(req.res))),
  );
  api.delete('/webhooks/:webhookId', async (req, res) => {
    await deleteWebhook(deps, param(req, 'webhookId'), callerOf(res));
    res.status(204).end();
  });
  api.post('/webhooks/:webhookId/test', async (req, res) => {
    res.status(202).json(await sendTestMessage(deps, param(req, 'webhookId'), callerOf(res)));
  });
  api.get('/deliveries', async (req, res) => {
    res.json(await listDeliveries(deps, req.query, callerOf(res)));
  });
  api.post('/deliveries/:deliveryId/retry', async (req, res) => {
    res.status(202).json(await retryDelivery(deps, param(req, 'deliveryId'), callerOf(res)));
  });
}
