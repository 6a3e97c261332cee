import type { Request, Response, Router } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { listDeliveries, retryDelivery, sendTestMessage } from '../../app/alerts/adminActions.js';
import { createWebhook, deleteWebhook, listWebhooks, type AlertCaller } from '../../app/alerts/webhooks.js';
import { runIdempotent } from '../../app/idempotency.js';
import { principalOf, unauthorized } from '../auth/authenticate.js';

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
  api.post('/trials/:trialId/webhooks', async (req, res) => {
    const caller = callerOf(res);
    const create = () => createWebhook(deps, param(req, 'trialId'), req.body, caller);
    const key = req.get('Idempotency-Key');
    if (key === undefined) {
      res.status(201).json(await create());
      return;
    }
    // As `creating` does, except that a replayed answer is presented again: never its secret.
    const answer = await runIdempotent(
      deps,
      {
        accountId: caller.userId,
        key,
        method: req.method,
        path: `${req.baseUrl}${req.path}`,
        body: req.body as unknown,
        status: 201,
      },
      create,
    );
    if (answer.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(answer.status).json(answer.body);
  });
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
