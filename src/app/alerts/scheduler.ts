/**
 * The alert loop (SPEC §9): every ALERT_INTERVAL_SECONDS, check the triggers (which store new
 * alerts with their deliveries), queue the day's e-mail digests once their hour has come,
 * then send what is due. A tick starts only after the last one ended, so two never overlap
 * (an alert is never checked twice at once, a delivery never sent twice at once); a failing
 * tick is logged and the next one runs as usual — an alert problem never takes the server
 * down. `stop()` lets the attempts under way finish (their outcomes written) and starts no
 * other, before the store closes.
 */
import type { AppDeps } from '../deps.js';
import { SendWindow } from './channels/sendWindow.js';
import { deliverDue, TRANSPORTS, type Transports } from './delivery.js';
import { queueDigests } from './digest.js';
import { checkTriggers } from './triggers.js';

export interface AlertLoop {
  /** Runs a tick now, or joins the one running. */
  runOnce(): Promise<void>;
  /** No further ticks or attempts; resolves when the attempts under way have finished. */
  stop(): Promise<void>;
}

export interface AlertLoopOptions {
  /** ALERT_INTERVAL_SECONDS unless told. */
  intervalMs?: number;
  transports?: Transports;
  /** The jitter of retry backoffs. */
  random?: () => number;
  /** Where a failed step is reported (the server's log). */
  log?: (message: string, error: unknown) => void;
  /**
   * Whether this instance does the work of a tick: with several instances on one database,
   * only the one holding the alert lease checks, queues and sends (always, unless told).
   */
  ourTurn?: () => Promise<boolean>;
}

export function startAlerts(deps: AppDeps, options: AlertLoopOptions = {}): AlertLoop {
  const {
    intervalMs = deps.alerts.intervalSeconds * 1000,
    transports = TRANSPORTS,
    random = Math.random,
    log = (message, error) => {
      console.error(message, error);
    },
    ourTurn = () => Promise.resolve(true),
  } = options;
  // The per-target rate limit spans ticks.
  const window = new SendWindow();
  const stopping = new AbortController();
  const steps: [string, () => Promise<unknown>][] = [
    ['Alert triggers could not be checked:', () => checkTriggers(deps)],
    ['The daily digests could not be queued:', () => queueDigests(deps)],
    [
      'Alert deliveries could not be sent:',
      () => deliverDue(deps, transports, { random, window, signal: stopping.signal }),
    ],
  ];

  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const tick = async () => {
    try {
      if (!(await ourTurn())) return;
    } catch (error) {
      log('Could not tell whether this instance sends alerts:', error);
      return;
    }
    for (const [failure, step] of steps) {
      try {
        await step();
      } catch (error) {
        log(failure, error);
      }
    }
  };
  const runOnce = () => {
    running ??= tick().finally(() => {
      running = undefined;
    });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().then(schedule);
    }, intervalMs);
    // The server's listening socket keeps the process alive; a timer alone must not.
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      stopping.abort();
      await running;
    },
  };
}
