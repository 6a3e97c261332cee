/**
 * `npm run bench:dashboard`: server time to render the trial dashboard (scorecard with
 * robustness, charts, SLA board) and the size of its HTML, for the sample trial and for the
 * 20 × 100 reference trial; then, at 50 connections, the throughput and p99 of that dashboard
 * and of the API scorecard without asOf beside a bare Express route in the same run.
 * Targets: the sample trial's dashboard under 100 ms; SPEC §10 (reported, not enforced here,
 * as client and server share the machine): ≥ 50% of the bare route's throughput, p99 ≤ 100 ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { depsOver } from '../src/app/wiring.js';
import { createSampleTrial } from '../src/app/sample.js';
import { importTrial } from '../src/app/trials.js';
import { createApp } from '../src/http/app.js';
import { Store } from '../src/storage/store.js';
import { benchHeaders } from './accounts.js';
import { generateTrial } from './generate.js';

const RUNS = 40;
const TARGET_MS = 100;
const CONNECTIONS = 50;
const LOAD_MS = 3000;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sla-probe-bench-'));
const store = await Store.open(dataDir);
const deps = depsOver(store);
const headers = await benchHeaders(deps);
const sample = await createSampleTrial(deps);
const reference = await importTrial(deps, generateTrial(20, 100, 'dashboard'));

async function listen(server: Server): Promise<number> {
  await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}
const server = createApp(deps).listen(0, '127.0.0.1');
const port = await listen(server);
const bareApp = express();
bareApp.get('/', (_req, res) => {
  res.send('ok');
});
const bare = bareApp.listen(0, '127.0.0.1');
const barePort = await listen(bare);

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

/** CONNECTIONS clients asking `url` back to back for LOAD_MS: requests per second and p99. */
async function load(label: string, url: string): Promise<number> {
  const latencies: number[] = [];
  const stopAt = performance.now() + LOAD_MS;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < stopAt) {
        const started = performance.now();
        const response = await fetch(url, { headers });
        await response.text();
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const perSecond = latencies.length / (LOAD_MS / 1000);
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN;
  console.log(
    `${label} at ${CONNECTIONS} connections: ${perSecond.toFixed(0)} req/s, p99 ${p99.toFixed(1)} ms`,
  );
  return perSecond;
}

try {
  const sampleP95 = await measure('dashboard, sample trial', `http://127.0.0.1:${port}/trials/${sample.id}`);
  await measure('dashboard, 20 vendors × 100 probes', `http://127.0.0.1:${port}/trials/${reference.id}`);
  const bareRate = await load('bare Express route', `http://127.0.0.1:${barePort}/`);
  for (const [label, url] of [
    ['dashboard, 20 vendors × 100 probes', `/trials/${reference.id}`],
    ['API scorecard without asOf, 20 vendors × 100 probes', `/api/v1/trials/${reference.id}/scorecard`],
  ] as const) {
    const rate = await load(label, `http://127.0.0.1:${port}${url}`);
    console.log(`${label}: ${((rate / bareRate) * 100).toFixed(0)}% of the bare route's throughput`);
  }
  console.log(
    `target: sample dashboard under ${TARGET_MS} ms — ${sampleP95 <= TARGET_MS ? 'met' : 'MISSED'}`,
  );
  if (sampleP95 > TARGET_MS) process.exitCode = 1;
} finally {
  server.close();
  bare.close();
  await rm(dataDir, { recursive: true, force: true });
}
