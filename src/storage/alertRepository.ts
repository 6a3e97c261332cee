import type { Alert, Delivery, Webhook } from '../domain/alerting.js';
import { isFrozen, TrialFrozenError } from '../domain/freeze.js';
import { maskedUrl, presentWebhook } from '../domain/webhookUrl.js';
import type { Draft } from './command.js';
import { freshReads, type RecordStore } from './recordStore.js';
import type { TableView } from './tables.js';

export interface DeliveryFilter {
  trialId?: string | undefined;
  status?: Delivery['status'] | undefined;
  /** Newest first, at most this many. */
  limit: number;
}

/** Alert targets, the alerts that fired and the outbox of their deliveries (SPEC §9). */
export interface AlertRepository {
  listWebhooks(trialId?: string): Promise<readonly Webhook[]>;
  getWebhook(webhookId: string): Promise<Webhook | undefined>;
  /** Saves a target (audited, its secret never in the audit log). */
  insertWebhook(webhook: Webhook): Promise<Webhook>;
  /** Removes a target (audited); its pending deliveries die with it. False when there was none. */
  deleteWebhook(webhookId: string): Promise<boolean>;

  listAlerts(filter: {
    trialId?: string | undefined;
    probeId?: string | undefined;
  }): Promise<readonly Alert[]>;
  /**
   * Stores alerts that fired with their deliveries, in one write: an alert whose key is
   * already stored is skipped with its deliveries (it fired before), and nothing is stored
   * for a closed (frozen) trial. Bookkeeping, not audited. Returns the alerts stored.
   */
  recordAlerts(
    fired: readonly { alert: Alert; deliveries: readonly Delivery[] }[],
  ): Promise<readonly Alert[]>;

  listDeliveries(filter: DeliveryFilter): Promise<readonly Delivery[]>;
  getDelivery(deliveryId: string): Promise<Delivery | undefined>;
  /** Pending deliveries whose next attempt is due at `at`, oldest first. */
  dueDeliveries(at: string, limit: number): Promise<readonly Delivery[]>;
  /**
   * Queues deliveries the program decided on (the daily digest), skipping any whose id is
   * already stored: a deterministic id (`digest:<user>:<day>`) makes a repeat after a restart a
   * no-op. Bookkeeping, not audited. Returns those stored.
   */
  queueDeliveries(deliveries: readonly Delivery[]): Promise<readonly Delivery[]>;
  /** Queues deliveries an admin asked for (a test message, a retry), audited under the admin. */
  enqueueDeliveries(deliveries: readonly Delivery[]): Promise<void>;
  /** Records an attempt's outcome; bookkeeping of the delivery loop, not audited. */
  updateDelivery(deliveryId: string, next: (delivery: Delivery) => Delivery): Promise<Delivery | undefined>;
}

type Run = <T>(decide: (data: TableView, draft: Draft) => T, answer?: (result: T) => unknown) => Promise<T>;

const newestFirst = (a: Delivery, b: Delivery) =>
  a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt);

/** The secret of a target stays out of the audit log (only whether one is set), and so do the keys in its URL. */
const auditedWebhook = ({ secret, url, ...webhook }: Webhook) => ({
  ...webhook,
  url: maskedUrl(url),
  signed: secret !== null,
});

export function alertRepository(store: RecordStore, run: Run): AlertRepository {
  const view = store.view;
  const fresh = freshReads(store);
  return {
    listWebhooks: (trialId) =>
      fresh(() =>
        view.all('webhooks').filter((webhook) => trialId === undefined || webhook.trialId === trialId),
      ),
    getWebhook: (webhookId) => fresh(() => view.get('webhooks', webhookId)),
    insertWebhook: (webhook) =>
      run(
        (data, draft) => {
          if (isFrozen(data.get('trials', webhook.trialId))) throw new TrialFrozenError(webhook.trialId);
          draft.put('webhooks', webhook);
          draft.audit({
            action: 'create',
            entity: 'webhook',
            entityId: webhook.id,
            trialId: webhook.trialId,
            label: webhook.label || webhook.kind,
            after: auditedWebhook(webhook),
          });
          return webhook;
        },
        // A retried request (same Idempotency-Key) gets the target as shown, never its secret.
        presentWebhook,
      ),
    deleteWebhook: (webhookId) =>
      run((data, draft) => {
        const webhook = data.get('webhooks', webhookId);
        if (!webhook) return false;
        draft.remove('webhooks', webhookId);
        for (const delivery of data.all('deliveries')) {
          if (delivery.webhookId === webhookId && delivery.status === 'pending') {
            draft.put('deliveries', { ...delivery, status: 'dead', lastError: 'The target was removed.' });
          }
        }
        draft.audit({
          action: 'delete',
          entity: 'webhook',
          entityId: webhookId,
          trialId: webhook.trialId,
          label: webhook.label || webhook.kind,
          before: auditedWebhook(webhook),
        });
        return true;
      }),

    listAlerts: ({ trialId, probeId }) =>
      fresh(() =>
        view
          .all('alerts')
          .filter(
            (alert) =>
              (trialId === undefined || alert.trialId === trialId) &&
              (probeId === undefined || alert.probeId === probeId),
          ),
      ),
    recordAlerts: (fired) =>
      run((data, draft) => {
        const stored: Alert[] = [];
        for (const { alert, deliveries } of fired) {
          if (data.get('alerts', alert.key) || isFrozen(data.get('trials', alert.trialId))) continue;
          draft.put('alerts', alert);
          for (const delivery of deliveries) draft.put('deliveries', delivery);
          stored.push(alert);
        }
        return stored;
      }),

    listDeliveries: ({ trialId, status, limit }) =>
      fresh(() =>
        view
          .all('deliveries')
          .filter(
            (delivery) =>
              (trialId === undefined || delivery.trialId === trialId) &&
              (status === undefined || delivery.status === status),
          )
          .sort(newestFirst)
          .slice(0, limit),
      ),
    getDelivery: (deliveryId) => fresh(() => view.get('deliveries', deliveryId)),
    dueDeliveries: (at, limit) =>
      fresh(() =>
        view
          .all('deliveries')
          .filter((delivery) => delivery.status === 'pending' && delivery.nextAttemptAt <= at)
          .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id.localeCompare(b.id))
          .slice(0, limit),
      ),
    queueDeliveries: (deliveries) =>
      run((data, draft) => {
        const stored = deliveries.filter((delivery) => !data.get('deliveries', delivery.id));
        for (const delivery of stored) draft.put('deliveries', delivery);
        return stored;
      }),
    enqueueDeliveries: (deliveries) =>
      run((_data, draft) => {
        for (const delivery of deliveries) {
          draft.put('deliveries', delivery);
          draft.audit({
            action: 'create',
            entity: 'delivery',
            entityId: delivery.id,
            trialId: delivery.trialId,
            label: delivery.message.type,
            after: { channel: delivery.channel, webhookId: delivery.webhookId, userId: delivery.userId },
          });
        }
      }),
    updateDelivery: (deliveryId, next) =>
      run((data, draft) => {
        const before = data.get('deliveries', deliveryId);
        if (!before) return undefined;
        const after = next(before);
        draft.put('deliveries', after);
        return after;
      }),
  };
}
