/**
 * DingTalk custom robot: `{msgtype: "text", text: {content}}`. With "signing" (加签) on, the
 * URL gets `&timestamp=<Unix ms>&sign=<urlencoded Base64 of HMAC-SHA256(key = secret,
 * message = timestamp + "\n" + secret)>` (DingTalk's "Custom robot security settings",
 * https://open.dingtalk.com/document/robots/customize-robot-security-settings; DingTalk refuses
 * a timestamp more than an hour off). A refused message answers HTTP 200 with a non-zero
 * `errcode` (310000 bad signature, 130101 more than 20 messages a minute).
 */
import { createHmac } from 'node:crypto';
import type { Delivery, Webhook } from '../../../domain/alerting.js';
import { chatText, JSON_HEADERS, nonZeroCode, type ChannelFormat } from './format.js';

/** The `sign` parameter before URL encoding. */
export function dingtalkSign(secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** The webhook URL with the signature's parameters after its own (`access_token=…`). */
function signedUrl(webhookUrl: string, secret: string, nowMs: number): string {
  const url = new URL(webhookUrl);
  const timestamp = String(Math.floor(nowMs));
  const parameters = `timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(secret, timestamp))}`;
  url.search = url.search === '' ? `?${parameters}` : `${url.search}&${parameters}`;
  return url.toString();
}

export const dingtalkFormat: ChannelFormat = {
  request(delivery: Delivery, webhook: Webhook, nowMs: number) {
    return {
      url: webhook.secret === null ? webhook.url : signedUrl(webhook.url, webhook.secret, nowMs),
      headers: { ...JSON_HEADERS },
      body: JSON.stringify({ msgtype: 'text', text: { content: chatText(delivery) } }),
    };
  },
  refusal: (answer) => nonZeroCode(answer, 'errcode'),
};
