/**
 * Reports are built in worker threads: laying out a PDF is CPU-bound work of a second or more,
 * and on the request thread it would stall every other user's page (SPEC §7, §10).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReportRenderer, ReportRequest } from './request.js';
import type { RenderAnswer, RenderJob } from './worker.js';

/**
 * tsx's loader hooks. Node 20 does not carry a `--import` loader into worker threads (tsx itself
 * skips registering there), so each worker registers the hooks before importing its TypeScript.
 */
const TSX_API = import.meta.resolve('tsx/esm/api');
const REPORT_WORKER = new URL('./worker.ts', import.meta.url);
const DEFAULT_TIMEOUT_MS = 60_000;
/** A worker that has not loaded its module by then is replaced (a start-up that hangs). */
const DEFAULT_START_TIMEOUT_MS = 60_000;
/** Enough to absorb a burst of report clicks; past it a client is told to come back. */
const DEFAULT_MAX_QUEUED = 8;
/** About what a queue of typical reports takes to drain on a small machine. */
const RETRY_AFTER_SECONDS = 10;
/** What a worker's start-up code posts once its module (and any `ready` it exports) has loaded. */
const READY = 'report-worker-ready';

/** One worker on a two-core machine: the other core keeps answering pages while a report builds. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}

export interface ReportPoolOptions {
  size?: number;
  /** A job running longer is abandoned and its worker replaced; counted from when a started worker takes it. */
  timeoutMs?: number;
  /** How long a new worker may take to load before it is replaced. */
  startTimeoutMs?: number;
  /** Jobs that may wait for a worker; one more is refused with ReportsBusyError. */
  maxQueued?: number;
  /** The worker's module; tests pass a stand-in that misbehaves on purpose. */
  entry?: URL;
}

/** The renderer's own error as it was in the worker, stack included, for the server log. */
function workerError({ message, stack }: { message: string; stack?: string }): Error {
  const error = new Error(message);
  if (stack) error.stack = stack;
  return error;
}

/**
 * Every worker is busy and the queue is full. It follows the `status`/`headers` convention of
 * http-errors, so a web layer answers 503 with `Retry-After` without knowing this module.
 */
export class ReportsBusyError extends Error {
  readonly status = 503;
  readonly headers: Readonly<Record<string, string>>;

  constructor(readonly retryAfterSeconds: number) {
    super('Reports are busy: every report worker is taken and the queue is full. Try again shortly.');
    this.name = 'ReportsBusyError';
    this.headers = { 'Retry-After': String(retryAfterSeconds) };
  }
}

interface Job extends RenderJob {
  resolve: (pdf: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Its module has loaded: until then it takes no job, and its start-up is not a job's time. */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Settles when it has started or gone. */
  settled: Promise<void>;
  markSettled: () => void;
}

/** A small fixed set of worker threads with a queue in front; a worker that dies is replaced. */
export class ReportPool implements ReportRenderer {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly maxQueued: number;
  private readonly entry: URL;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ReportPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    this.maxQueued = Math.max(0, Math.floor(options.maxQueued ?? DEFAULT_MAX_QUEUED));
    this.entry = options.entry ?? REPORT_WORKER;
    // Started now, so the first report does not also pay for the thread, tsx and the font.
    for (let index = 0; index < this.size; index++) this.spawn();
  }

  render(request: ReportRequest): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('the report pool is closed'));
    if (this.queue.length >= this.maxQueued && !this.idleSlot()) {
      return Promise.reject(new ReportsBusyError(RETRY_AFTER_SECONDS));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve, reject });
      this.dispatch();
    });
  }

  /** Settles once each current worker has started (or failed to): for callers that want them warm. */
  async whenStarted(): Promise<void> {
    await Promise.all([...this.slots].map((slot) => slot.settled));
  }

  /** Stops every worker; jobs still waiting are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the report pool is closed'));
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    // The worker's module may export `ready`, a promise of warm-up it does after loading; the
    // worker takes jobs once that settles, so a job's time limit never includes a cold start.
    const code = [
      `const { parentPort } = require('node:worker_threads');`,
      `import(${JSON.stringify(TSX_API)})`,
      `.then(({ register }) => { register(); return import(${JSON.stringify(this.entry.href)}); })`,
      `.then((loaded) => loaded.ready)`,
      `.then(() => { parentPort.postMessage(${JSON.stringify(READY)}); });`,
    ].join('\n');
    let markSettled: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => {
      markSettled = resolve;
    });
    const worker = new Worker(code, { eval: true });
    const slot: Slot = { worker, ready: false, job: null, timer: null, settled, markSettled };
    // An idle worker must not keep a finished script alive; a busy one is ref'd in start().
    slot.worker.unref();
    slot.timer = setTimeout(() => {
      this.retire(slot, new Error(`the report worker did not start within ${this.startTimeoutMs} ms`));
    }, this.startTimeoutMs);
    slot.timer.unref();
    slot.worker.on('message', (answer: RenderAnswer | typeof READY) => {
      if (answer === READY) this.started(slot);
      else this.settle(slot, answer);
    });
    slot.worker.on('messageerror', (error) => {
      this.finish(slot)?.reject(error);
      this.dispatch();
    });
    slot.worker.on('error', (error) => {
      this.retire(slot, error);
    });
    slot.worker.on('exit', (code) => {
      this.retire(slot, new Error(`the report worker stopped (exit code ${code})`));
    });
    this.slots.add(slot);
    return slot;
  }

  private started(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.ready = true;
    slot.markSettled();
    this.dispatch();
  }

  private idleSlot(): Slot | undefined {
    for (const slot of this.slots) if (slot.ready && slot.job === null) return slot;
    return undefined;
  }

  private dispatch(): void {
    if (this.closed) return;
    // Replacements start here, when there is work: a worker module that cannot even load then
    // fails each job once instead of respawning in a loop.
    while (this.queue.length > 0 && this.slots.size < this.size) this.spawn();
    for (let slot = this.idleSlot(); slot && this.queue.length > 0; slot = this.idleSlot()) {
      const job = this.queue.shift();
      if (job) this.start(slot, job);
    }
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      this.retire(slot, new Error(`the report took longer than ${this.timeoutMs} ms`));
    }, this.timeoutMs);
    const message: RenderJob = { id: job.id, request: job.request };
    try {
      slot.worker.postMessage(message);
    } catch (error) {
      // A request that cannot be cloned never reached the worker, which stays usable.
      this.finish(slot)?.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Frees the slot and hands back the job it was running, if any. */
  private finish(slot: Slot): Job | null {
    const { job } = slot;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    slot.worker.unref();
    return job;
  }

  private settle(slot: Slot, answer: RenderAnswer): void {
    if (slot.job?.id !== answer.id) return;
    const job = this.finish(slot);
    if (answer.ok) job?.resolve(new Uint8Array(answer.pdf));
    else
      job?.reject(
        new Error(`the report could not be rendered: ${answer.message}`, { cause: workerError(answer) }),
      );
    this.dispatch();
  }

  /**
   * A worker that crashed, exited or hung: its job fails, the worker goes, a new one follows.
   * One that died before it started had no job: the oldest waiting job takes its error, so a
   * module that cannot load fails each job once rather than respawning without end.
   */
  private retire(slot: Slot, error: Error): void {
    if (!this.slots.delete(slot)) return;
    slot.markSettled();
    const job = slot.ready ? this.finish(slot) : (this.finish(slot) ?? this.queue.shift());
    job?.reject(error);
    void slot.worker.terminate();
    this.dispatch();
  }
}
