/**
 * Load bench: 50 clients append events to the real server (its own process, a temp data
 * folder holding the SPEC §10 reference trial of 20 vendors × 100 probes) for 10 s over
 * keep-alive connections. Every request must succeed; after a graceful stop the file must
 * hold every acknowledged event exactly once and nothing else new. SPEC §10 target: event
 * append p99 ≤ 50 ms on that data. Exits non-zero on any error, lost or duplicated event,
 * or a missed target.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createToken } from '../src/app/tokens.js';
import { importTrial } from '../src/app/trials.js';
import { createUser } from '../src/app/users.js';
import type { Database } from '../src/domain/database.js';
import { inspectDataFolder } from '../src/storage/dataFolder.js';
import { withDataFolder } from '../src/app/wiring.js';
import { startServer } from '../test/serverProcess.js';
import { generateTrial } from './generate.js';

const CLIENTS = 50;
const WARM_UP_MS = 1000;
const DURATION_MS = 10_000;
const TARGET_P99_MS = 50;
const MINUTE_MS = 60_000;

interface Target {
  probeId: string;
  /** Events the probe had before the run. */
  before: string[];
  /** Appended events start after the probe's last one, a minute apart. */
  startMs: number;
}

interface ClientResult {
  /** Latencies of the requests sent inside the measured window. */
  latencies: number[];
  acknowledged: string[];
  errors: string[];
}

/** An evaluator's token and the reference trial, written before the server opens the folder. */
async function prepare(dataDir: string): Promise<{ authorization: string; targets: Target[] }> {
  return withDataFolder(dataDir, async (deps) => {
    const user = await createUser(deps, {
      email: 'load@example.com',
      password: 'load bench password',
      role: 'evaluator',
    });
    const { secret } = await createToken(deps, { name: 'load bench', userId: user.id });
    const reference = generateTrial(20, 100, 'load');
    await importTrial(deps, reference);
    // Spread the clients over the vendors: probe p of vendor v for v = 0..19, p = 0, 1, 2.
    const step = Math.floor(reference.probes.length / CLIENTS);
    const targets = Array.from({ length: CLIENTS }, (_, client) => {
      const probe = reference.probes[client * step];
      if (!probe) throw new Error('the reference trial has too few probes');
      const last = Math.max(Date.parse(probe.sentAt), ...probe.events.map((event) => Date.parse(event.at)));
      return { probeId: probe.id, before: probe.events.map((event) => event.id), startMs: last + MINUTE_MS };
    });
    return { authorization: `Bearer ${secret}`, targets };
  });
}

/** One client appending to its own probe until `stopAt`; only requests begun after `measureFrom` are timed. */
async function client(
  baseUrl: string,
  authorization: string,
  target: Target,
  label: string,
  measureFrom: number,
  stopAt: number,
): Promise<ClientResult> {
  const result: ClientResult = { latencies: [], acknowledged: [], errors: [] };
  const url = `${baseUrl}/api/v1/probes/${target.probeId}/events`;
  for (let n = 0; performance.now() < stopAt; n++) {
    const body = JSON.stringify({
      at: new Date(target.startMs + n * MINUTE_MS).toISOString(),
      kind: n % 3 === 0 ? 'status_update' : 'note',
      note: `${label}-${n}`,
    });
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body,
      });
      const text = await response.text();
      if (started >= measureFrom) result.latencies.push(performance.now() - started);
      if (response.status === 201) result.acknowledged.push((JSON.parse(text) as { id: string }).id);
      else result.errors.push(`${label}-${n}: ${response.status} ${text.slice(0, 200)}`);
    } catch (error) {
      result.errors.push(`${label}-${n}: ${String(error)}`);
    }
  }
  return result;
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

