/**
 * Moving a data folder into PostgreSQL (`npm run admin -- migrate-to-postgres`): everything
 * the folder holds — records in their order, the audit log, evidence files — reads back the
 * same from the database, the command proves it with the canonical export hash, a database
 * that holds data is refused, and the other admin commands work on PostgreSQL when
 * DATABASE_URL is set.
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAttachment, uploadAttachments } from '../../src/app/attachments.js';
import type { AppDeps } from '../../src/app/deps.js';
import { runIdempotent } from '../../src/app/idempotency.js';
import { appendEvent, createProbe } from '../../src/app/probes.js';
import { actingAs } from '../../src/app/requestContext.js';
import { createScenario } from '../../src/app/scenarios.js';
import { startSession } from '../../src/app/sessions.js';
import { createToken } from '../../src/app/tokens.js';
import { closeTrial } from '../../src/app/trialFreeze.js';
import { createTrial } from '../../src/app/trials.js';
import { createVendor } from '../../src/app/vendors.js';
import { depsOver, openDatabase, openDataFolder, withDataFolder } from '../../src/app/wiring.js';
import type { AuditEntry, User } from '../../src/domain/accounts.js';
import { alertKey, newDelivery } from '../../src/domain/alerting.js';
import { COLLECTIONS, emptyDatabase } from '../../src/domain/database.js';
import { AttachmentFiles, listByHash } from '../../src/storage/attachments.js';
import { canonicalExportHash } from '../../src/storage/canonical.js';
import {
  copyIntoEmptyDatabase,
  DatabaseNotEmptyError,
  type CopyCounts,
} from '../../src/storage/postgres/copy.js';
import { PgStore } from '../../src/storage/postgres/pgStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import { createRepository, type Repository } from '../../src/storage/repository.js';
import { Tables } from '../../src/storage/tables.js';
import { addUser } from '../accounts.js';
import { freshDatabase } from '../support/postgres.js';
import { tempDir } from '../tempDir.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const CLI_MS = 60_000;

/** `npm run admin -- …` as an operator types it, with exactly the given DATA_DIR and DATABASE_URL. */
async function admin(env: { DATA_DIR?: string; DATABASE_URL?: string }, ...args: string[]) {
  const { DATA_DIR: _dir, DATABASE_URL: _url, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/admin.ts', ...args], {
      cwd: ROOT,
      env: { ...inherited, ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** Every audit entry, newest first. */
async function auditOf(store: RecordStore): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const entry of store.auditNewestFirst()) entries.push(entry);
  return entries;
}

/** The data folder copied into the database at `url` as the command copies it. */
async function copyFolder(dataDir: string, url: string): Promise<CopyCounts> {
  const store = await openDataFolder(dataDir);
  const pool = new pg.Pool({ connectionString: url });
  try {
    return await copyIntoEmptyDatabase(pool, {
      view: store.view,
      auditOldestFirst: (await auditOf(store)).reverse(),
      attachments: storedFiles(dataDir),
    });
  } finally {
    await pool.end();
    await store.close();
  }
}

async function* storedFiles(dataDir: string): AsyncGenerator<{ sha256: string; bytes: Buffer }> {
  const files = new AttachmentFiles(dataDir);
  for (const { sha256, temporary } of await listByHash(files.files, files.folder)) {
    const bytes = temporary ? null : await files.read(sha256);
    if (bytes) yield { sha256, bytes };
  }
}

const EVIDENCE = Buffer.from('2026-11-20 10:31:07 [ERROR] echo canceller reset (蓝牙耳机)\n');
const ORPHAN = Buffer.from('saved, but no event refers to it yet');

/** What the folder was given, to look for after the move. */
interface Made {
  attachmentId: string;
  sha256: string;
  idempotencyKey: string;
}

/** Two trials (one closed) with vendors, a scenario and probes with events. */
async function addTrials(deps: AppDeps): Promise<{ open: string; attachmentId: string; sha256: string }> {
  const created: { trialId: string; probeIds: string[] }[] = [];
  for (const name of ['音视频 SDK 选型 2026', 'CDN selection']) {
    const trial = await createTrial(deps, { name, timezone: 'Asia/Shanghai' });
    await createScenario(deps, trial.id, {
      title: 'Echo on Bluetooth headsets',
      severity: 'P2',
      category: 'av-quality',
      difficulty: 'hard',
    });
    const probeIds: string[] = [];
    for (const vendorName of ['声浪云 SonicWave', 'NimbusRTC', 'Vendor "three"']) {
      const vendor = await createVendor(deps, trial.id, { name: vendorName });
      const probe = await createProbe(deps, trial.id, {
        vendorId: vendor.id,
        title: `Push stream fails (${vendorName})`,
        severity: 'P1',
        category: 'server-outage',
        difficulty: 'known',
        channel: 'ticket',
        sentAt: '2026-11-20T10:00+08:00',
      });
      await appendEvent(deps, probe.id, { at: '2026-11-20T10:30+08:00', kind: 'ack' });
      await appendEvent(deps, probe.id, {
        at: '2026-11-20T11:00+08:00',
        kind: 'note',
        note: 'asked for logs',
      });
      probeIds.push(probe.id);
    }
    created.push({ trialId: trial.id, probeIds });
  }
  const [open, closed] = created;
  if (!open || !closed) throw new Error('two trials expected');
  const probe = await deps.repository.getProbe(open.probeIds[0] ?? '');
  const [ref] = await uploadAttachments(deps, probe?.id ?? '', probe?.events[0]?.id ?? '', [
    { name: 'echo.log', bytes: EVIDENCE },
  ]);
  await closeTrial(deps, closed.trialId);
  return { open: open.trialId, attachmentId: ref?.id ?? '', sha256: ref?.sha256 ?? '' };
}

/** A webhook, an alert that fired on a probe and its delivery. */
async function addAlerting(deps: AppDeps, trialId: string, owner: User): Promise<void> {
  const at = deps.now().toISOString();
  const webhookId = deps.newId('webhook');
  await deps.repository.insertWebhook({
    id: webhookId,
    trialId,
    kind: 'json',
    url: 'https://hooks.example.com/sla',
    secret: 'shh',
    label: 'Procurement group',
    language: 'zh-CN',
    createdAt: at,
    createdBy: owner.id,
  });
  const probe = (await deps.repository.listProbes(trialId))[0];
  if (!probe) throw new Error('a probe expected');
  const key = alertKey(probe.id, 'first_response', 'probe.breached');
  const delivery = newDelivery(
    {
      id: deps.newId('delivery'),
      alertKey: key,
      trialId,
      webhookId,
      userId: null,
      channel: 'json',
      message: {
        type: 'probe.breached',
        trialId,
        probeId: probe.id,
        vendorId: probe.vendorId,
        target: 'first_response',
        at,
        url: `https://sla.example.com/probes/${probe.id}`,
        text: 'Breached',
      },
    },
    at,
  );
  await deps.repository.recordAlerts([
    {
      alert: {
        key,
        trialId,
        probeId: probe.id,
        vendorId: probe.vendorId,
        type: 'probe.breached',
        target: 'first_response',
        at,
        firedAt: at,
      },
      deliveries: [delivery],
    },
  ]);
}

/**
 * A data folder with some of everything, made through the use cases as the app makes it:
 * accounts, a token and a session, trials with vendors, scenarios and probes, an evidence file
 * on an event and one not yet referred to, a closed trial, alerting, a request answer.
 */
async function folderWithData(): Promise<{ dataDir: string; made: Made }> {
  const dataDir = await tempDir('sla-probe-migrate-');
  const made = await withDataFolder(dataDir, async (deps) => {
    const owner = await addUser(deps, 'admin');
    const evaluator = await addUser(deps, 'evaluator');
    return actingAs({ via: 'session', userId: owner.id, email: owner.email }, async () => {
      await createToken(deps, { name: 'CI import', userId: evaluator.id });
      await startSession(deps, owner);
      const { open, attachmentId, sha256 } = await addTrials(deps);
      await addAlerting(deps, open, owner);
      const key = `${owner.id}:retry-1`;
      await runIdempotent(
        deps,
        {
          accountId: owner.id,
          key: 'retry-1',
          method: 'POST',
          path: `/api/v1/trials/${open}/vendors`,
          body: {},
          status: 201,
        },
        () => createVendor(deps, open, { name: 'Added once' }),
      );
      await deps.attachments.save(ORPHAN);
      return { attachmentId, sha256, idempotencyKey: key };
    });
  });
  return { dataDir, made };
}

/** What each list of the repository answers, for comparing two stores. */
async function everyList(repository: Repository) {
  const trials = await repository.listTrials();
  const perTrial = [];
  for (const trial of trials)
    perTrial.push({
      vendors: await repository.listVendors(trial.id),
      scenarios: await repository.listScenarios(trial.id),
      probes: await repository.listProbes(trial.id),
      export: await repository.getTrialData(trial.id),
      webhooks: await repository.listWebhooks(trial.id),
      alerts: await repository.listAlerts({ trialId: trial.id }),
    });
  return {
    trials,
    perTrial,
    users: await repository.listUsers(),
    tokens: await repository.listTokens(),
    webhooks: await repository.listWebhooks(),
    alerts: await repository.listAlerts({}),
    deliveries: await repository.listDeliveries({ limit: 1000 }),
    audit: await repository.listAudit({ limit: 100_000 }),
  };
}

/** A store's lists, records, audit log and export hash; the store is closed after. */
async function readStore(store: RecordStore) {
  try {
    return {
      lists: await everyList(createRepository(store)),
      records: Object.fromEntries(COLLECTIONS.map((collection) => [collection, store.view.all(collection)])),
      audit: await auditOf(store),
      hash: await canonicalExportHash(store.view, store.auditNewestFirst()),
    };
  } finally {
    await store.close();
  }
}

/** The folder's, read with the folder opened and closed again. */
const readFolder = async (dataDir: string) => readStore(await openDataFolder(dataDir));

/** The database's, through a PgStore as the server opens it. */
const readDatabase = async (url: string) => readStore(await PgStore.open(url));

/** Rows in the tables a copy writes: to show a refused copy added nothing. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const pool = new pg.Pool({ connectionString: url });
  try {
    const { rows } = await pool.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM records) AS records, (SELECT count(*)::int FROM audit) AS audit,
              (SELECT count(*)::int FROM changes) AS changes, (SELECT count(*)::int FROM attachment_files) AS files`,
    );
    return rows[0] ?? {};
  } finally {
    await pool.end();
  }
}

describe('moving a data folder into PostgreSQL', () => {
  let dataDir = '';
  let made: Made;
  let folder: Awaited<ReturnType<typeof readFolder>>;

  beforeAll(async () => {
    ({ dataDir, made } = await folderWithData());
    folder = await readFolder(dataDir);
  }, CLI_MS);

  it('the folder made for these tests holds some of every collection and of the audit log', () => {
    for (const collection of COLLECTIONS)
      expect(folder.hash.counts[collection], collection).toBeGreaterThan(0);
    expect(folder.hash.counts.audit).toBeGreaterThan(20);
  });

  it('when the folder is copied into an empty database, then every list, record and audit entry reads back the same, in order, and the evidence files too', async () => {
    // Arrange
    const url = await freshDatabase();

    // Act
    const copied = await copyFolder(dataDir, url);
    const database = await readDatabase(url);

    // Assert
    expect(copied).toEqual({ ...folder.hash.counts, attachments: 2 });
    expect(database.lists).toEqual(folder.lists);
    expect(database.records).toEqual(folder.records);
    expect(database.audit).toEqual(folder.audit);
    expect(database.hash).toEqual(folder.hash);
    const opened = await openDatabase(url);
    try {
      const deps = depsOver(opened);
      expect((await openAttachment(deps, made.attachmentId)).bytes).toEqual(EVIDENCE);
      expect(await deps.attachments.read(made.sha256)).toEqual(EVIDENCE);
      expect(await deps.repository.findIdempotencyRecord(made.idempotencyKey)).toMatchObject({ status: 201 });
    } finally {
      await opened.close();
    }
  });

  it('when an instance was already open on the empty database, then after the copy it shows the copied data and its next write numbers on', async () => {
    // Arrange
    const url = await freshDatabase();
    const early = await openDatabase(url);
    const earlyDeps = depsOver(early);
    expect(await earlyDeps.repository.listTrials()).toEqual([]);
    await copyFolder(dataDir, url);

    try {
      // Act
      const listed = await earlyDeps.repository.listTrials();
      const trial = await createTrial(earlyDeps, { name: 'Written by the early instance', timezone: 'UTC' });

      // Assert
      const folder = await readFolder(dataDir);
      expect(listed.map((stored) => stored.id)).toEqual(folder.lists.trials.map((stored) => stored.id));
      const audit = (await earlyDeps.repository.listAudit({ limit: 1 })).entries;
      expect(audit[0]).toMatchObject({ seq: (folder.audit[0]?.seq ?? 0) + 1, entityId: trial.id });
    } finally {
      await early.close();
    }
  });

  it('when the server opens the copy and writes, then the change log and the audit log number on after the copied ones, and lists keep their order', async () => {
    // Arrange
    const url = await freshDatabase();
    await copyFolder(dataDir, url);

    // Act
    const opened = await openDatabase(url);
    let trialId = '';
    try {
      trialId = (await createTrial(depsOver(opened), { name: 'After the move', timezone: 'UTC' })).id;
    } finally {
      await opened.close();
    }

    // Assert
    const database = await readDatabase(url);
    expect(database.lists.trials.map((trial) => trial.id)).toEqual([
      ...folder.lists.trials.map((trial) => trial.id),
      trialId,
    ]);
    expect(database.audit[0]).toMatchObject({ seq: (folder.audit[0]?.seq ?? 0) + 1, entityId: trialId });
    expect(await rowCounts(url)).toMatchObject({ changes: 2 });
  });

  it(
    'when the command copies the folder, then it prints the counts and the hash equal on both, exits 0, and the folder still holds the same',
    async () => {
      // Arrange
      const url = await freshDatabase();

      // Act
      const result = await admin({ DATA_DIR: dataDir, DATABASE_URL: url }, 'migrate-to-postgres');

      // Assert
      expect(result.code, result.output).toBe(0);
      const { counts, sha256 } = folder.hash;
      expect(result.output).toContain(
        `Copied ${counts.trials} trials, ${counts.vendors} vendors, ${counts.scenarios} scenarios, ${counts.probes} probes,`,
      );
      expect(result.output).toContain(`${counts.audit} audit entries, 2 evidence files to PostgreSQL.`);
      expect(result.output).toContain(`Check: counts equal, canonical export hash ${sha256} equal on both.`);
      const database = await readDatabase(url);
      expect(database.lists).toEqual(folder.lists);
      expect(database.audit).toEqual(folder.audit);
      expect((await readFolder(dataDir)).hash).toEqual(folder.hash);
    },
    CLI_MS,
  );

  it(
    'when the database already holds data, then the command refuses, exits 1, and adds nothing',
    async () => {
      // Arrange: a database a server has already written to.
      const url = await freshDatabase();
      const used = await openDatabase(url);
      try {
        await addUser(depsOver(used), 'admin', 'first@example.com');
      } finally {
        await used.close();
      }
      const before = await rowCounts(url);

      // Act
      const result = await admin({ DATA_DIR: dataDir, DATABASE_URL: url }, 'migrate-to-postgres');
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      const direct = await copyIntoEmptyDatabase(pool, {
        view: new Tables(emptyDatabase('')),
        auditOldestFirst: [],
        attachments: storedFiles(dataDir),
      })
        .catch((error: unknown) => error)
        .finally(() => pool.end());

      // Assert
      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain(
        'The database already holds records, audit entries and a change log: data is copied only into an empty database. Nothing was copied.',
      );
      expect(direct).toBeInstanceOf(DatabaseNotEmptyError);
      expect(await rowCounts(url)).toEqual(before);
      expect((await readFolder(dataDir)).hash).toEqual(folder.hash);
    },
    CLI_MS,
  );

  it(
    'when DATABASE_URL is not set, then the command says both are needed and exits 64',
    async () => {
      const result = await admin({ DATA_DIR: dataDir }, 'migrate-to-postgres');

      expect(result.code, result.output).toBe(64);
      expect(result.output).toContain('migrate-to-postgres needs DATABASE_URL set');
    },
    CLI_MS,
  );

  it(
    'when the folder is in use by a running server, then the command refuses with the folder-in-use message',
    async () => {
      const url = await freshDatabase();
      const running = await openDataFolder(dataDir);
      let result;
      try {
        result = await admin({ DATA_DIR: dataDir, DATABASE_URL: url }, 'migrate-to-postgres');
      } finally {
        await running.close();
      }

      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain(`The data folder ${dataDir} is in use by process ${process.pid}`);
      await expect(rowCounts(url), 'the database was not touched').rejects.toThrow(/does not exist/);
    },
    CLI_MS,
  );
});

describe('the admin commands with DATABASE_URL set', () => {
  it(
    'when an account is created, then it lands in PostgreSQL and the data folder is not used',
    async () => {
      // Arrange
      const url = await freshDatabase();
      const unused = await tempDir('sla-probe-unused-');

      // Act
      const result = await admin(
        { DATA_DIR: unused, DATABASE_URL: url },
        'create-user',
        '--email',
        'ops@example.com',
        '--password',
        'a long enough password',
        '--role',
        'admin',
      );

      // Assert
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain('Created admin ops@example.com');
      const store = await PgStore.open(url);
      try {
        const repository = createRepository(store);
        expect(await repository.findUserByEmail('ops@example.com')).toMatchObject({
          role: 'admin',
          active: true,
        });
        expect((await repository.listAudit({ limit: 1 })).entries[0]).toMatchObject({
          actor: { via: 'cli' },
          entity: 'user',
          action: 'create',
        });
      } finally {
        await store.close();
      }
      expect(await readdir(unused)).toEqual([]);
    },
    CLI_MS,
  );
});

describe('a copy larger than one statement', () => {
  it('when there are more records and audit entries than one INSERT takes, then all arrive, in order', async () => {
    // Arrange
    const url = await freshDatabase();
    const database = emptyDatabase('');
    const tables = new Tables({
      ...database,
      sessions: Array.from({ length: 2500 }, (_, index) => ({
        idHash: String(2500 - index).padStart(64, '0'),
        userId: 'u1',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2099-01-01T00:00:00.000Z',
      })),
    });
    const audit = Array.from({ length: 2100 }, (_, index): AuditEntry => ({
      seq: index + 1,
      at: '2026-01-01T00:00:00.000Z',
      actor: { via: 'system', userId: null, email: null },
      action: 'create',
      entity: 'trial',
      entityId: `t${index}`,
      changes: [],
    }));
    const pool = new pg.Pool({ connectionString: url });

    // Act
    try {
      await copyIntoEmptyDatabase(pool, {
        view: tables,
        auditOldestFirst: audit,
        attachments: storedFiles('/nonexistent'),
      });
    } finally {
      await pool.end();
    }

    // Assert
    const store = await PgStore.open(url);
    try {
      expect(store.view.all('sessions')).toEqual(tables.all('sessions'));
      expect(await auditOf(store)).toEqual(audit.toReversed());
    } finally {
      await store.close();
    }
  });
});
