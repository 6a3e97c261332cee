/**
 * Reports are built in worker threads: laying out a PDF is CPU-bound work of a second or more,
 * and on the request thread it would stall every other user's page (SPEC §7, §10).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReportRenderer, ReportRequest } from './request.js';
import type { RenderAnswer, RenderJob } from './worker.js';

/**
 * Whether this module runs as TypeScript (tests, `npm run dev`) rather than compiled in dist/
 * (`npm start`): the worker's module is then the .ts file beside it, loaded through tsx;
 * compiled, it is the bundled worker with its code cache (bundledWorker.ts).
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const REPORT_WORKER = new URL(FROM_SOURCE ? './worker.ts' : './bundledWorker.js', import.meta.url);
const DEFAULT_TIMEOUT_MS = 60_000;
/** A worker that has not loaded its module by then is replaced (a start-up that hangs). */
const DEFAULT_START_TIMEOUT_MS = 60_000;
/** Enough to absorb a burst of report clicks; past it a client is told to come back. */
const DEFAULT_MAX_QUEUED = 8;
/** A worker holds ~150 MB (fonts, Chart.js, layout code); one unused for this long gives it back. */
const DEFAULT_IDLE_MS = 300_000;
/**
 * The most a worker's long-lived heap (V8's old generation) may grow to. V8 lets a heap with a
 * large limit grow to up to four times what it keeps alive before collecting it, so a 40 × 200
 * report that keeps ~150 MB alive had a heap of ~260 MB; under this limit V8 grows it by at most
 * ~1.6 times (~190 MB). It is still seven times what that report keeps alive: a report that
 * outgrows it fails alone (the worker is replaced) instead of taking the server's memory.
 */
const DEFAULT_MAX_HEAP_MB = 1024;
/**
 * A worker's young generation (where short-lived objects start), in MB: smaller than V8's
 * default, it keeps ~20 MB less resident while a big report is laid out (and while idle), for
 * more frequent but shorter collections (the 40 × 200 report took as long either way).
 */
const YOUNG_HEAP_MB = 16;
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
  /** A started worker with no job for this long exits; the next report starts a new one. */
  idleMs?: number;
  /** The limit of a worker's old-generation heap, in MB (see DEFAULT_MAX_HEAP_MB). */
  maxHeapMb?: number;
}

/**
 * The code a worker thread runs first. Node 20 does not carry a `--import` loader into worker
 * threads (tsx itself skips registering there), so a worker whose module is TypeScript
 * registers tsx's hooks before importing it; compiled JavaScript is imported as it is.
 */
function workerBootstrap(entry: URL): string {
  const load =
    FROM_SOURCE || entry.pathname.endsWith('.ts')
      ? [
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})`,
          `.then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`,
        ]
      : [`import(${JSON.stringify(entry.href)})`];
  // The module may export `ready`, a promise of warm-up it does after loading; the worker
  // takes jobs once that settles, so a job's time limit never includes a cold start.
  return [
    `const { parentPort } = require('node:worker_threads');`,
    ...load,
    `.then((loaded) => loaded.ready)`,
    `.then(() => { parentPort.postMessage(${JSON.stringify(READY)}); });`,
  ].join('\n');
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
  /** Runs while it is started and has no job: when it fires, the worker exits. */
  idleTimer: NodeJS.Timeout | null;
  /** Settles when it has started or gone. */
  settled: Promise<void>;
  markSettled: () => void;
}

/**
 * Up to a small fixed number of worker threads with a queue in front. Workers start with the
 * first report that needs them, not with the server (each holds ~150 MB that most of the day
 * nobody uses), and one idle for `idleMs` exits; a worker that dies is replaced when there is work.
 */
export class ReportPool implements ReportRenderer {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly maxQueued: number;
  private readonly entry: URL;
  private readonly idleMs: number;
  private readonly maxHeapMb: number;
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
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  }

  /** Worker threads alive now, started or starting. */
  get workers(): number {
    return this.slots.size;
  }

  render(request: ReportRequest): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('the report pool is closed'));
    // A worker that is free, starting, or not yet started takes a job without it waiting.
    let busy = 0;
    for (const slot of this.slots) if (slot.job) busy++;
    if (this.queue.length >= this.maxQueued + (this.size - busy)) {
      return Promise.reject(new ReportsBusyError(RETRY_AFTER_SECONDS));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Starts every worker now rather than with the first report, and settles once each has
   * started (or failed to): for callers that want them warm.
   */
  async whenStarted(): Promise<void> {
    while (!this.closed && this.slots.size < this.size) this.spawn();
    await Promise.all([...this.slots].map((slot) => slot.settled));
  }

  /** Stops every worker; jobs still waiting are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the report pool is closed'));
    for (const slot of this.slots) this.stopIdleTimer(slot);
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    let markSettled: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => {
      markSettled = resolve;
    });
    const worker = new Worker(workerBootstrap(this.entry), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: YOUNG_HEAP_MB },
    });
    const slot: Slot = {
      worker,
      ready: false,
      job: null,
      timer: null,
      idleTimer: null,
      settled,
      markSettled,
    };
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
    // Workers start here, when there is work, one per waiting job that no starting worker will
    // take: a worker module that cannot even load then fails each job once instead of
    // respawning in a loop.
    let starting = 0;
    for (const slot of this.slots) if (!slot.ready) starting++;
    for (; this.queue.length > starting && this.slots.size < this.size; starting++) this.spawn();
    for (let slot = this.idleSlot(); slot && this.queue.length > 0; slot = this.idleSlot()) {
      const job = this.queue.shift();
      if (job) this.start(slot, job);
    }
    for (const slot of this.slots) if (slot.ready && !slot.job && !slot.idleTimer) this.startIdleTimer(slot);
  }

  private startIdleTimer(slot: Slot): void {
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null;
      if (slot.job || !this.slots.delete(slot)) return;
      // Gone from the pool first, so its exit is not taken for a crash to replace.
      void slot.worker.terminate();
    }, this.idleMs);
    slot.idleTimer.unref();
  }

  private stopIdleTimer(slot: Slot): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
  }

  private start(slot: Slot, job: Job): void {
    this.stopIdleTimer(slot);
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
    if (answer.ok) job?.resolve(new Uint8Array(answer.pdf.buffer, 0, answer.pdf.byteLength));
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
    this.stopIdleTimer(slot);
    slot.markSettled();
    const job = slot.ready ? this.finish(slot) : (this.finish(slot) ?? this.queue.shift());
    job?.reject(error);
    void slot.worker.terminate();
    this.dispatch();
  }
}
