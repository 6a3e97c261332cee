/**
 * Slack incoming webhook: `{text}` in Slack's mrkdwn, where `&`, `<` and `>` must be escaped
 * and a link is written `<url>` (Slack's "Sending messages using incoming webhooks" and
 * "Formatting text for app surfaces", https://api.slack.com/messaging/webhooks). No signature:
 * the URL is the secret. Slack answers a plain `ok`; an error is a 4xx with a short code, which
 * the delivery loop records by its status only.
 */
import type { Delivery, Webhook } from '../../../domain/alerting.js';
import { answerField, JSON_HEADERS, type ChannelFormat } from './format.js';

const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The message escaped, and the link as a Slack link on its own line. */
export function slackText(delivery: Delivery): string {
  const { text, url } = delivery.message;
  const escaped = escapeMrkdwn(text);
  if (url === '') return escaped;
  // A `|` would start the link's label; `<` and `>` are already escaped.
  const link = `<${escapeMrkdwn(url).replace(/\|/g, '%7C')}>`;
  return escaped.includes(escapeMrkdwn(url))
    ? escaped.replace(escapeMrkdwn(url), () => link)
    : `${escaped}\n${link}`;
}

export const slackFormat: ChannelFormat = {
  request(delivery: Delivery, webhook: Webhook) {
    return {
      url: webhook.url,
      headers: { ...JSON_HEADERS },
      body: JSON.stringify({ text: slackText(delivery) }),
    };
  },
  refusal: (answer) => (answerField(answer, 'ok') === false ? 'ok false' : null),
};