/** Problems with the stored events of the clients' probes: lost, duplicated or unexpected ones. */
function checkStored(
  onDisk: { database: Database; audit: readonly { seq: number }[] } | null,
  targets: Target[],
  acknowledged: string[][],
): string[] {
  if (!onDisk) return ['the data folder is empty'];
  const { database } = onDisk;
  const problems: string[] = [];
  const allIds = database.probes.flatMap((probe) => probe.events.map((event) => event.id));
  if (new Set(allIds).size !== allIds.length) problems.push('some event id is stored twice');
  targets.forEach((target, index) => {
    const stored = database.probes.find((probe) => probe.id === target.probeId)?.events ?? [];
    const expected = new Set([...target.before, ...(acknowledged[index] ?? [])]);
    const storedIds = new Set(stored.map((event) => event.id));
    const lost = [...expected].filter((id) => !storedIds.has(id));
    const extra = [...storedIds].filter((id) => !expected.has(id));
    if (lost.length > 0) problems.push(`${target.probeId}: ${lost.length} acknowledged event(s) lost`);
    if (extra.length > 0) problems.push(`${target.probeId}: ${extra.length} unacknowledged event(s) stored`);
  });
  const seqs = onDisk.audit.map((entry) => entry.seq);
  if (seqs.some((seq, index) => seq !== index + 1)) problems.push('the audit log has a gap or a repeat');
  return problems;
}

/** The server's resident memory (Linux only; "n/a" elsewhere). */
async function serverRss(pid: number | undefined): Promise<string> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8').catch(() => '');
  const kilobytes = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kilobytes ? `${(Number(kilobytes) / 1024).toFixed(0)} MB` : 'n/a';
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sla-probe-bench-load-'));
let failed = false;
try {
  const { authorization, targets } = await prepare(dataDir);
  const fileBytes = (await stat(path.join(dataDir, 'db.json'))).size;
  const server = await startServer(dataDir);
  console.log(
    `load bench: ${CLIENTS} clients appending events for ${DURATION_MS / 1000} s (after a report and ${WARM_UP_MS} ms of appends to warm up), ` +
      `20 vendors × 100 probes reference trial (db.json ${(fileBytes / 1e6).toFixed(1)} MB), ${os.availableParallelism()} cores`,
  );
  let results: ClientResult[];
  let rss = 'n/a';
  try {
    // The report worker warms up when the server starts; one report waits for that to end,
    // so appends are measured on a server in its steady state.
    const report = await fetch(`${server.baseUrl}/api/v1/vendors/vendor_0/report.pdf`, {
      headers: { Authorization: authorization },
    });
    await report.arrayBuffer();
    if (report.status !== 200) throw new Error(`the warm-up report answered ${report.status}`);
    const measureFrom = performance.now() + WARM_UP_MS;
    const stopAt = measureFrom + DURATION_MS;
    results = await Promise.all(
      targets.map((target, index) =>
        client(server.baseUrl, authorization, target, `c${index}`, measureFrom, stopAt),
      ),
    );
  } finally {
    rss = await serverRss(server.child.pid);
    server.child.kill('SIGTERM');
  }
  const { code } = await server.exited;

  const latencies = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
  const errors = results.flatMap((result) => result.errors);
  const acknowledged = results.map((result) => result.acknowledged);
  const p99 = percentile(latencies, 0.99);
  console.log(
    `requests: ${latencies.length} measured (${acknowledged.flat().length} acknowledged in all), errors: ${errors.length}`,
  );
  console.log(`throughput: ${((latencies.length / DURATION_MS) * 1000).toFixed(0)} req/s`);
  console.log(
    `latency: p50 ${ms(percentile(latencies, 0.5))}, p95 ${ms(percentile(latencies, 0.95))}, p99 ${ms(p99)}, max ${ms(latencies.at(-1) ?? Number.NaN)}`,
  );
  console.log(`server resident memory at the end of the run (report worker included): ${rss}`);
  for (const error of errors.slice(0, 5)) console.log(`  error: ${error}`);

  const file = path.join(dataDir, 'db.json');
  const content = await readFile(file, 'utf8');
  const problems = [
    ...(code === 0 ? [] : [`the server did not stop cleanly (exit code ${code})`]),
    ...checkStored(await inspectDataFolder(dataDir), targets, acknowledged),
  ];
  console.log(
    `after a graceful stop: db.json ${(content.length / 1e6).toFixed(1)} MB, valid; ` +
      (problems.length === 0
        ? 'every acknowledged event stored exactly once, nothing else added'
        : 'PROBLEMS:'),
  );
  for (const problem of problems.slice(0, 10)) console.log(`  ${problem}`);
  const met = p99 <= TARGET_P99_MS;
  console.log(`SPEC §10 target: event append p99 ≤ ${TARGET_P99_MS} ms — ${met ? 'met' : 'MISSED'}`);
  failed = errors.length > 0 || problems.length > 0 || !met;
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
