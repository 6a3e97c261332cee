/**
 * What a webhook delivery looks like on the wire, per target kind (SPEC §9): each kind is a
 * pure function from the delivery, its target and the instant of the attempt to the request
 * to send, plus how that platform says "refused" inside a 200 answer. The delivery loop
 * (../delivery.ts) does the network; nothing here does I/O, so each format is tested by
 * recomputing its signature the way the platform does.
 */
import type { Delivery, Webhook } from '../../../domain/alerting.js';

export interface ChannelRequest {
  /** The target's URL, with the signature's query parameters where the platform wants them. */
  url: string;
  headers: Record<string, string>;
  /** The JSON text posted, exactly as signed. */
  body: string;
}

export interface ChannelFormat {
  request: (delivery: Delivery, webhook: Webhook, nowMs: number) => ChannelRequest;
  /**
   * A 2xx answer's JSON read the platform's way: null when it says the message was taken,
   * else a short error of ours naming the platform's code (its own message is never kept).
   */
  refusal: (answer: unknown) => string | null;
}

export const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' } as const;

/**
 * The text a chat group reads: the message and, on its own line, the link to the probe
 * (unless the text already carries it).
 */
export function chatText(delivery: Delivery): string {
  const { text, url } = delivery.message;
  return url === '' || text.includes(url) ? text : `${text}\n${url}`;
}

/** A numeric field of a JSON object answer, when present. */
export function answerField(answer: unknown, field: string): unknown {
  return typeof answer === 'object' && answer !== null && !Array.isArray(answer)
    ? (answer as Record<string, unknown>)[field]
    : undefined;
}

/** "errcode 130101" when the answer's numeric `field` is present and not zero. */
export function nonZeroCode(answer: unknown, field: string): string | null {
  const code = answerField(answer, field);
  return typeof code === 'number' && code !== 0 ? `${field} ${code}` : null;
}
