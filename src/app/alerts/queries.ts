/**
 * What the board and the probe page show of the alerts (SPEC §9, issue 15): which alerts fired
 * for each open probe, and for one probe the alerts sent with the fate of each delivery. Read
 * only; the triggers and the delivery loop write them.
 */
import type { Alert, Delivery, WebhookKind } from '../../domain/alerting.js';
import type { AppDeps } from '../deps.js';

/** Newest first: the latest news about a probe is what a reader wants to see first. */
const newestFirst = (a: Alert, b: Alert) =>
  b.firedAt.localeCompare(a.firedAt) || b.at.localeCompare(a.at) || a.key.localeCompare(b.key);

/** Each probe's alerts in one trial, newest first; a probe without alerts is not in the map. */
export async function alertsByProbe(
  deps: AppDeps,
  trialId: string,
): Promise<ReadonlyMap<string, readonly Alert[]>> {
  const byProbe = new Map<string, Alert[]>();
  for (const alert of await deps.repository.listAlerts({ trialId })) {
    const list = byProbe.get(alert.probeId);
    if (list) list.push(alert);
    else byProbe.set(alert.probeId, [alert]);
  }
  for (const list of byProbe.values()) list.sort(newestFirst);
  return byProbe;
}

export interface AlertWithDeliveries {
  alert: Alert;
  /** Newest first. Delivered and dead ones go after 30 days, so an old alert may have none. */
  deliveries: readonly Delivery[];
}

/** One probe's alerts, newest first, each with the deliveries it queued (found by its key). */
export async function alertsForProbe(deps: AppDeps, probeId: string): Promise<AlertWithDeliveries[]> {
  const alerts = [...(await deps.repository.listAlerts({ probeId }))].sort(newestFirst);
  const trialId = alerts[0]?.trialId;
  if (trialId === undefined) return [];
  const keys = new Set(alerts.map((alert) => alert.key));
  const deliveries = (
    await deps.repository.listDeliveries({ trialId, limit: Number.MAX_SAFE_INTEGER })
  ).filter((delivery) => delivery.alertKey !== null && keys.has(delivery.alertKey));
  return alerts.map((alert) => ({
    alert,
    deliveries: deliveries.filter((delivery) => delivery.alertKey === alert.key),
  }));
}

/**
 * Who a delivery went to, as a reader can tell it: a chat target by its label (its kind when it
 * has none), a person by name (the address when unnamed), or a target since removed. URLs and
 * secrets stay out: the probe page is read by viewers too.
 */
export type DeliveryRecipient =
  | { kind: 'webhook'; channel: WebhookKind; label: string }
  | { kind: 'email'; name: string }
  | { kind: 'removed'; channel: Delivery['channel'] };

export interface SentDelivery {
  id: string;
  recipient: DeliveryRecipient;
  status: Delivery['status'];
  attempts: number;
  /** When it was delivered, when the next attempt is due (pending), or the last attempt (dead). */
  at: string;
}

export interface SentAlert {
  alert: Alert;
  deliveries: SentDelivery[];
}

/** The moment that tells a delivery's state: delivered at, next attempt at, or given up at. */
function deliveryTime(delivery: Delivery): string {
  if (delivery.status === 'delivered')
    return delivery.deliveredAt ?? delivery.lastAttemptAt ?? delivery.createdAt;
  if (delivery.status === 'pending') return delivery.nextAttemptAt;
  return delivery.lastAttemptAt ?? delivery.createdAt;
}

/**
 * The probe page's "Alerts sent": each alert with its deliveries' recipient, status, attempts
 * and time. The receiver's answer (status code, error) is left out on purpose: what a chat
 * gateway sends back is not ours to show on a page.
 */
export async function alertsSentForProbe(deps: AppDeps, probeId: string): Promise<SentAlert[]> {
  const entries = await alertsForProbe(deps, probeId);
  const recipients = new Map<string, DeliveryRecipient>();
  const recipientOf = async (delivery: Delivery): Promise<DeliveryRecipient> => {
    const id = delivery.webhookId ?? delivery.userId ?? '';
    const known = recipients.get(`${delivery.channel}|${id}`);
    if (known) return known;
    let recipient: DeliveryRecipient = { kind: 'removed', channel: delivery.channel };
    if (delivery.webhookId !== null) {
      const webhook = await deps.repository.getWebhook(delivery.webhookId);
      if (webhook) recipient = { kind: 'webhook', channel: webhook.kind, label: webhook.label };
    } else if (delivery.userId !== null) {
      const user = await deps.repository.getUser(delivery.userId);
      if (user) recipient = { kind: 'email', name: user.name ?? user.email };
    }
    recipients.set(`${delivery.channel}|${id}`, recipient);
    return recipient;
  };
  const sent: SentAlert[] = [];
  for (const { alert, deliveries } of entries) {
    const shown: SentDelivery[] = [];
    for (const delivery of deliveries) {
      shown.push({
        id: delivery.id,
        recipient: await recipientOf(delivery),
        status: delivery.status,
        attempts: delivery.attempts,
        at: deliveryTime(delivery),
      });
    }
    sent.push({ alert, deliveries: shown });
  }
  return sent;
}
