/**
 * Alerts (SPEC §9): where they go (webhook targets), what fired (one record per probe, target
 * and state, so nothing fires twice, across restarts too) and the durable outbox of deliveries.
 * An alert and its deliveries are stored in the same write, so a delivery is never lost between
 * "it fired" and "it was queued".
 */
import { z } from 'zod';
import { InstantSchema } from './schemas.js';
import type { DeepReadonly } from './readonly.js';

const IdSchema = z.string().min(1).max(200);

/** The group-robot and incoming-webhook formats a target can speak. */
export const WEBHOOK_KINDS = ['json', 'feishu', 'dingtalk', 'wecom', 'slack'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const WebhookSchema = z.object({
  id: IdSchema,
  trialId: IdSchema,
  kind: z.enum(WEBHOOK_KINDS),
  /** http(s) only, no credentials; checked again when it is resolved (../app/alerts/targetUrl.ts). */
  url: z.string().min(1).max(2000),
  /**
   * The signing secret (json: HMAC-SHA256; Feishu and DingTalk: their signing schemes), never
   * shown again after saving; null when the target is not signed.
   */
  secret: z.string().min(1).max(500).nullable(),
  /** A name to tell targets apart ("Procurement group"). */
  label: z.string().trim().max(200),
  /** The language of its messages: the group's, chosen when the target is saved. */
  language: z.enum(['en', 'zh-CN']),
  createdAt: InstantSchema,
  createdBy: z.string().max(200).nullable(),
});
export type Webhook = DeepReadonly<z.infer<typeof WebhookSchema>>;

/** What happened, as the `type` of a delivery (SPEC §9). */
export const ALERT_TYPES = [
  'probe.at_risk',
  'probe.breached',
  'escalation.due',
  'probe.waiting_on_us',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/**
 * Which clock the alert is about: the trial's first-response or resolution target, the
 * vendor's own promise for either, the escalation request, or our own answer.
 */
export const ALERT_TARGETS = [
  'first_response',
  'resolution',
  'vendor_first_response',
  'vendor_resolution',
  'escalation',
  'our_answer',
] as const;
export type AlertTarget = (typeof ALERT_TARGETS)[number];

export const AlertSchema = z.object({
  /** `${probeId}|${target}|${type}`: one alert per probe, target and state, ever. */
  key: z.string().min(1).max(700),
  trialId: IdSchema,
  probeId: IdSchema,
  vendorId: IdSchema,
  type: z.enum(ALERT_TYPES),
  target: z.enum(ALERT_TARGETS),
  /** When the state began (e.g. the instant the target was breached). */
  at: InstantSchema,
  /** When the check noticed it and queued its deliveries. */
  firedAt: InstantSchema,
});
export type Alert = DeepReadonly<z.infer<typeof AlertSchema>>;

export const alertKey = (probeId: string, target: AlertTarget, type: AlertType): string =>
  `${probeId}|${target}|${type}`;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What a delivery says; the `json` kind posts it as it is (SPEC §9), the chat kinds reword it. */
export const AlertMessageSchema = z.object({
  /** `digest`: the daily e-mail of open probes; `test`: "send a test message". */
  type: z.enum([...ALERT_TYPES, 'test', 'digest']),
  trialId: IdSchema,
  probeId: IdSchema.nullable(),
  vendorId: IdSchema.nullable(),
  target: z.enum(ALERT_TARGETS).nullable(),
  at: InstantSchema,
  /** A link to the probe (or the trial) under PUBLIC_BASE_URL. */
  url: z.string().max(2400),
  /** One line or a few, in the trial's language. */
  text: z.string().max(4000),
});
export type AlertMessage = DeepReadonly<z.infer<typeof AlertMessageSchema>>;

export const DeliverySchema = z.object({
  /** Sent with every attempt (`X-SLA-Probe-Delivery`, the json body's `id`): a receiver drops repeats by it. */
  id: IdSchema,
  /** The alert it tells of; null for a test message. */
  alertKey: z.string().max(700).nullable(),
  trialId: IdSchema,
  /** A webhook target, or an e-mail recipient (a user id) — exactly one of them. */
  webhookId: IdSchema.nullable(),
  userId: IdSchema.nullable(),
  channel: z.enum([...WEBHOOK_KINDS, 'email']),
  message: AlertMessageSchema,
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int().min(0),
  /** When the next attempt may start (pending only). */
  nextAttemptAt: InstantSchema,
  lastAttemptAt: InstantSchema.nullable(),
  /** The HTTP status of the last answer; null when there was none (refused, timed out). */
  lastStatus: z.number().int().nullable(),
  lastError: z.string().max(500).nullable(),
  createdAt: InstantSchema,
  deliveredAt: InstantSchema.nullable(),
});
export type Delivery = DeepReadonly<z.infer<typeof DeliverySchema>>;

/** Who and what a new delivery is for; the rest of a delivery starts the same for every one. */
export type DeliveryAddress = Pick<
  Delivery,
  'id' | 'alertKey' | 'trialId' | 'webhookId' | 'userId' | 'channel' | 'message'
>;

/** A delivery as it enters the outbox at `at`: pending, due now, never tried. */
export function newDelivery(address: DeliveryAddress, at: string): Delivery {
  return {
    ...address,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastAttemptAt: null,
    lastStatus: null,
    lastError: null,
    createdAt: at,
    deliveredAt: null,
  };
}
