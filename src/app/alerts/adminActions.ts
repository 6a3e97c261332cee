/**
 * What an admin does with the outbox (SPEC §9): send a test message to a target, and put a
 * delivery that died (or is still waiting) back in line. Both go through
 * `enqueueDeliveries`, which stores and audits them under the admin; the delivery loop then
 * sends them like any other.
 */
import { z } from 'zod';
import { DELIVERY_STATUSES, newDelivery, type Delivery } from '../../domain/alerting.js';
import { translator } from '../../i18n/index.js';
import type { AppDeps } from '../deps.js';
import { conflict, notFound } from '../errors.js';
import { parseInput } from '../parse.js';
import { requireAdmin, type AlertCaller } from './webhooks.js';

/** A page of the list: the newest 200 unless asked for more, 1000 at most. */
export const DEFAULT_LISTED = 200;
const MAX_LISTED = 1000;

type ActionDeps = Pick<AppDeps, 'repository' | 'now' | 'newId' | 'alerts'>;

/**
 * Queues "Test message from SLA Probe for <trial>" to the target, in the target's language,
 * due now. Returns the queued delivery (its message carries no secret).
 */
export async function sendTestMessage(
  deps: ActionDeps,
  webhookId: string,
  caller: AlertCaller,
): Promise<Delivery> {
  requireAdmin(caller);
  const webhook = await deps.repository.getWebhook(webhookId);
  if (!webhook) throw notFound('webhook');
  const trial = await deps.repository.getTrial(webhook.trialId);
  if (!trial) throw notFound('trial');
  const now = deps.now().toISOString();
  const t = translator(webhook.language);
  const delivery = newDelivery(
    {
      id: deps.newId('delivery'),
      alertKey: null,
      trialId: trial.id,
      webhookId: webhook.id,
      userId: null,
      channel: webhook.kind,
      message: {
        type: 'test',
        trialId: trial.id,
        probeId: null,
        vendorId: null,
        target: null,
        at: now,
        url: `${deps.alerts.publicBaseUrl ?? ''}/trials/${encodeURIComponent(trial.id)}`,
        text: t('alertPages.testMessage', { trial: trial.name }),
      },
    },
    now,
  );
  await deps.repository.enqueueDeliveries([delivery]);
  return delivery;
}

/**
 * A dead or pending delivery goes back in line: pending, no attempts counted, due now. The
 * last answer it got stays visible until the next attempt replaces it. A delivered one is a
 * 409 (sending it again is what "send a test message" is for), and so is one whose target
 * was removed since.
 */
export async function retryDelivery(
  deps: ActionDeps,
  deliveryId: string,
  caller: AlertCaller,
): Promise<Delivery> {
  requireAdmin(caller);
  const delivery = await deps.repository.getDelivery(deliveryId);
  if (!delivery) throw notFound('delivery');
  if (delivery.status === 'delivered')
    throw conflict('This delivery was delivered: there is nothing to retry');
  if (delivery.webhookId !== null && !(await deps.repository.getWebhook(delivery.webhookId))) {
    throw conflict('The target of this delivery was removed');
  }
  const reset: Delivery = {
    ...delivery,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: deps.now().toISOString(),
  };
  await deps.repository.enqueueDeliveries([reset]);
  return reset;
}

/** The filters of the deliveries list; a query value that is not one of them is a 400. */
const DeliveryQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  trialId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LISTED).default(DEFAULT_LISTED),
});

/** Deliveries newest first, by status and trial (admins only: they name every trial's targets). */
export async function listDeliveries(
  deps: ActionDeps,
  query: unknown,
  caller: AlertCaller,
): Promise<readonly Delivery[]> {
  requireAdmin(caller);
  const filter = parseInput(DeliveryQuerySchema, query ?? {});
  return deps.repository.listDeliveries(filter);
}
