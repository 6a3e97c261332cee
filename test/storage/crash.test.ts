/**
 * SPEC reliability: the database file survives the server being killed at any moment.
 * The real server runs as its own process; 20 clients append events over HTTP; SIGKILL
 * lands at a random moment (mid-request, mid-write, mid-rename); then the file on disk is
 * read directly and must hold every event the server acknowledged, exactly once.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProbe } from '../../src/app/probes.js';
import { createToken } from '../../src/app/tokens.js';
import { createTrial } from '../../src/app/trials.js';
import { createUser } from '../../src/app/users.js';
import { createVendor } from '../../src/app/vendors.js';
import type { AuditEntry } from '../../src/domain/accounts.js';
import type { Database } from '../../src/domain/database.js';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { Store } from '../../src/storage/store.js';
import { withDataFolder } from '../../src/app/wiring.js';
import { startServer, type ServerProcess } from '../serverProcess.js';

const ROUNDS = 20;
const CLIENTS = 20;
/** Two clients share each probe, so concurrent changes of one record are exercised too. */
const CLIENTS_PER_PROBE = 2;
const PROBES_PER_ROUND = CLIENTS / CLIENTS_PER_PROBE;
/** Counted from the first acknowledged event, so every kill lands while appends are under way. */
const KILL_AFTER_MS = { min: 0, max: 800 };
const SENT_AT = '2026-11-01T10:00+08:00';
const SENT_MS = Date.parse(SENT_AT);

interface Acknowledged {
  id: string;
  probeId: string;
  note: string;
}

interface ClientLog {
  acknowledged: Acknowledged[];
  /** Anything but a 201 or a connection lost after the kill: each one is a failure. */
  unexpected: string[];
}

interface Fixture {
  dataDir: string;
  authorization: string;
  /** The probes of round r are `probesByRound[r]`; fresh ones each round keep every probe far below its 2000-event cap. */
  probesByRound: string[][];
}

/** An evaluator's token, a trial, a vendor and the probes, written before any server runs. */
async function prepare(dataDir: string): Promise<Fixture> {
  return withDataFolder(dataDir, async (deps) => {
    const user = await createUser(deps, {
      email: 'crash@example.com',
      password: 'crash test password',
      role: 'evaluator',
    });
    const { secret } = await createToken(deps, { name: 'crash test', userId: user.id });
    const trial = await createTrial(deps, { name: 'Crash trial', timezone: 'Asia/Shanghai' });
    const vendor = await createVendor(deps, trial.id, { name: 'NimbusRTC' });
    const probes = await Promise.all(
      Array.from({ length: ROUNDS * PROBES_PER_ROUND }, (_, index) =>
        createProbe(deps, trial.id, {
          vendorId: vendor.id,
          title: `Probe ${index}`,
          severity: 'P1',
          category: 'server-outage',
          difficulty: 'known',
          channel: 'ticket',
          sentAt: SENT_AT,
        }),
      ),
    );
    const ids = probes.map((probe) => probe.id);
    return {
      dataDir,
      authorization: `Bearer ${secret}`,
      probesByRound: Array.from({ length: ROUNDS }, (_, round) =>
        ids.slice(round * PROBES_PER_ROUND, (round + 1) * PROBES_PER_ROUND),
      ),
    };
  });
}

/**
 * One client appending events as fast as the server answers, until its connection is lost.
 * A request whose answer never arrived is not acknowledged (it may or may not have landed).
 */
