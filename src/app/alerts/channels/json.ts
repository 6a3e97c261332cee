/**
 * The plain JSON target (SPEC §9): the message as it is, with the delivery id a receiver drops
 * repeats by, and — when a secret is set — an HMAC-SHA256 over `timestamp + "." + body`, so a
 * receiver can check both who sent it and that it is fresh (reject an old timestamp).
 */
import { createHmac } from 'node:crypto';
import type { Delivery, Webhook } from '../../../domain/alerting.js';
import { JSON_HEADERS, type ChannelFormat } from './format.js';

/** The signature header's value for a body sent at `timestamp` (Unix seconds, as sent). */
export function jsonSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The body's fields, in the order SPEC §9 lists them. */
const jsonBody = ({ id, message }: Delivery) =>
  JSON.stringify({
    id,
    type: message.type,
    trialId: message.trialId,
    probeId: message.probeId,
    vendorId: message.vendorId,
    target: message.target,
    at: message.at,
    url: message.url,
    text: message.text,
  });

export const jsonFormat: ChannelFormat = {
  request(delivery: Delivery, webhook: Webhook, nowMs: number) {
    const body = jsonBody(delivery);
    const timestamp = String(Math.floor(nowMs / 1000));
    const headers: Record<string, string> = {
      ...JSON_HEADERS,
      'X-SLA-Probe-Delivery': delivery.id,
      'X-SLA-Probe-Timestamp': timestamp,
    };
    if (webhook.secret !== null)
      headers['X-SLA-Probe-Signature'] = jsonSignature(webhook.secret, timestamp, body);
    return { url: webhook.url, headers, body };
  },
  // Any 2xx is taken: the receiver is ours to write.
  refusal: () => null,
};
