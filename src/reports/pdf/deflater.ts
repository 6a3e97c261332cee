/**
 * Page content deflated on a thread of its own while the next page is laid out. Laying out a
 * big report keeps one core busy and leaves the other nearly idle, and deflating its pages was
 * a tenth of that core's time (~4,000 pages at 40 × 200).
 *
 * The document still writes everything in one fixed order: a page's content is handed over
 * when the page ends and taken back (waited for, should it not be ready) when two more pages
 * have ended or the document has (see pageContent.ts), so the bytes never depend on which
 * thread was faster. Should the thread not start, fail or fall silent, the page is deflated
 * here from the bytes handed over, which their owner leaves alone until they are taken.
 */

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';

/** zlib's level for page content (its default is 6): half the time for ~15% more bytes. */
const DEFLATE_LEVEL = 3;

/** Page content deflated on this thread, as the deflating thread deflates it. */
function deflateHere(bytes: Uint8Array): Uint8Array {
  return deflateSync(bytes, { level: DEFLATE_LEVEL });
}

/**
 * How long a page is waited for before it is deflated here instead (and the thread no longer
 * used): a page takes well under a millisecond to deflate, and was handed over two pages
 * earlier.
 */
const PATIENCE_MS = 1_000;

/** Answers kept for pages taken out of order (see DeflatingThread.early). */
const MAX_EARLY = 64;

/** Bytes on their way to being deflated: whoever hands them over leaves them alone until taken. */
export interface Deflating {
  /** The deflated bytes: waits for the thread if it has not finished them yet. */
  take(): Uint8Array;
}

/** Deflated on the spot: for a few pages, a thread would cost more than it saves. */
export function deflateNow(bytes: Uint8Array): Deflating {
  const deflated = deflateHere(bytes);
  return { take: () => deflated };
}

/** Where the two threads count: the answers given, and whether the deflating thread has ended. */
const ANSWERED = 0;
const ENDED = 1;

/**
 * Runs first on the deflating thread: its end is told at once, so a page is never waited for
 * from a thread that has gone (its 'exit' event would only come once the waiting is over).
 */
const PRELUDE = `
const { workerData } = require('node:worker_threads');
const { port, counts, level } = workerData;
const shared = new Int32Array(counts);
process.on('exit', () => { Atomics.store(shared, ${ENDED}, 1); Atomics.notify(shared, ${ANSWERED}); });
`;

/**
 * The deflating thread's work: each request deflated in arrival order, its answer posted, then
 * the count of answers raised (and the waiting thread woken).
 */
const PROGRAM = `
const { deflateSync } = require('node:zlib');
port.on('message', ({ id, bytes }) => {
  let deflated = null;
  try { deflated = deflateSync(bytes, { level }); } catch {}
  port.postMessage({ id, deflated });
  Atomics.store(shared, ${ANSWERED}, id);
  Atomics.notify(shared, ${ANSWERED});
});
`;

interface Answer {
  id: number;
  deflated: Uint8Array | null;
}

/** How a deflating thread runs: its work (after the prelude) and how long a page is waited for. */
export interface ThreadOptions {
  program?: string;
  patienceMs?: number;
}

/** The thread, and what it has answered so far. */
export class DeflatingThread {
  private readonly port: MessagePort;
  /** Answers counted by the thread (each request's id is one more than the last's), and its end. */
  private readonly counts = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private sent = 0;
  /** Answers read while waiting for an earlier request's (pages may be taken in any order). */
  private readonly early = new Map<number, Uint8Array | null>();
  private readonly patienceMs: number;
  broken = false;

  constructor({ program = PROGRAM, patienceMs = PATIENCE_MS }: ThreadOptions = {}) {
    this.patienceMs = patienceMs;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(PRELUDE + program, {
      eval: true,
      workerData: { port: port2, counts: this.counts.buffer, level: DEFLATE_LEVEL },
      transferList: [port2],
      // A small heap: it holds one page at a time.
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    // Neither keeps the process (or the report worker) alive; each ends with its thread.
    this.worker.unref();
    this.port.unref();
    this.worker.on('error', () => {
      this.broken = true;
    });
    this.worker.on('exit', () => {
      this.broken = true;
    });
  }

  /** Stops the thread; pages handed over later are deflated here. */
  close(): Promise<number> {
    this.broken = true;
    return this.worker.terminate();
  }

  deflate(bytes: Uint8Array): Deflating {
    if (this.broken) return deflateNow(bytes);
    // A copy moved to the thread, not cloned on the way (that cost more than deflating); the
    // bytes themselves are what is deflated here should the thread fail.
    // (A Buffer's slice is a view of the same memory: this is a copy whatever `bytes` is.)
    const copy = new Uint8Array(bytes);
    const id = ++this.sent;
    this.port.postMessage({ id, bytes: copy }, [copy.buffer]);
    let deflated: Uint8Array | undefined;
    return {
      take: () => (deflated ??= this.answerTo(id) ?? deflateHere(bytes)),
    };
  }

  /** The thread's answer to request `id`, or null when it has none to give in time. */
  private answerTo(id: number): Uint8Array | null {
    const deadline = performance.now() + this.patienceMs;
    for (;;) {
      // Read before the port: an answer counted after this wakes the wait below at once.
      const counted = Atomics.load(this.counts, ANSWERED);
      if (this.early.has(id)) {
        const answer = this.early.get(id) ?? null;
        this.early.delete(id);
        return answer;
      }
      const received = receiveMessageOnPort(this.port)?.message as Answer | undefined;
      if (received) {
        if (received.id === id) return received.deflated;
        // Bounded: a document that failed half-way leaves its last pages' answers untaken.
        if (this.early.size >= MAX_EARLY) this.early.delete(this.early.keys().next().value ?? 0);
        this.early.set(received.id, received.deflated);
        continue;
      }
      const left = deadline - performance.now();
      if (this.broken || left <= 0 || Atomics.load(this.counts, ENDED) === 1) {
        if (!this.broken) void this.close();
        return null;
      }
      // Woken when the thread counts an answer; a short wait at most, then the port is read again.
      Atomics.wait(this.counts, ANSWERED, counted, Math.min(left, 50));
    }
  }
}

let thread: DeflatingThread | undefined;

/**
 * Deflated on this thread's deflating thread, started at the first call and kept for later
 * documents; it ends with the thread that started it. Once it has failed, pages are deflated
 * here.
 */
export function deflateOnThread(bytes: Uint8Array): Deflating {
  // A thread that failed is not started again: this thread deflates from then on.
  if (thread?.broken) return deflateNow(bytes);
  try {
    thread ??= new DeflatingThread();
  } catch {
    return deflateNow(bytes);
  }
  return thread.deflate(bytes);
}
