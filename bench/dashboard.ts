/**
 * `npm run bench:dashboard`: server time to render the trial dashboard (scorecard with
 * robustness, charts, SLA board) and the size of its HTML, for the sample trial and for the
 * 20 × 100 reference trial.
 * Target: the sample trial's dashboard under 100 ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { depsOver } from '../src/app/wiring.js';
import { createSampleTrial } from '../src/app/sample.js';
import { importTrial } from '../src/app/trials.js';
import { createApp } from '../src/http/app.js';
import { Store } from '../src/storage/store.js';
import { benchHeaders } from './accounts.js';
import { generateTrial } from './generate.js';

const RUNS = 40;
const TARGET_MS = 100;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sla-probe-bench-'));
const store = await Store.open(dataDir);
const deps = depsOver(store);
const headers = await benchHeaders(deps);
const sample = await createSampleTrial(deps);
const reference = await importTrial(deps, generateTrial(20, 100, 'dashboard'));
const server = createApp(deps).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as AddressInfo;

async function measure(label: string, url: string): Promise<number> {
  // Warm-up (templates, zone tables); its size is the page's weight on the wire.
  const html = await fetch(url, { headers }).then((response) => response.text());
  console.log(`${label}: HTML ${(Buffer.byteLength(html) / 1024).toFixed(1)} kB`);
  const timings: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(RUNS / 2)] ?? Number.NaN;
  const p95 = timings[Math.floor(RUNS * 0.95)] ?? Number.NaN;
  console.log(`${label}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${RUNS} requests`);
  return p95;
}

try {
  const sampleP95 = await measure('dashboard, sample trial', `http://127.0.0.1:${port}/trials/${sample.id}`);
  await measure('dashboard, 20 vendors × 100 probes', `http://127.0.0.1:${port}/trials/${reference.id}`);
  console.log(
    `target: sample dashboard under ${TARGET_MS} ms — ${sampleP95 <= TARGET_MS ? 'met' : 'MISSED'}`,
  );
  if (sampleP95 > TARGET_MS) process.exitCode = 1;
} finally {
  server.close();
  await rm(dataDir, { recursive: true, force: true });
}
