/**
 * How a webhook target's URL is shown once saved (SPEC §9: secrets never shown again). The chat
 * robots carry their keys in the URL itself — WeCom and DingTalk in the query, Feishu and Slack
 * in the path — so every query value and every key-like path segment becomes `…`: enough to
 * tell which service and which robot it is, not enough to post to it. Pages, the API and the
 * audit log all show this form.
 */
import type { Webhook } from './alerting.js';

/** What stands for a hidden part of a URL. */
export const MASK = '…';
/** A path segment this long is taken for a key (a Feishu hook's UUID, a Slack token). */
const KEY_SEGMENT_LENGTH = 16;

export function maskedUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return MASK;
  }
  const path = url.pathname
    .split('/')
    .map((segment) => (segment.length >= KEY_SEGMENT_LENGTH ? MASK : segment))
    .join('/');
  const query = [...url.searchParams.keys()].map((name) => `${encodeURIComponent(name)}=${MASK}`).join('&');
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ''}`;
}

/** A target as the API and the pages show it: no secret, the URL's keys masked. */
export interface PublicWebhook {
  id: string;
  trialId: string;
  kind: Webhook['kind'];
  url: string;
  label: string;
  language: Webhook['language'];
  signed: boolean;
  createdAt: string;
}

export const presentWebhook = (webhook: Webhook): PublicWebhook => ({
  id: webhook.id,
  trialId: webhook.trialId,
  kind: webhook.kind,
  url: maskedUrl(webhook.url),
  label: webhook.label,
  language: webhook.language,
  signed: webhook.secret !== null,
  createdAt: webhook.createdAt,
});
