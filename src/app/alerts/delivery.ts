/**
 * The outbox loop (SPEC §9): every due delivery is attempted once per pass; a success is
 * delivered, a failure is tried again after an exponential backoff with full jitter (30 s,
 * doubling, at most an hour; a 429's `Retry-After` is honoured), and after
 * `ALERT_MAX_ATTEMPTS` failures — or at once when retrying cannot help (the target was
 * removed, or its address is refused) — it is dead, for an admin to see and retry. Each
 * webhook gets at most 20 sends a minute; the rest stay pending for a later pass. An attempt's
 * outcome is written after the send, so a crash in between sends it again: at least once, and
 * the delivery id lets a receiver drop the repeat.
 */
import type { Delivery } from '../../domain/alerting.js';
import type { AppDeps } from '../deps.js';
import { SendWindow } from './channels/sendWindow.js';
import { webhookTransport, type WebhookTransportOptions } from './channels/webhookTransport.js';
import { mailTransport } from './mail.js';

export interface AttemptOutcome {
  ok: boolean;
  /** The HTTP status (or an SMTP reply code); null when there was no answer. */
  status: number | null;
  /** A short error of ours, never the receiver's words; null on success. */
  error: string | null;
  /** How long the receiver asked us to wait (a 429's `Retry-After`). */
  retryAfterMs?: number;
  /** Retrying cannot help (the target is gone or refused): dead now. */
  final?: boolean;
}

/** Sends one delivery of its channel; throws only for a fault of ours (the store), never for the receiver. */
export interface Transport {
  send(delivery: Delivery, deps: AppDeps): Promise<AttemptOutcome>;
}

export type Transports = Partial<Record<Delivery['channel'], Transport>>;

/** The five webhook kinds, sent the same way (each in its own format), over one timeout. */
export function webhookTransports(options: WebhookTransportOptions = {}): Transports {
  const transport = webhookTransport(options);
  return { json: transport, feishu: transport, dingtalk: transport, wecom: transport, slack: transport };
}

/** How each channel is sent. */
export const TRANSPORTS: Transports = {
  ...webhookTransports(),
  email: mailTransport,
};

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

/** The wait before the next attempt after `attempts` failures: full jitter under 30 s × 2^(n−1), capped at an hour. */
export function backoffMs(attempts: number, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(BACKOFF_MAX_MS, retryAfterMs);
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.floor(random() * ceiling);
}

export interface DeliveryOptions {
  /** In [0, 1): the jitter of each backoff. */
  random?: () => number;
  /** The per-target send window; the alert loop keeps one across passes. */
  window?: SendWindow;
  /** At most this many due deliveries per pass. */
  batch?: number;
  /** Targets sent to at once (one target's deliveries go in order, one at a time). */
  parallel?: number;
  /** Once aborted (the server stopping), no further attempt starts; those under way finish. */
  signal?: AbortSignal;
}

/** The outcome written into the delivery (as it is now: an admin may have changed it meanwhile). */
function afterAttempt(
  current: Delivery,
  outcome: AttemptOutcome,
  at: Date,
  { maxAttempts, random }: { maxAttempts: number; random: () => number },
): Delivery {
  const attempts = current.attempts + 1;
  const tried = { ...current, attempts, lastAttemptAt: at.toISOString(), lastStatus: outcome.status };
  if (outcome.ok) return { ...tried, status: 'delivered', lastError: null, deliveredAt: at.toISOString() };
  // Removed (dead) while it was being sent: it stays so.
  if (current.status !== 'pending') return current;
  const lastError = (outcome.error ?? 'Failed').slice(0, 500);
  if (outcome.final === true || attempts >= maxAttempts) return { ...tried, status: 'dead', lastError };
  const waitMs = backoffMs(attempts, random, outcome.retryAfterMs);
  return { ...tried, lastError, nextAttemptAt: new Date(at.getTime() + waitMs).toISOString() };
}

/** The channel's transport, or an outcome saying there is none (e-mail not set up). */
async function attempt(delivery: Delivery, deps: AppDeps, transports: Transports): Promise<AttemptOutcome> {
  const transport = transports[delivery.channel];
  if (!transport)
    return { ok: false, status: null, error: `No way to send ${delivery.channel} is set up.`, final: true };
  return transport.send(delivery, deps);
}

/**
 * One pass over the due deliveries; returns them as stored after their attempts (those held
 * back by the rate limit are not among them).
 */
export async function deliverDue(
  deps: AppDeps,
  transports: Transports = TRANSPORTS,
  {
    random = Math.random,
    window = new SendWindow(),
    batch = 500,
    parallel = 4,
    signal,
  }: DeliveryOptions = {},
): Promise<readonly Delivery[]> {
  const due = await deps.repository.dueDeliveries(deps.now().toISOString(), batch);
  const byTarget = new Map<string, Delivery[]>();
  for (const delivery of due) {
    const key = delivery.webhookId ?? `user:${delivery.userId ?? delivery.id}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), delivery]);
  }
  const settings = { maxAttempts: deps.alerts.maxAttempts, random };
  const results: Delivery[] = [];
  const sendInOrder = async (deliveries: readonly Delivery[]) => {
    for (const delivery of deliveries) {
      if (signal?.aborted) return;
      if (delivery.webhookId !== null && !window.take(delivery.webhookId, deps.now().getTime())) return;
      const outcome = await attempt(delivery, deps, transports);
      const stored = await deps.repository.updateDelivery(delivery.id, (current) =>
        afterAttempt(current, outcome, deps.now(), settings),
      );
      if (stored) results.push(stored);
    }
  };
  const queue = [...byTarget.values()];
  const faults: unknown[] = [];
  // A fault of ours (the store) stops that target's turn only; the pass ends when every
  // target's has, so the next pass never overlaps an attempt of this one.
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift())
      await sendInOrder(next).catch((fault: unknown) => faults.push(fault));
  };
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
  if (faults.length > 0) throw faults[0];
  return results;
}
