/**
 * Event appends at 10 clients, each to its own probe, and the check that follows a graceful
 * stop: every acknowledged event stored exactly once, nothing unacknowledged stored, the
 * audit log without gaps. Beside it the floor any durable append pays on this disk: the same
 * bytes appended to a file with fdatasync, by as many writers.
 */
import { open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/domain/database.js';
import type { Probe, TrialExport } from '../../src/domain/schemas.js';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { load, type LoadResult } from './load.js';
import { percentile } from './stats.js';

const MINUTE_MS = 60_000;

export interface AppendTarget {
  probeId: string;
  /** Events the probe had before the run. */
  before: string[];
  /** Appended events start after the probe's last one, a minute apart. */
  startMs: number;
}

/** One probe per client, spread over the vendors. */
export function appendTargets(trial: TrialExport, clients: number): AppendTarget[] {
  const step = Math.max(1, Math.floor(trial.probes.length / clients));
  return Array.from({ length: clients }, (_, client) => {
    const probe = trial.probes[(client * step) % trial.probes.length];
    if (!probe) throw new Error('the trial has no probes');
    const last = Math.max(Date.parse(probe.sentAt), ...probe.events.map((event) => Date.parse(event.at)));
    return { probeId: probe.id, before: probe.events.map((event) => event.id), startMs: last + MINUTE_MS };
  });
}

export function appendBody(target: AppendTarget, client: number, sequence: number): string {
  return JSON.stringify({
    at: new Date(target.startMs + sequence * MINUTE_MS).toISOString(),
    kind: sequence % 3 === 0 ? 'status_update' : 'note',
    note: `c${client}-${sequence}`,
  });
}

export async function appendLoad(
  baseUrl: string,
  authorization: string,
  targets: AppendTarget[],
  durationMs: number,
): Promise<LoadResult & { acknowledged: string[][] }> {
  const acknowledged = targets.map((): string[] => []);
  const result = await load(`${baseUrl}/api/v1/probes`, {
    connections: targets.length,
    durationMs,
    headers: { Authorization: authorization },
    next: (client, sequence) => {
      const target = targets[client] as AppendTarget;
      return {
        method: 'POST',
        path: `/api/v1/probes/${target.probeId}/events`,
        body: appendBody(target, client, sequence),
      };
    },
    onAnswer: (client, status, body) => {
      if (status === 201) acknowledged[client]?.push((JSON.parse(body) as { id: string }).id);
    },
  });
  return { ...result, acknowledged };
}

/** What is wrong with the stored events of the clients' probes after the run; empty when nothing. */
/** What a store holds after the run: the probes and the audit log's sequence numbers, oldest first. */
export interface Stored {
  probes: readonly Probe[];
  audit: readonly { seq: number }[];
}

/** The check, on a data folder. */
export async function appendProblems(
  dataDir: string,
  targets: AppendTarget[],
  acknowledged: string[][],
): Promise<string[]> {
  const onDisk: { database: Database; audit: readonly { seq: number }[] } | null =
    await inspectDataFolder(dataDir);
  if (!onDisk) return ['the data folder is empty'];
  return appendProblemsIn({ probes: onDisk.database.probes, audit: onDisk.audit }, targets, acknowledged);
}

/** The check, on what a store holds. */
export function appendProblemsIn(
  stored: Stored,
  targets: AppendTarget[],
  acknowledged: string[][],
): string[] {
  const problems: string[] = [];
  const allIds = stored.probes.flatMap((probe) => probe.events.map((event) => event.id));
  if (new Set(allIds).size !== allIds.length) problems.push('some event id is stored twice');
  targets.forEach((target, index) => {
    const events = stored.probes.find((probe) => probe.id === target.probeId)?.events ?? [];
    const expected = new Set([...target.before, ...(acknowledged[index] ?? [])]);
    const storedIds = new Set(events.map((event) => event.id));
    const lost = [...expected].filter((id) => !storedIds.has(id)).length;
    const extra = [...storedIds].filter((id) => !expected.has(id)).length;
    if (lost > 0) problems.push(`${target.probeId}: ${lost} acknowledged event(s) lost`);
    if (extra > 0) problems.push(`${target.probeId}: ${extra} unacknowledged event(s) stored`);
  });
  if (stored.audit.some((entry, index) => entry.seq !== index + 1)) {
    problems.push('the audit log has a gap or a repeat');
  }
  return problems;
}

/** p99 of appending `bytes` to one file and fdatasync-ing it, `writers` at once, for `durationMs`. */
export async function fdatasyncP99(bytes: string, writers: number, durationMs: number): Promise<number> {
  const file = path.join(os.tmpdir(), `sla-probe-bench-fdatasync-${process.pid}`);
  const handle = await open(file, 'a');
  const latencies: number[] = [];
  const stopAt = performance.now() + durationMs;
  try {
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (performance.now() < stopAt) {
          const started = performance.now();
          await handle.write(`${bytes}\n`);
          await handle.datasync();
          latencies.push(performance.now() - started);
        }
      }),
    );
  } finally {
    await handle.close();
    await rm(file, { force: true });
  }
  return percentile(latencies, 0.99);
}
