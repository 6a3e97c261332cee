/**
 * `npm run bench`: the SPEC §10 figures in one table, each beside a baseline measured in the
 * same run on the same machine (a bare Express route, JSON.parse of the same trial, an
 * fdatasync append of the same bytes …), for trials of 5 × 25 up to 40 × 200 vendors × probes,
 * so anyone can see how cost grows with the trial. Every server is its own process started
 * with `npm start` (the compiled build) over a temp data folder; loads go to 127.0.0.1 only
 * and are bounded in time. Exits non-zero when a target is missed or an append is lost.
 *
 *   npm run bench                       all sizes
 *   npm run bench -- 8x30 20x100        some sizes
 *   BENCH_LOAD_MS=5000 npm run bench    longer load runs (3000 by default)
 *
 * When PostgreSQL is installed, the reference size is also served from a throwaway cluster
 * (DATABASE_URL): the API scorecard read and the event append, beside the JSON store's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSampleTrial } from '../src/app/sample.js';
import { importTrial } from '../src/app/trials.js';
import { withDataFolder } from '../src/app/wiring.js';
import { cacheFileOf } from '../src/reports/codeCache.js';
import type { TrialExport } from '../src/domain/schemas.js';
import type { Cluster } from '../scripts/postgres.js';
import { benchHeaders } from './accounts.js';
import { generateTrial } from './generate.js';
import type { ScorecardTiming } from './scorecardTiming.js';
import {
  appendBody,
  appendLoad,
  appendProblems,
  appendProblemsIn,
  appendTargets,
  fdatasyncP99,
} from './lib/append.js';
import { load, type LoadResult } from './lib/load.js';
import { preparePostgres, startPostgres, stopPostgres, storedInPostgres } from './lib/postgres.js';
import { memoryOf, resetPeak, startBare, startProduct, type Running } from './lib/processes.js';
import { median, pause, percentile, timeRuns } from './lib/stats.js';
import { met, renderTable, type Figure } from './lib/table.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = ['5x25', '8x30', '10x50', '20x100', '40x200'];
/** SPEC §10's reference trial: the size most targets are stated for. */
const REFERENCE = '20x100';
const LOAD_MS = Number(process.env['BENCH_LOAD_MS'] ?? 3000);
/**
 * Each throughput run, bare route and product alike, follows a short one of the same requests
 * that is not counted: it compiles the hot code and opens the connections, and for the product
 * builds the page of the current minute. A run is 3 s while a page is built once a minute, so
 * counting that build would weigh it twenty times; a minute that turns during a run still costs it.
 */
const WARM_UP_MS = 1000;
const CONNECTIONS = 50;
const APPEND_CLIENTS = 10;
const IDLE_SETTLE_MS = 2000;
/** Browsers ask for compressed pages; so does the bench. */
const BROWSER = { 'Accept-Encoding': 'gzip, deflate, br' };

interface Prepared {
  dataDir: string;
  trial: TrialExport;
  trialId: string;
  sampleId: string;
  authorization: string;
}

async function prepare(vendors: number, probes: number): Promise<Prepared> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sla-probe-bench-'));
  const trial = generateTrial(vendors, probes, `bench${vendors}x${probes}`);
  const written = await withDataFolder(dataDir, async (deps) => {
    const { Authorization } = await benchHeaders(deps);
    const imported = await importTrial(deps, trial);
    const sample = await createSampleTrial(deps);
    return { trialId: imported.id, sampleId: sample.id, authorization: Authorization ?? '' };
  });
  return { dataDir, trial, ...written };
}

/** A throughput run of LOAD_MS after an uncounted one of WARM_UP_MS. */
async function warmedLoad(url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  await load(url, { connections: CONNECTIONS, durationMs: WARM_UP_MS, headers });
  return load(url, { connections: CONNECTIONS, durationMs: LOAD_MS, headers });
}

/** Load runs of the product and of its baseline taken in turns, so both see the same machine. */
const LOAD_ROUNDS = 3;

/**
 * The median throughput and p99 of LOAD_ROUNDS runs of `url`, each right after a run of the
 * bare route (its baseline, reduced the same way): this machine's speed moves from one minute
 * to the next, and a single pair of runs moved the ratio by half of itself.
 */
async function loadInTurns(
  bareUrl: string,
  url: string,
  headers: Record<string, string>,
): Promise<{ baseline: LoadResult; measured: LoadResult }> {
  const baselines: LoadResult[] = [];
  const measured: LoadResult[] = [];
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    baselines.push(await warmedLoad(bareUrl));
    measured.push(await warmedLoad(url, headers));
  }
  const reduced = (runs: LoadResult[]): LoadResult => ({
    perSecond: median(runs.map((run) => run.perSecond)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    errors: runs.flatMap((run) => run.errors),
  });
  return { baseline: reduced(baselines), measured: reduced(measured) };
}

