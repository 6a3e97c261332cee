/**
 * A test bed for the alert outbox: a real app over a temp data folder with a clock the test
 * moves, one running trial, and builders for webhook targets and queued deliveries.
 */
import { DEFAULT_ALERTS, type AlertConfig } from '../../../src/app/alerts/settings.js';
import { createTrial } from '../../../src/app/trials.js';
import type { AppDeps } from '../../../src/app/deps.js';
import {
  DeliverySchema,
  newDelivery,
  WebhookSchema,
  type Delivery,
  type Webhook,
  type WebhookKind,
} from '../../../src/domain/alerting.js';
import { createTestApp } from '../../http/helpers.js';

export const START = Date.parse('2026-11-24T04:00:00.000Z');

export interface OutboxBed {
  deps: AppDeps;
  trialId: string;
  /** The test clock, in milliseconds; move it with `advance`. */
  nowMs: () => number;
  advance: (ms: number) => void;
  addWebhook: (kind: WebhookKind, url: string, secret?: string | null) => Promise<Webhook>;
  /** Queues a pending delivery to `webhook`, due now. */
  queue: (webhook: Webhook, overrides?: Partial<Delivery>) => Promise<Delivery>;
}

export async function outboxBed(alerts: Partial<AlertConfig> = {}): Promise<OutboxBed> {
  let nowMs = START;
  const { deps } = await createTestApp({
    as: 'anonymous',
    now: () => new Date(nowMs),
    alerts: { ...DEFAULT_ALERTS, allowPrivateTargets: true, ...alerts },
  });
  const trial = await createTrial(deps, { name: 'RTC SDK selection', timezone: 'Asia/Shanghai' });
  let sequence = 0;
  return {
    deps,
    trialId: trial.id,
    nowMs: () => nowMs,
    advance: (ms) => {
      nowMs += ms;
    },
    addWebhook: (kind, url, secret = null) =>
      deps.repository.insertWebhook(
        WebhookSchema.parse({
          id: `webhook_${++sequence}`,
          trialId: trial.id,
          kind,
          url,
          secret,
          label: `${kind} group`,
          language: 'en',
          createdAt: new Date(nowMs).toISOString(),
          createdBy: null,
        }),
      ),
    queue: async (webhook, overrides = {}) => {
      const at = new Date(nowMs).toISOString();
      const delivery = DeliverySchema.parse({
        ...newDelivery(
          {
            id: `delivery_${++sequence}`,
            alertKey: `probe_1|first_response|probe.breached`,
            trialId: trial.id,
            webhookId: webhook.id,
            userId: null,
            channel: webhook.kind,
            message: {
              type: 'probe.breached',
              trialId: trial.id,
              probeId: 'probe_1',
              vendorId: 'vendor_1',
              target: 'first_response',
              at: '2026-11-24T02:00:00.000Z',
              url: 'https://sla.example.com/probes/probe_1',
              text: 'P0 "No audio after reconnect" (Agora): first response target breached.',
            },
          },
          at,
        ),
        ...overrides,
      });
      await deps.repository.queueDeliveries([delivery]);
      return delivery;
    },
  };
}
