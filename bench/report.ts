/**
 * `npm run bench`: the comparison PDF of an 8 vendors × 30 probes trial, built by the real
 * server (its own process, its report worker pool, a temp data folder) over loopback.
 * SPEC §10 targets: one report ≤ 1.5 s; while four are being built at once, dashboard and API
 * requests keep p99 ≤ 200 ms. Exits non-zero when a target is missed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPoolSize } from '../src/reports/pool.js';
import { benchHeadersIn } from './accounts.js';
import { generateTrial } from './generate.js';

const TARGET_REPORT_MS = 1500;
const TARGET_P99_MS = 200;
const REPORT_RUNS = 3; // per language
const CONCURRENT_REPORTS = 4;
/** Pages are asked one after another with a short pause, as people clicking would. */
const PAGE_PAUSE_MS = 5;
const MAX_PAGE_REQUESTS = 5000;
const BASELINE_MS = 2000;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `tsx src/server.ts` with its own data folder on a free port; resolves with its base URL. */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, [...process.execArgv, path.join(ROOT, 'src/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/[^/\s]+)\//.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => {
      reject(new Error(`the server exited (code ${code}) before listening: ${output}`));
    });
  });
  return { child, baseUrl };
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Milliseconds from asking to the last byte of the body. */
async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

/** The server's resident memory, workers included (Linux only; "n/a" elsewhere). */
async function serverRss(pid: number | undefined): Promise<string> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kilobytes = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kilobytes ? `${(Number(kilobytes) / 1024).toFixed(0)} MB` : 'n/a';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests the URLs in turn until `done()` says stop (or the bound is reached). */
async function pageLoop(urls: string[], done: () => boolean): Promise<number[]> {
  const timings: number[] = [];
  for (let index = 0; !done() && timings.length < MAX_PAGE_REQUESTS; index++) {
    timings.push(await timed(urls[index % urls.length] ?? ''));
    await pause(PAGE_PAUSE_MS);
  }
  return timings;
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sla-probe-bench-report-'));
const headers = await benchHeadersIn(dataDir);
const { child, baseUrl } = await startServer(dataDir);
let missed = false;
try {
  const reference = await postJson<{ id: string }>(
    `${baseUrl}/api/v1/trials/import`,
    generateTrial(8, 30, 'report'),
  );
  const sample = await postJson<{ id: string }>(`${baseUrl}/api/v1/trials/sample`, {});
  const reportUrl = (lang: string) => `${baseUrl}/api/v1/trials/${reference.id}/report.pdf?lang=${lang}`;
  const pageUrls = [`${baseUrl}/trials/${sample.id}`, `${baseUrl}/api/v1/trials/${sample.id}`];
  const workers = process.env['REPORT_WORKERS'] ?? `${defaultPoolSize()} (default)`;
  console.log(
    `report bench: 8 vendors × 30 probes, ${os.availableParallelism()} cores, ${workers} report worker(s)`,
  );

  // Warm-up: templates, JIT, both languages' glyph paths in the worker.
  for (const lang of ['en', 'zh-CN']) await timed(reportUrl(lang));
  for (const url of pageUrls) await timed(url);

  // (a) one report at a time, end to end.
  let worstMedian = 0;
  for (const lang of ['en', 'zh-CN']) {
    const runs: number[] = [];
    for (let run = 0; run < REPORT_RUNS; run++) runs.push(await timed(reportUrl(lang)));
    const median = percentile(runs, 0.5);
    worstMedian = Math.max(worstMedian, median);
    console.log(`comparison report (${lang}): median ${ms(median)}, runs ${runs.map(ms).join(', ')}`);
  }
  const reportMet = worstMedian <= TARGET_REPORT_MS;
  console.log(`target: one report ≤ ${TARGET_REPORT_MS} ms — ${reportMet ? 'met' : 'MISSED'}`);

  // Baseline: the same page loop with no report being built.
  const baselineEnd = performance.now() + BASELINE_MS;
  const baseline = await pageLoop(pageUrls, () => performance.now() > baselineEnd);
  console.log(
    `pages, idle: p50 ${ms(percentile(baseline, 0.5))}, p99 ${ms(percentile(baseline, 0.99))} over ${baseline.length} requests`,
  );

  // (b) four reports at once, pages asked all the while.
  let building = true;
  const started = performance.now();
  const reports = Promise.all(
    Array.from({ length: CONCURRENT_REPORTS }, (_, index) => timed(reportUrl(index % 2 ? 'zh-CN' : 'en'))),
  ).finally(() => {
    building = false;
  });
  const [dashboardTimings, apiTimings, reportTimings] = await Promise.all([
    pageLoop(pageUrls.slice(0, 1), () => !building),
    pageLoop(pageUrls.slice(1), () => !building),
    reports,
  ]);
  const underLoad = [...dashboardTimings, ...apiTimings];
  const p99 = percentile(underLoad, 0.99);
  console.log(
    `${CONCURRENT_REPORTS} reports at once: all done in ${ms(performance.now() - started)} (each ${reportTimings.map(ms).join(', ')})`,
  );
  console.log(
    `pages while building: dashboard p99 ${ms(percentile(dashboardTimings, 0.99))} (${dashboardTimings.length}), API p99 ${ms(percentile(apiTimings, 0.99))} (${apiTimings.length}); together p50 ${ms(percentile(underLoad, 0.5))}, p99 ${ms(p99)}, max ${ms(Math.max(...underLoad))}`,
  );
  console.log(`server resident memory after the reports (workers included): ${await serverRss(child.pid)}`);
  const p99Met = p99 <= TARGET_P99_MS;
  console.log(`target: pages p99 ≤ ${TARGET_P99_MS} ms while reports build — ${p99Met ? 'met' : 'MISSED'}`);
  missed = !reportMet || !p99Met;
} finally {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
}
if (missed) process.exitCode = 1;
