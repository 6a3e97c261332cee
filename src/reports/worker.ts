/**
 * The inside of a report worker thread (started by pool.ts). The thread lives across jobs, so
 * whatever the renderer prepares at module level — the parsed CJK font above all — is paid once
 * per worker, not once per document.
 */
import { parentPort } from 'node:worker_threads';
import { renderReport } from './renderReport.js';
import { warmUpReports } from './warmUp.js';
import type { ReportRequest } from './request.js';

export interface RenderJob {
  id: number;
  request: ReportRequest;
}

export type RenderAnswer =
  { id: number; ok: true; pdf: ArrayBuffer } | { id: number; ok: false; message: string; stack?: string };

/** The PDF's bytes in a buffer of their own, so it can be transferred (moved, not copied). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer } = bytes;
  const whole = bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
  // A small Node Buffer is a view into a shared pool; transferring that would detach the pool.
  return whole && buffer instanceof ArrayBuffer ? buffer : bytes.slice().buffer;
}

async function answer(job: RenderJob): Promise<RenderAnswer> {
  try {
    // Through a promise, so a renderer that throws synchronously rejects like one that fails later.
    const pdf = await Promise.resolve(job.request).then(renderReport);
    return { id: job.id, ok: true, pdf: ownBuffer(pdf) };
  } catch (error) {
    if (!(error instanceof Error)) return { id: job.id, ok: false, message: String(error) };
    return { id: job.id, ok: false, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  }
}

const port = parentPort;
if (!port) throw new Error('src/reports/worker.ts runs inside a worker thread; use ReportPool');
// One-time costs (font parse, Chart.js set-up, code compilation) are paid as the thread starts;
// jobs that arrive meanwhile wait for it, which they would otherwise pay themselves.
const warm = warmUpReports().catch(() => undefined);
port.on('message', (job: RenderJob) => {
  void warm
    .then(() => answer(job))
    .then((reply) => {
      port.postMessage(reply, reply.ok ? [reply.pdf] : []);
    });
});
