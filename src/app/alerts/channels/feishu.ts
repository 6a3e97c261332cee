/**
 * Feishu (Lark) custom bot: `{msg_type: "text", content: {text}}`. With "signature
 * verification" on, the body also carries `timestamp` (Unix seconds, a string) and `sign`:
 * the Base64 of an HMAC-SHA256 whose KEY is `timestamp + "\n" + secret` over an empty message
 * (Feishu's "Custom bot guide", https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot,
 * section "Signature verification"; its Go/Python samples hash nothing under that key). Feishu
 * refuses a timestamp more than an hour off. A refused message still answers HTTP 200 with a
 * non-zero `code` (19021 sign match fail); older bots answer `StatusCode`.
 */
import { createHmac } from 'node:crypto';
import type { Delivery, Webhook } from '../../../domain/alerting.js';
import { chatText, JSON_HEADERS, nonZeroCode, type ChannelFormat } from './format.js';

export function feishuSign(secret: string, timestamp: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

export const feishuFormat: ChannelFormat = {
  request(delivery: Delivery, webhook: Webhook, nowMs: number) {
    const message = { msg_type: 'text', content: { text: chatText(delivery) } };
    if (webhook.secret === null)
      return { url: webhook.url, headers: { ...JSON_HEADERS }, body: JSON.stringify(message) };
    const timestamp = String(Math.floor(nowMs / 1000));
    const body = JSON.stringify({ timestamp, sign: feishuSign(webhook.secret, timestamp), ...message });
    return { url: webhook.url, headers: { ...JSON_HEADERS }, body };
  },
  refusal: (answer) => nonZeroCode(answer, 'code') ?? nonZeroCode(answer, 'StatusCode'),
};
