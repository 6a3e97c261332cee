/**
 * The inside of a report worker thread (started by pool.ts). The thread lives across jobs, so
 * whatever the renderer prepares at module level — the parsed CJK font above all — is paid once
 * per worker, not once per document. There is no warm-up: the pool starts a worker for a report
 * that is waiting, and rendering a throw-away document first would only make that one wait longer.
 */
import { parentPort } from 'node:worker_threads';
import { renderReport } from './renderReport.js';
import type { ReportRequest } from './request.js';

export interface RenderJob {
  id: number;
  request: ReportRequest;
}

/** A PDF as it crosses threads: the first `byteLength` bytes of `buffer`, which is moved, not copied. */
export interface TransferredPdf {
  buffer: ArrayBuffer;
  byteLength: number;
}

export type RenderAnswer =
  { id: number; ok: true; pdf: TransferredPdf } | { id: number; ok: false; message: string; stack?: string };

/**
 * The PDF's bytes in a buffer that can be transferred. The renderer writes them at the start of
 * room of their own, which moves whole (the room after them was never written, so never
 * resident). Bytes anywhere else are copied: a small Node Buffer is a view into a pool shared
 * with others (never bigger than Buffer.poolSize), and transferring it would detach the pool.
 */
function transferable(bytes: Uint8Array): TransferredPdf {
  const { buffer, byteOffset, byteLength } = bytes;
  const own = buffer instanceof ArrayBuffer && byteOffset === 0 && buffer.byteLength > Buffer.poolSize;
  return { buffer: own ? buffer : bytes.slice().buffer, byteLength };
}

/** A job's request, handed to the renderer once and then let go. */
interface Pending {
  request: ReportRequest | null;
}

/**
 * Starts the rendering and drops this side's hold on the request, so that once the renderer
 * has built its model, a big trial's records can be collected while the pages are laid out.
 * A renderer that throws at once rejects like one that fails later.
 */
function startRendering(pending: Pending): Promise<Uint8Array> {
  const { request } = pending;
  pending.request = null;
  try {
    if (!request) throw new Error('report worker: the job was already started');
    return renderReport(request);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

async function answer(id: number, pending: Pending): Promise<RenderAnswer> {
  try {
    const pdf = await startRendering(pending);
    return { id, ok: true, pdf: transferable(pdf) };
  } catch (error) {
    if (!(error instanceof Error)) return { id, ok: false, message: String(error) };
    return { id, ok: false, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  }
}

let markAnswered = (): void => undefined;
/**
 * Settles once this worker has posted its first answer: by then it has run the code a report
 * needs, which is what bundledWorker.ts keeps in V8's code cache for the workers after it.
 */
export const firstAnswered = new Promise<void>((resolve) => {
  markAnswered = resolve;
});

const port = parentPort;
if (!port) throw new Error('the report worker runs inside a worker thread; use ReportPool');
port.on('message', (job: RenderJob) => {
  void answer(job.id, { request: job.request }).then((reply) => {
    port.postMessage(reply, reply.ok ? [reply.pdf.buffer] : []);
    markAnswered();
  });
});