/** The scorecard's time and its baseline for one size, from a process of their own. */
function scorecardTiming(size: string): ScorecardTiming {
  const script = path.join(ROOT, 'bench/scorecardTiming.ts');
  const output = execFileSync(process.execPath, [...process.execArgv, script, size], { encoding: 'utf8' });
  return JSON.parse(output) as ScorecardTiming;
}

async function timedGet(url: string, authorization: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { Authorization: authorization, ...BROWSER } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

/** The JSON store's figures the PostgreSQL rows are set beside. */
interface JsonFigures {
  scorecardP99: number;
  appendP99: number;
}

/** Every figure for one trial size. */
async function measureSize(
  size: string,
  bare: Running,
  cluster: Cluster | null,
  problems: string[],
): Promise<Figure[]> {
  const [vendors, probes] = size.split('x').map(Number) as [number, number];
  const trialName = `${vendors} × ${probes}`;
  const isReference = size === REFERENCE;
  const figures: Figure[] = [];
  const add = (figure: Omit<Figure, 'trial'>) => figures.push({ ...figure, trial: trialName });
  const prepared = await prepare(vendors, probes);
  const { trial, authorization } = prepared;
  const events = trial.probes.reduce((sum, probe) => sum + probe.events.length, 0);
  console.error(`${trialName}: ${events} events`);

  // Before any server runs: pure computation against parsing the same data (scorecardTiming.ts).
  const { scorecardMs, parseMs } = scorecardTiming(size);
  add({
    figure: 'scorecard with robustness',
    value: scorecardMs,
    unit: 'ms',
    baseline: { what: 'JSON.parse of the trial', value: parseMs },
    target: isReference ? { atMost: 50 } : undefined,
  });

  const server = await startProduct(prepared.dataDir);
  const json: JsonFigures = { scorecardP99: Number.NaN, appendP99: Number.NaN };
  try {
    add({
      figure: '`npm start` → first answer',
      value: server.startMs,
      unit: 'ms',
      baseline: { what: 'bare Express process', value: bare.startMs },
      target: { atMost: 1000 },
    });
    await pause(IDLE_SETTLE_MS);
    add({
      figure: 'resident memory, idle',
      value: (await memoryOf(server.pid)).rssMb,
      unit: 'MB',
      baseline: { what: 'bare Express process', value: (await memoryOf(bare.pid)).rssMb },
      target: { atMost: 200 },
    });
    const sampleReport = `${server.baseUrl}/api/v1/trials/${prepared.sampleId}/report.pdf?lang=en`;
    const firstReport = await timedGet(sampleReport, authorization);
    add({
      figure: 'first report after start (sample trial)',
      value: firstReport,
      unit: 'ms',
      baseline: { what: 'the next one', value: await timedGet(sampleReport, authorization) },
      target: { atMost: 1000 },
    });

    for (const [figure, url] of [
      ['dashboard', `/trials/${prepared.trialId}`],
      ['API scorecard without asOf', `/api/v1/trials/${prepared.trialId}/scorecard`],
    ] as const) {
      const { baseline, measured } = await loadInTurns(bare.baseUrl, `${server.baseUrl}${url}`, {
        Authorization: authorization,
        ...BROWSER,
      });
      problems.push(...measured.errors.slice(0, 3).map((error) => `${trialName} ${figure}: ${error}`));
      if (url.includes('/scorecard')) json.scorecardP99 = measured.p99;
      add({
        figure: `${figure}, ${CONNECTIONS} connections`,
        value: measured.perSecond,
        unit: 'req/s',
        baseline: { what: 'bare Express route', value: baseline.perSecond },
        target: isReference ? { atLeastShare: 0.5 } : undefined,
      });
      add({
        figure: `${figure} p99, ${CONNECTIONS} connections`,
        value: measured.p99,
        unit: 'ms',
        baseline: { what: 'bare Express route', value: baseline.p99 },
        target: isReference ? { atMost: 100 } : undefined,
      });
    }

    const reportUrl = `${server.baseUrl}/api/v1/trials/${prepared.trialId}/report.pdf?lang=en`;
    const exportUrl = `${server.baseUrl}/api/v1/trials/${prepared.trialId}/export?files=omit`;
    // The median of three after a warm-up, at every size: one run of the biggest report moved
    // by ±15% with the machine's speed from one minute to the next.
    const reportRuns = 3;
    // The export, the report's time baseline, is timed first: the peak below is the report's
    // own, set neither by the load runs above nor by the export. What the server holds before
    // the report starts is its baseline.
    const exportMs = median(await timeRuns(reportRuns, () => timedGet(exportUrl, authorization)));
    const beforeReport = (await memoryOf(server.pid)).rssMb;
    await resetPeak(server.pid);
    add({
      figure: 'comparison PDF',
      value: median(await timeRuns(reportRuns, () => timedGet(reportUrl, authorization))),
      unit: 'ms',
      baseline: { what: 'JSON export of the trial', value: exportMs },
      target: size === '8x30' ? { atMost: 500 } : size === '40x200' ? { atMost: 5000 } : undefined,
    });
    add({
      figure: 'peak resident memory while building it (server)',
      value: (await memoryOf(server.pid)).peakMb,
      unit: 'MB',
      baseline: { what: 'resident just before', value: beforeReport },
      target: size === '40x200' ? { atMost: 600 } : undefined,
    });
    if (size === '8x30') figures.push(...(await pagesWhileReporting(server, prepared, trialName)));

    const targets = appendTargets(trial, APPEND_CLIENTS);
    const [first] = targets;
    if (!first) throw new Error('no probe to append to');
    const floor = await fdatasyncP99(appendBody(first, 0, 0), APPEND_CLIENTS, 1000);
    const appended = await appendLoad(server.baseUrl, authorization, targets, LOAD_MS);
    problems.push(...appended.errors.slice(0, 3).map((error) => `${trialName} append: ${error}`));
    json.appendP99 = appended.p99;
    add({
      figure: `event append p99, ${APPEND_CLIENTS} clients`,
      value: appended.p99,
      unit: 'ms',
      baseline: { what: 'fdatasync append of the same bytes', value: floor },
      target: isReference ? { atMost: 30 } : undefined,
    });
    const exitCode = await server.stop();
    if (exitCode !== 0)
      problems.push(`${trialName}: the server did not stop cleanly (exit code ${exitCode})`);
    const stored = await appendProblems(prepared.dataDir, targets, appended.acknowledged);
    problems.push(...stored.map((problem) => `${trialName} append: ${problem}`));
  } finally {
    await server.stop().catch(() => undefined);
    await rm(prepared.dataDir, { recursive: true, force: true });
  }
  if (cluster && isReference)
    figures.push(...(await measurePostgres(cluster, size, prepared, bare, json, problems)));
  return figures;
}

/** The PostgreSQL store serving the same trial: its scorecard read and its appends, beside the JSON store's. */
async function measurePostgres(
  cluster: Cluster,
  size: string,
  prepared: Prepared,
  bare: Running,
  json: JsonFigures,
  problems: string[],
): Promise<Figure[]> {
  const trialName = size.replace('x', ' × ');
  const database = await preparePostgres(cluster, `bench_${size}`, prepared.trial);
  // The folder is only where a data-folder server would keep its files; this one keeps none there.
  const unusedFolder = await mkdtemp(path.join(os.tmpdir(), 'sla-probe-bench-pg-'));
  const server = await startProduct(unusedFolder, { DATABASE_URL: database.url });
  const figures: Figure[] = [];
  const add = (figure: Omit<Figure, 'trial'>) => figures.push({ ...figure, trial: trialName });
  try {
    const { baseline, measured } = await loadInTurns(
      bare.baseUrl,
      `${server.baseUrl}/api/v1/trials/${database.trialId}/scorecard`,
      { Authorization: database.authorization, ...BROWSER },
    );
    problems.push(
      ...measured.errors.slice(0, 3).map((error) => `${trialName} PostgreSQL scorecard: ${error}`),
    );
    add({
      figure: `PostgreSQL: API scorecard, ${CONNECTIONS} connections`,
      value: measured.perSecond,
      unit: 'req/s',
      baseline: { what: 'bare Express route', value: baseline.perSecond },
      target: { atLeastShare: 0.5 },
    });
    add({
      figure: `PostgreSQL: API scorecard p99, ${CONNECTIONS} connections`,
      value: measured.p99,
      unit: 'ms',
      baseline: { what: 'the JSON store, same run', value: json.scorecardP99 },
      target: { atMost: 100 },
    });
    const targets = appendTargets(prepared.trial, APPEND_CLIENTS);
    const appended = await appendLoad(server.baseUrl, database.authorization, targets, LOAD_MS);
    problems.push(...appended.errors.slice(0, 3).map((error) => `${trialName} PostgreSQL append: ${error}`));
    add({
      figure: `PostgreSQL: event append p99, ${APPEND_CLIENTS} clients`,
      value: appended.p99,
      unit: 'ms',
      baseline: { what: 'the JSON store, same run', value: json.appendP99 },
      target: { atMost: 30 },
    });
    const exitCode = await server.stop();
    if (exitCode !== 0)
      problems.push(`${trialName} PostgreSQL: the server did not stop cleanly (exit ${exitCode})`);
    const stored = appendProblemsIn(await storedInPostgres(database.url), targets, appended.acknowledged);
    problems.push(...stored.map((problem) => `${trialName} PostgreSQL append: ${problem}`));
  } finally {
    await server.stop().catch(() => undefined);
    await rm(unusedFolder, { recursive: true, force: true });
  }
  return figures;
}

/** SPEC §10: four comparison PDFs at once, and pages asked all the while keep p99 ≤ 100 ms. */
async function pagesWhileReporting(
  server: Running,
  prepared: Prepared,
  trialName: string,
): Promise<Figure[]> {
  const pages = [`/trials/${prepared.sampleId}`, `/api/v1/trials/${prepared.sampleId}`];
  const pageLoop = async (done: () => boolean) => {
    const timings: number[] = [];
    for (let index = 0; !done(); index++) {
      timings.push(await timedGet(`${server.baseUrl}${pages[index % pages.length]}`, prepared.authorization));
      await pause(5);
    }
    return timings;
  };
  const idleUntil = performance.now() + 2000;
  const idle = await pageLoop(() => performance.now() > idleUntil);
  let building = true;
  const reports = Promise.all(
    ['en', 'zh-CN', 'en', 'zh-CN'].map((lang) =>
      timedGet(
        `${server.baseUrl}/api/v1/trials/${prepared.trialId}/report.pdf?lang=${lang}`,
        prepared.authorization,
      ),
    ),
  ).finally(() => {
    building = false;
  });
  const [busy] = await Promise.all([pageLoop(() => !building), reports]);
  return [
    {
      figure: 'pages p99 while 4 PDFs are built',
      trial: trialName,
      value: percentile(busy, 0.99),
      unit: 'ms',
      baseline: { what: 'the same pages, no PDF', value: percentile(idle, 0.99) },
      target: { atMost: 100 },
    },
  ];
}

/** How long the warm-up below waits for the worker to write its code cache. */
const CACHE_PATIENCE_MS = 5000;

/**
 * A build's first report ever compiles the report worker's code from source and leaves V8's
 * cache of it beside the bundle (src/reports/codeCache.ts); every start after that, the one a
 * user restarts into, loads the cache. The bench's "first report after start" is that one, so a
 * fresh build's one-off compile is paid here, uncounted, as `npm start` pays the build.
 */
async function warmReportCache(): Promise<void> {
  const prepared = await prepare(1, 1);
  const server = await startProduct(prepared.dataDir);
  try {
    await timedGet(
      `${server.baseUrl}/api/v1/trials/${prepared.sampleId}/report.pdf?lang=en`,
      prepared.authorization,
    );
    // The worker writes the cache once it has answered: wait for it before stopping the server.
    const cache = cacheFileOf(path.join(ROOT, 'dist/reports/worker.cjs'));
    for (let waited = 0; !existsSync(cache) && waited < CACHE_PATIENCE_MS; waited += 50) await pause(50);
  } finally {
    await server.stop();
    await rm(prepared.dataDir, { recursive: true, force: true });
  }
}

const sizes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : SIZES;
const unknown = sizes.filter((size) => !/^\d+x\d+$/.test(size));
if (unknown.length > 0) throw new Error(`sizes look like 20x100, not ${unknown.join(', ')}`);

// `npm start` builds when the sources changed; build first so no start-up below pays for it.
execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
console.log(
  `SLA Probe bench — ${new Date().toISOString()}, Node ${process.version}, ${os.availableParallelism()} cores, ` +
    `load average ${os.loadavg()[0]?.toFixed(1)}, load runs ${LOAD_MS} ms`,
);
await warmReportCache();
const cluster = sizes.includes(REFERENCE) ? startPostgres() : null;
if (sizes.includes(REFERENCE) && !cluster)
  console.log('PostgreSQL rows: not measured (PostgreSQL is not installed)');
const bare = await startBare();
const figures: Figure[] = [];
const problems: string[] = [];
try {
  for (const size of sizes) figures.push(...(await measureSize(size, bare, cluster, problems)));
} finally {
  await bare.stop();
  if (cluster) stopPostgres(cluster);
}
console.log(renderTable(figures));
for (const problem of problems) console.log(`PROBLEM: ${problem}`);
const missed = figures.filter((figure) => met(figure) === false);
if (missed.length > 0 || problems.length > 0) {
  console.log(`${missed.length} target(s) missed, ${problems.length} problem(s)`);
  process.exitCode = 1;
}
