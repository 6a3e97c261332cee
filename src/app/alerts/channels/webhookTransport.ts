/**
 * Sends a delivery to its webhook target: the target looked up again (removed → dead), its
 * address resolved and checked again under the SSRF rules (refused → dead; a name that does
 * not resolve right now is tried again later), the platform's request built and posted to the
 * checked address, and the answer read the platform's way.
 */
import type { AppDeps } from '../../deps.js';
import type { Delivery } from '../../../domain/alerting.js';
import type { AttemptOutcome, Transport } from '../delivery.js';
import { resolveTarget, TargetRefusedError, type ResolvedTarget } from '../targetUrl.js';
import { CHANNEL_FORMATS } from './formats.js';
import { post, PostFailedError, type Answer } from './post.js';

export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;

export interface WebhookTransportOptions {
  /** The whole attempt, connection to last byte read (10 s unless told). */
  timeoutMs?: number;
}

export function webhookTransport({
  timeoutMs = DEFAULT_ATTEMPT_TIMEOUT_MS,
}: WebhookTransportOptions = {}): Transport {
  return {
    async send(delivery: Delivery, deps: AppDeps): Promise<AttemptOutcome> {
      const webhook =
        delivery.webhookId === null ? undefined : await deps.repository.getWebhook(delivery.webhookId);
      if (!webhook) return { ok: false, status: null, error: 'The target was removed.', final: true };
      let target: ResolvedTarget;
      try {
        target = await resolveTarget(webhook.url, { allowPrivate: deps.alerts.allowPrivateTargets });
      } catch (error) {
        if (!(error instanceof TargetRefusedError)) throw error;
        return {
          ok: false,
          status: null,
          error: `The target ${error.message}.`,
          final: error.problem !== 'unresolved',
        };
      }
      const nowMs = deps.now().getTime();
      const format = CHANNEL_FORMATS[webhook.kind];
      let answer: Answer;
      try {
        answer = await post(format.request(delivery, webhook, nowMs), target, timeoutMs);
      } catch (error) {
        if (!(error instanceof PostFailedError)) throw error;
        return { ok: false, status: null, error: error.message };
      }
      return readAnswer(answer, format.refusal, nowMs);
    },
  };
}

/** 2xx and no refusal in its JSON is delivered; else an error of ours with the status and code. */
function readAnswer(
  answer: Answer,
  refusal: (json: unknown) => string | null,
  nowMs: number,
): AttemptOutcome {
  const { status } = answer;
  if (status < 200 || status > 299) {
    const retryAfterMs = status === 429 ? retryAfterMsOf(answer.retryAfter, nowMs) : undefined;
    return {
      ok: false,
      status,
      error: `HTTP ${status}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  const refused = refusal(parseJson(answer.text));
  return refused === null
    ? { ok: true, status, error: null }
    : { ok: false, status, error: `HTTP ${status}, ${refused}` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `Retry-After` in seconds or as an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMsOf(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
