/**
 * WeCom (企业微信) group robot: `{msgtype: "text", text: {content}}`, content at most 2048
 * bytes of UTF-8 (WeCom's "Group robot configuration",
 * https://developer.work.weixin.qq.com/document/path/91770). No signature: the robot's key is
 * in its URL. A refused message answers HTTP 200 with a non-zero `errcode` (45009 more than
 * 20 messages a minute).
 */
import type { Delivery, Webhook } from '../../../domain/alerting.js';
import { chatText, JSON_HEADERS, nonZeroCode, type ChannelFormat } from './format.js';

export const WECOM_TEXT_MAX_BYTES = 2048;

/**
 * The text cut to fit the limit without splitting a character, keeping its last line (the
 * link) whole when it can: an alert whose link is cut off is no use.
 */
export function fitBytes(text: string, maxBytes: number): string {
  const bytes = (part: string) => Buffer.byteLength(part, 'utf8');
  if (bytes(text) <= maxBytes) return text;
  const lastBreak = text.lastIndexOf('\n');
  const tail = lastBreak >= 0 ? text.slice(lastBreak) : '';
  const room = bytes(tail) < maxBytes / 2 ? maxBytes - bytes(tail) : maxBytes;
  let head = '';
  for (const character of text) {
    if (bytes(head) + bytes(character) + bytes('…') > room) break;
    head += character;
  }
  return room === maxBytes ? `${head}…` : `${head}…${tail}`;
}

export const wecomFormat: ChannelFormat = {
  request(delivery: Delivery, webhook: Webhook) {
    const content = fitBytes(chatText(delivery), WECOM_TEXT_MAX_BYTES);
    return {
      url: webhook.url,
      headers: { ...JSON_HEADERS },
      body: JSON.stringify({ msgtype: 'text', text: { content } }),
    };
  },
  refusal: (answer) => nonZeroCode(answer, 'errcode'),
};