async function appendUntilKilled(
  server: ServerProcess,
  authorization: string,
  probeId: string,
  label: string,
  killed: () => boolean,
  onAcknowledged: () => void,
): Promise<ClientLog> {
  const log: ClientLog = { acknowledged: [], unexpected: [] };
  for (let n = 0; ; n++) {
    const note = `${label}-${n}`;
    const body = {
      at: new Date(SENT_MS + n * 60_000).toISOString(),
      kind: n % 2 === 0 ? 'note' : 'status_update',
      note,
    };
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${server.baseUrl}/api/v1/probes/${probeId}/events`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (!killed()) log.unexpected.push(`${note}: connection failed before the kill: ${String(error)}`);
      return log;
    }
    if (status !== 201) {
      log.unexpected.push(`${note}: answered ${status} ${text}`);
      return log;
    }
    const event = JSON.parse(text) as { id: string; note?: string };
    expect(event.note).toBe(note);
    log.acknowledged.push({ id: event.id, probeId, note });
    onAcknowledged();
  }
}

interface OnDisk {
  database: Database;
  audit: AuditEntry[];
}

/**
 * The data as the next start finds it: opening the folder replays the journal over db.json
 * and folds it in; then db.json and the audit files, read directly, must satisfy the schema.
 */
async function readDataFolder(dataDir: string): Promise<OnDisk> {
  await (await Store.open(dataDir)).close();
  const content = await readFile(path.join(dataDir, 'db.json'), 'utf8');
  expect(() => JSON.parse(content) as unknown, 'db.json is not valid JSON').not.toThrow();
  const onDisk = await inspectDataFolder(dataDir);
  if (!onDisk) throw new Error('db.json is missing');
  return onDisk;
}

/** Where each event id is stored: probe ids, one per copy found. */
function eventLocations(database: Database): Map<string, string[]> {
  const locations = new Map<string, string[]>();
  for (const probe of database.probes) {
    for (const event of probe.events) locations.set(event.id, [...(locations.get(event.id) ?? []), probe.id]);
  }
  return locations;
}

/** Event ids the audit log records as added to a probe. */
function auditedEvents(audit: readonly AuditEntry[]): Set<string> {
  const audited = new Set<string>();
  for (const entry of audit) {
    for (const change of entry.changes) {
      const id = /^events\[(.+)\]$/.exec(change.path)?.[1];
      if (id && change.after !== null) audited.add(id);
    }
  }
  return audited;
}

function expectConsistent({ database, audit }: OnDisk, acknowledged: Acknowledged[], context: string): void {
  const locations = eventLocations(database);
  const duplicated = [...locations].filter(([, probes]) => probes.length > 1).map(([id]) => id);
  expect(duplicated, `${context}: event ids stored twice`).toEqual([]);

  const lost = acknowledged.filter((event) => locations.get(event.id)?.[0] !== event.probeId);
  expect(
    lost.map((event) => event.note),
    `${context}: acknowledged events missing from the file`,
  ).toEqual([]);

  const timesStored = new Map<string, number>();
  for (const probe of database.probes) {
    for (const event of probe.events)
      timesStored.set(event.note ?? '', (timesStored.get(event.note ?? '') ?? 0) + 1);
  }
  const appliedTwice = [...timesStored].filter(([, times]) => times > 1).map(([note]) => note);
  expect(appliedTwice, `${context}: one request stored as two events`).toEqual([]);

  const seqs = audit.map((entry) => entry.seq);
  expect(seqs, `${context}: audit seq is 1..n without gaps`).toEqual(seqs.map((_, index) => index + 1));

  const audited = auditedEvents(audit);
  const untraced = [...locations.keys()].filter((id) => !audited.has(id));
  expect(untraced, `${context}: events without their audit entry`).toEqual([]);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a server killed at random moments', () => {
  const dataDirs: string[] = [];
  const servers: ServerProcess[] = [];
  /** A failed assertion must not leave a server running. */
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('when SIGKILL lands at a random moment while 20 clients append events, 20 times over, then after each kill the file parses and every acknowledged event is in it exactly once', async () => {
    // Arrange
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sla-probe-crash-'));
    dataDirs.push(dataDir);
    const fixture = await prepare(dataDir);
    const acknowledged: Acknowledged[] = [];
    const delays: number[] = [];
    const warmUps: number[] = [];
    let stored = 0;

    for (let round = 0; round < ROUNDS; round++) {
      // Act: start (taking over the dead process's lock), load, kill.
      const server = await startServer(dataDir);
      servers.push(server);
      let killed = false;
      const startedAt = performance.now();
      let firstAcknowledged = (): void => undefined;
      const appending = new Promise<void>((resolve) => {
        firstAcknowledged = resolve;
      });
      const clients = Array.from({ length: CLIENTS }, (_, client) =>
        appendUntilKilled(
          server,
          fixture.authorization,
          fixture.probesByRound[round]?.[Math.floor(client / CLIENTS_PER_PROBE)] ?? '',
          `r${round}-c${client}`,
          () => killed,
          firstAcknowledged,
        ),
      );
      // (All clients ending before any 201 means something failed: the checks below say what.)
      await Promise.race([appending, Promise.all(clients)]);
      warmUps.push(Math.round(performance.now() - startedAt));
      const delay = KILL_AFTER_MS.min + Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min);
      delays.push(Math.round(delay));
      await pause(delay);
      killed = true;
      server.child.kill('SIGKILL');
      const logs = await Promise.all(clients);
      expect((await server.exited).signal).toBe('SIGKILL');

      // Assert
      const context = `round ${round + 1}, killed after ${delays.at(-1) ?? 0} ms`;
      expect(
        logs.flatMap((log) => log.unexpected),
        context,
      ).toEqual([]);
      const thisRound = logs.flatMap((log) => log.acknowledged);
      expect(thisRound.length, `${context}: no event was acknowledged`).toBeGreaterThan(0);
      acknowledged.push(...thisRound);
      const onDisk = await readDataFolder(dataDir);
      expectConsistent(onDisk, acknowledged, context);
      stored = onDisk.database.probes.reduce((count, probe) => count + probe.events.length, 0);
    }

    // After the last kill the server still starts and serves what the file holds.
    const server = await startServer(dataDir);
    servers.push(server);
    try {
      const sample = acknowledged.at(-1);
      const response = await fetch(`${server.baseUrl}/api/v1/probes/${sample?.probeId ?? ''}`, {
        headers: { Authorization: fixture.authorization },
      });
      expect(response.status).toBe(200);
      const probe = (await response.json()) as { events: { id: string }[] };
      expect(probe.events.map((event) => event.id)).toContain(sample?.id);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    console.log(
      `crash test: ${acknowledged.length} events acknowledged, ${stored} stored (the rest were in flight at a kill); ` +
        `${ROUNDS} kills at ${delays.join(', ')} ms after the first 201 (which came ${warmUps.join(', ')} ms after start)`,
    );
  }, 300_000);
});
