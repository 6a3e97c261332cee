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

/** One worker on a two-core machine: the other core keeps answering pages while a report builds. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}

export interface ReportPoolOptions {
  size?: number;
  /** A job running longer is abandoned and its worker replaced. */
  timeoutMs?: number;
  /** The worker's module; tests pass a stand-in that misbehaves on purpose. */
  entry?: URL;
}

/** The renderer's own error as it was in the worker, stack included, for the server log. */
function workerError({ message, stack }: { message: string; stack?: string }): Error {
  const error = new Error(message);
  if (stack) error.stack = stack;
  return error;
}

interface Job extends RenderJob {
  resolve: (pdf: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/** A small fixed set of worker threads with a queue in front; a worker that dies is replaced. */
export class ReportPool implements ReportRenderer {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly entry: URL;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ReportPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.entry = options.entry ?? REPORT_WORKER;
    // Started now, so the first report does not also pay for the thread, tsx and the font.
    for (let index = 0; index < this.size; index++) this.spawn();
  }

  render(request: ReportRequest): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('the report pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs still waiting are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the report pool is closed'));
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const code = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(this.entry.href)}); });`;
    const slot: Slot = { worker: new Worker(code, { eval: true }), job: null, timer: null };
    // An idle worker must not keep a finished script alive; a busy one is ref'd in start().
    slot.worker.unref();
    slot.worker.on('message', (answer: RenderAnswer) => {
      this.settle(slot, answer);
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

  private dispatch(): void {
    if (this.closed) return;
    // Replacements start here, when there is work: a worker module that cannot even load then
    // fails each job once instead of respawning in a loop.
    while (this.queue.length > 0 && this.slots.size < this.size) this.spawn();
    for (const slot of this.slots) {
      while (slot.job === null) {
        const job = this.queue.shift();
        if (!job) return;
        this.start(slot, job);
      }
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

  /** A worker that crashed, exited or hung: its job fails, the worker goes, a new one follows. */
  private retire(slot: Slot, error: Error): void {
    if (!this.slots.delete(slot)) return;
    const job = this.finish(slot);
    job?.reject(error);
    void slot.worker.terminate();
    this.dispatch();
  }
}
