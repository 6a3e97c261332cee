import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getScorecard, presentScorecard } from '../../src/app/scorecard.js';
import { depsOver } from '../../src/app/wiring.js';
import { migrateDatabase, SCHEMA_VERSION } from '../../src/domain/database.js';
import { insertEventInOrder } from '../../src/domain/metrics.js';
import { computeScorecard } from '../../src/domain/scoring/scorecard.js';
import { describeChanges } from '../../src/storage/auditTrail.js';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { StorageError } from '../../src/storage/errors.js';
import { createRepository } from '../../src/storage/repository.js';
import { Store } from '../../src/storage/store.js';
import { buildTrial, events } from '../factories.js';
import { WORKED_EXAMPLE_AS_OF, workedExample } from '../fixtures/workedExample.js';
import { dataFolder, openRepository, openStore } from './folders.js';

async function folderWith(content: string): Promise<string> {
  const dir = await dataFolder();
  await writeFile(path.join(dir, 'db.json'), content);
  return dir;
}

describe('schema migrations on start', () => {
  it('when a version-1 file is opened, then a copy is kept in backups/ and the data is carried over to the current version', async () => {
    const trial = buildTrial({ name: '音视频 SDK 选型' });
    const original = JSON.stringify({ version: 1, trials: [trial], vendors: [], scenarios: [], probes: [] });
    const dir = await folderWith(original);

    const store = await Store.open(dir);
    await store.close();

    const onDisk = JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({
      version: SCHEMA_VERSION,
      trials: [trial],
      users: [],
      tokens: [],
      sessions: [],
      idempotency: [],
      auditSeq: 0,
    });
    const backups = await readdir(path.join(dir, 'backups'));
    expect(backups).toEqual([expect.stringMatching(/^db-v1-before-migration-\d{8}T\d{9}Z\.json$/)]);
    expect(await readFile(path.join(dir, 'backups', backups[0] ?? ''), 'utf8')).toBe(original);
  });

  it('when a version-2 file with its audit log and a journal from before journals had headers is opened, then nothing is lost and the log moves to the audit files', async () => {
    const trial = buildTrial({ name: 'v2 trial' });
    const entry = (seq: number, action: string) => ({
      seq,
      at: '2026-11-20T02:00:00.000Z',
      actor: { via: 'system', userId: null, email: null },
      action,
      entity: 'trial',
      entityId: trial.id,
      trialId: trial.id,
      label: trial.name,
      changes: [],
    });
    const v2 = {
      version: 2,
      trials: [trial],
      vendors: [],
      scenarios: [],
      probes: [],
      users: [],
      tokens: [],
      sessions: [],
      audit: [entry(1, 'create')],
    };
    const dir = await folderWith(JSON.stringify(v2));
    // A version-2 server killed with one change in its journal.
    const renamed = { ...trial, name: 'renamed in the journal' };
    await writeFile(
      path.join(dir, 'db.journal'),
      `${JSON.stringify({ upsert: { trials: [renamed], audit: [entry(2, 'update')] } })}\n`,
    );

    const { store, repository } = await openRepository(dir);

    expect(await repository.getTrial(trial.id)).toEqual(renamed);
    expect((await repository.listAudit({ limit: 10 })).entries.map((e) => [e.seq, e.action])).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
    await repository.updateTrial(trial.id, (current) => ({ ...current, name: 'after the upgrade' }));
    await store.close();
    const onDisk = await inspectDataFolder(dir);
    expect(onDisk?.audit.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8'))).not.toHaveProperty('audit');
    const [backup] = await readdir(path.join(dir, 'backups'));
    // The copy holds the data as the old version had it, journal included.
    expect(JSON.parse(await readFile(path.join(dir, 'backups', backup ?? ''), 'utf8'))).toEqual({
      ...v2,
      trials: [renamed],
      audit: [entry(1, 'create'), entry(2, 'update')],
    });
  });

  it('when a version-3 file (trials without a model, probes waiting on us) is opened, then its trials keep sla-score/1 and score exactly as before', async () => {
    // SPEC §5.2's example: p2 waited on us for 1230 min; sla-score/1 gives 73.98, sla-score/2 79.61.
    const example = workedExample('trial-v3');
    const { model: _model, ...trialWithoutModel } = example.trial;
    const wait = events(
      ['2026-11-20T18:30:00+08:00', 'info_request'],
      ['2026-11-21T15:00:00+08:00', 'info_provided'],
    );
    const probes = example.probes.map(({ evaluations: _evaluations, ...probe }) =>
      probe.id === 'p2' ? { ...probe, events: wait.reduce(insertEventInOrder, probe.events) } : probe,
    );
    const v3 = {
      version: 3,
      generation: 'v3-generation',
      replaces: null,
      auditSeq: 0,
      trials: [trialWithoutModel],
      vendors: example.vendors,
      scenarios: [],
      probes,
      users: [],
      tokens: [],
      sessions: [],
      idempotency: [],
    };
    const original = JSON.stringify(v3);
    const dir = await folderWith(original);

    const store = await openStore(dir);
    const deps = depsOver(store, { now: () => new Date(WORKED_EXAMPLE_AS_OF) });
    const trial = await deps.repository.getTrial('trial-v3');
    expect(trial?.model).toBe('sla-score/1');

    const card = await getScorecard(deps, 'trial-v3', { asOf: '2026-11-24T12:00:00+08:00' });
    const stored = await deps.repository.listProbes('trial-v3', {});
    const modelOne = computeScorecard(
      { trial: { ...example.trial, model: 'sla-score/1' }, vendors: example.vendors, probes: stored },
      WORKED_EXAMPLE_AS_OF,
    );
    expect(card.model).toBe('sla-score/1');
    expect(card.vendors[0]?.overall).toBe(73.98);
    expect(card).toEqual(presentScorecard(modelOne));
    expect(card.vendors[0]?.dimensions.resolution.score).toBe(77.63);
    expect(card.vendors[0]?.dimensions.escalation.score).toBe(65);

    const backups = await readdir(path.join(dir, 'backups'));
    expect(backups).toEqual([expect.stringMatching(/^db-v3-before-migration-\d{8}T\d{9}Z\.json$/)]);
    expect(await readFile(path.join(dir, 'backups', backups[0] ?? ''), 'utf8')).toBe(original);
  });

  it('when a version-4 file is opened, then it gains empty alert targets, alerts and deliveries and keeps its data', async () => {
    const trial = buildTrial({ id: 'trial-v4' });
    const v4 = {
      version: 4,
      generation: 'v4-generation',
      replaces: null,
      auditSeq: 0,
      trials: [trial],
      vendors: [],
      scenarios: [],
      probes: [],
      users: [],
      tokens: [],
      sessions: [],
      idempotency: [],
    };
    const dir = await folderWith(JSON.stringify(v4));
    const { store, repository } = await openRepository(dir);
    expect((await repository.getTrial('trial-v4'))?.name).toBe(trial.name);
    expect(await repository.listWebhooks()).toEqual([]);
    expect(await repository.listAlerts({})).toEqual([]);
    expect(await repository.listDeliveries({ limit: 10 })).toEqual([]);
    const backups = await readdir(path.join(dir, 'backups'));
    expect(backups).toEqual([expect.stringMatching(/^db-v4-before-migration-/)]);
    await store.close();
  });

  it('when a current-version file is opened, then no migration copy is written', async () => {
    const dir = await folderWith(
      JSON.stringify({ version: 1, trials: [], vendors: [], scenarios: [], probes: [] }),
    );
    await (await Store.open(dir)).close();
    await (await Store.open(dir)).close();
    expect(await readdir(path.join(dir, 'backups'))).toHaveLength(1);
  });

  it('when a version-1 file would not validate after migrating, then start-up stops and neither the file nor backups are written', async () => {
    const broken = JSON.stringify({ version: 1, trials: 'none', vendors: [], scenarios: [], probes: [] });
    const dir = await folderWith(broken);
    await expect(Store.open(dir)).rejects.toBeInstanceOf(StorageError);
    expect(await readFile(path.join(dir, 'db.json'), 'utf8')).toBe(broken);
    expect(await readdir(dir)).not.toContain('backups');
  });

  it.each([
    [{ trials: [] }, /no valid schema version/],
    [{ version: 0 }, /no valid schema version/],
    [{ version: '2' }, /no valid schema version/],
    [{ version: 1.5 }, /no valid schema version/],
    [{ version: SCHEMA_VERSION + 1 }, /newer than this program/],
  ])('when the version is %j, then migrating refuses with a clear reason', (data, message) => {
    expect(() => migrateDatabase(data as Record<string, unknown>)).toThrow(message);
  });

  it('when migrated twice, then the result is the same as once (each step runs exactly from its own version)', () => {
    const once = migrateDatabase({ version: 1, trials: [], vendors: [], scenarios: [], probes: [] });
    expect(once.from).toBe(1);
    const twice = migrateDatabase(once.data);
    expect(twice).toEqual({ data: once.data, from: SCHEMA_VERSION });
  });
});

describe('the audit trail', () => {
  it('when records are created, changed and deleted, then each change has one entry, in order, with what changed', async () => {
    const at = new Date('2026-11-24T04:00:00Z');
    const { store } = await openRepository(await dataFolder());
    const repository = createRepository(store, { now: () => at });
    const trial = await repository.insertTrial(buildTrial({ name: 'Before' }));
    await repository.updateTrial(trial.id, (current) => ({
      ...current,
      name: 'After',
      updatedAt: at.toISOString(),
    }));
    await repository.deleteTrial(trial.id);

    const { entries, total } = await repository.listAudit({ limit: 10 });
    expect(total).toBe(3);
    expect(entries.map((entry) => [entry.seq, entry.action, entry.entity, entry.entityId])).toEqual([
      [3, 'delete', 'trial', trial.id],
      [2, 'update', 'trial', trial.id],
      [1, 'create', 'trial', trial.id],
    ]);
    expect(entries[1]?.changes).toEqual([{ path: 'name', before: 'Before', after: 'After' }]);
    expect(entries[1]).toMatchObject({ at: at.toISOString(), actor: { via: 'system' }, label: 'After' });
    expect(entries[0]?.changes).toContainEqual({ path: 'name', before: 'After', after: null });
  });
  it('when a record is saved unchanged (only its save time moves), then no entry is written', async () => {
    const { repository } = await openRepository(await dataFolder());
    const trial = await repository.insertTrial(buildTrial());
    await repository.updateTrial(trial.id, (current) => ({
      ...current,
      updatedAt: '2026-11-25T00:00:00.000Z',
    }));
    expect((await repository.listAudit({ limit: 10 })).entries.map((entry) => entry.action)).toEqual([
      'create',
    ]);
  });
});

describe('describeChanges', () => {
  it.each([
    ['a renamed field', { name: 'A' }, { name: 'B' }, [{ path: 'name', before: 'A', after: 'B' }]],
    [
      'a nested field',
      { sla: { credits: { offered: false } } },
      { sla: { credits: { offered: true } } },
      [{ path: 'sla.credits.offered', before: 'false', after: 'true' }],
    ],
    [
      'an added event',
      { events: [{ id: 'e1', kind: 'ack' }] },
      {
        events: [
          { id: 'e1', kind: 'ack' },
          { id: 'e2', kind: 'fix' },
        ],
      },
      [{ path: 'events[e2]', before: null, after: '{"id":"e2","kind":"fix"}' }],
    ],
    [
      'a removed event',
      { events: [{ id: 'e1', kind: 'ack' }] },
      { events: [] },
      [{ path: 'events[e1]', before: '{"id":"e1","kind":"ack"}', after: null }],
    ],
    [
      'a new password',
      { passwordHash: 'scrypt$1' },
      { passwordHash: 'scrypt$2' },
      [{ path: 'passwordHash', before: '•••', after: '•••' }],
    ],
    ['only the update time', { name: 'A', updatedAt: '1' }, { name: 'A', updatedAt: '2' }, []],
  ])('when %s, then the change names exactly that', (_case, before, after, expected) => {
    expect(describeChanges(before, after)).toEqual(expected);
  });

  it('when a value is very long, then it is cut to a readable length', () => {
    const [change] = describeChanges({ notes: '' }, { notes: 'x'.repeat(1000) });
    expect(change?.after?.length).toBeLessThanOrEqual(160);
    expect(change?.after?.endsWith('…')).toBe(true);
  });
});

describe('text written before the text rules', () => {
  it('when a version-2 file holds control characters and broken Unicode, then it still opens, repaired, with references intact', async () => {
    const trial = { ...buildTrial(), name: 'RTC\tSDK\u0000 选型' };
    const vendor = {
      id: 'vendor_\u0001x',
      trialId: trial.id,
      name: 'Sonic\nWave \ud800',
      notes: 'line one\nline\ttwo\u0007',
      sla: {},
      createdAt: trial.createdAt,
      updatedAt: trial.updatedAt,
    };
    const probe = {
      id: 'probe_1',
      trialId: trial.id,
      vendorId: vendor.id,
      title: 'Echo',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
      channel: 'ticket',
      sentAt: '2026-11-20T02:00:00.000Z',
      ratings: {},
      events: [],
      createdAt: trial.createdAt,
      updatedAt: trial.updatedAt,
    };
    const dir = await folderWith(
      JSON.stringify({
        version: 2,
        trials: [trial],
        vendors: [vendor],
        scenarios: [],
        probes: [probe],
        users: [],
        tokens: [],
        sessions: [],
        audit: [],
      }),
    );

    const { repository } = await openRepository(dir);

    expect((await repository.getTrial(trial.id))?.name).toBe('RTC SDK\uFFFD 选型');
    const [stored] = await repository.listVendors(trial.id);
    expect(stored).toMatchObject({
      id: 'vendor_\uFFFDx',
      name: 'Sonic Wave \uFFFD',
      notes: 'line one\nline\ttwo\uFFFD',
    });
    expect((await repository.getProbe('probe_1'))?.vendorId).toBe(stored?.id);
  });
});
