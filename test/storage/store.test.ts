import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/domain/database.js';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { StorageError } from '../../src/storage/errors.js';
import { schemaIdentity, sha256Of } from '../../src/storage/fingerprint.js';
import { dropExpired } from '../../src/storage/repository.js';
import { Store } from '../../src/storage/store.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';
import { dataFolder, openRepository, openStore } from './folders.js';

async function readDbFile(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8')) as Record<string, unknown>;
}

describe('Store on real files', () => {
  it('when opened on an empty folder, then an empty versioned db.json and a journal of its generation are written', async () => {
    const dir = await dataFolder();
    await openStore(dir);

    const onDisk = await readDbFile(dir);
    expect(onDisk).toMatchObject({ version: SCHEMA_VERSION, trials: [], users: [], auditSeq: 0 });
    expect(onDisk).not.toHaveProperty('audit');
    const journalHeader = (await readFile(path.join(dir, 'db.journal'), 'utf8')).split('\n')[0];
    expect(JSON.parse(journalHeader ?? '')).toEqual({
      journal: 1,
      generation: onDisk['generation'],
      sha256: sha256Of(await readFile(path.join(dir, 'db.json'))),
      schema: schemaIdentity(),
    });
  });

  it('when a trial is saved, then it is in the journal at once and in db.json after closing', async () => {
    const dir = await dataFolder();
    const trial = buildTrial({ name: '音视频 SDK 选型' });
    const { store, repository } = await openRepository(dir);
    await repository.insertTrial(trial);

    // Acknowledged means on disk: in the journal now, folded into db.json when the store closes.
    expect(await readFile(path.join(dir, 'db.journal'), 'utf8')).toContain('音视频 SDK 选型');
    expect((await inspectDataFolder(dir))?.database.trials).toEqual([trial]);
    await store.close();
    expect(await readDbFile(dir)).toMatchObject({ trials: [{ id: trial.id, name: '音视频 SDK 选型' }] });
    const reopened = await openRepository(dir);
    expect(await reopened.repository.getTrial(trial.id)).toEqual(trial);
  });

  it('when 50 changes are made at once, then every one reaches the disk in fewer journal lines than changes', async () => {
    const dir = await dataFolder();
    const { repository } = await openRepository(dir);
    const trials = Array.from({ length: 50 }, (_, index) => buildTrial({ name: `Trial ${index}` }));
    await Promise.all(trials.map((trial) => repository.insertTrial(trial)));

    const onDisk = await inspectDataFolder(dir);
    expect(onDisk?.database.trials.map((trial) => trial.id).sort()).toEqual(
      trials.map((trial) => trial.id).sort(),
    );
    expect(onDisk?.audit.map((entry) => entry.seq)).toEqual(trials.map((_, index) => index + 1));
    const lines = (await readFile(path.join(dir, 'db.journal'), 'utf8')).trim().split('\n');
    expect(lines.length - 1).toBeLessThan(50);
  });

  it('when data files are created, then they are readable by the server’s user only, in a folder only it can enter', async () => {
    const dir = await dataFolder();
    const { store, repository } = await openRepository(dir);
    await repository.insertTrial(buildTrial());
    await store.close();

    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    for (const file of ['db.json', 'db.journal', 'db.lock', 'audit/audit-000001.jsonl']) {
      expect({ file, mode: (await stat(path.join(dir, file))).mode & 0o777 }).toEqual({ file, mode: 0o600 });
    }
  });

  it.each([
    ['not JSON', '{"version": 1, "trials": [', /db\.json: not valid JSON/],
    [
      'the wrong shape',
      '{"version": 1, "trials": "none", "vendors": [], "scenarios": [], "probes": []}',
      /invalid data at trials/,
    ],
    [
      'a record breaking a rule',
      JSON.stringify({
        version: 1,
        trials: [
          { ...buildTrial(), weights: { responsiveness: 1, resolution: 1, escalation: 0, commitment: 0 } },
        ],
        vendors: [],
        scenarios: [],
        probes: [],
      }),
      /invalid data at trials\.0\.weights: weights must sum to 1/,
    ],
    ['a newer schema version', '{"version": 99}', /schema version 99 is newer/],
  ])(
    'when db.json holds %s, then start-up fails naming the file and the file is left untouched',
    async (_case, content, message) => {
      const dir = await dataFolder();
      const file = path.join(dir, 'db.json');
      await writeFile(file, content);

      const opening = Store.open(dir);

      await expect(opening).rejects.toBeInstanceOf(StorageError);
      await expect(opening).rejects.toThrow(message);
      await expect(opening).rejects.toThrow(file);
      expect(await readFile(file, 'utf8')).toBe(content);
    },
  );

  it('when db.json is a folder, then start-up fails with a message, not a stack trace', async () => {
    const dir = await dataFolder();
    await mkdir(path.join(dir, 'db.json'));

    await expect(Store.open(dir)).rejects.toThrow(/db\.json: is a folder, not a file/);
  });

  it('when db.json is missing while its journal exists, then start-up refuses naming both files and writes nothing', async () => {
    const dir = await dataFolder();
    const { store, repository } = await openRepository(dir);
    await repository.insertTrial(buildTrial());
    await store.close();
    await rm(path.join(dir, 'db.json'));
    const before = (await readdir(dir)).sort();

    const opening = Store.open(dir);

    await expect(opening).rejects.toBeInstanceOf(StorageError);
    await expect(opening).rejects.toThrow(/db\.json: is missing although .*db\.journal exists/);
    expect((await readdir(dir)).sort()).toEqual(before);
    expect(before).not.toContain('db.json');
  });

  it('when records are read, then they are frozen: an edit in place throws instead of vanishing at restart', async () => {
    const dir = await dataFolder();
    const { repository } = await openRepository(dir);
    const trial = await repository.insertTrial(buildTrial());
    const vendor = await repository.insertVendor(buildVendor({ trialId: trial.id }));
    const probe = await repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: vendor.id }));

    const stored = await repository.getProbe(probe.id);

    expect(() => {
      (stored as { title: string }).title = 'edited in place';
    }).toThrow(TypeError);
    expect(() => {
      (stored?.events as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      ((stored?.ratings ?? {}) as { depth?: number }).depth = 4;
    }).toThrow(TypeError);
    expect((await repository.getProbe(probe.id))?.title).toBe(probe.title);
  });

  it('when a folder is opened, then every record read from its files is frozen all the way down', async () => {
    const dir = await dataFolder();
    const first = await openRepository(dir);
    const trial = await first.repository.insertTrial(buildTrial());
    const vendor = await first.repository.insertVendor(buildVendor({ trialId: trial.id }));
    await first.repository.insertProbe(
      buildProbe({
        trialId: trial.id,
        vendorId: vendor.id,
        events: events(['2026-11-20T10:05:00+08:00', 'ack'], ['2026-11-20T11:00:00+08:00', 'note']),
      }),
    );
    await first.store.close();

    const { store } = await openRepository(dir);
    const unfrozen: string[] = [];
    const visit = (value: unknown, where: string): void => {
      if (typeof value !== 'object' || value === null) return;
      if (!Object.isFrozen(value)) unfrozen.push(where);
      for (const [field, child] of Object.entries(value)) visit(child, `${where}.${field}`);
    };
    for (const collection of ['trials', 'vendors', 'probes'] as const)
      store.view.all(collection).forEach((record, index) => {
        visit(record, `${collection}.${index}`);
      });

    expect(store.view.all('probes')[0]?.events.length).toBeGreaterThan(0);
    expect(unfrozen).toEqual([]);
  });

  it('when an update function edits the record it is given in place, then it throws and nothing is stored', async () => {
    const dir = await dataFolder();
    const { repository } = await openRepository(dir);
    const trial = await repository.insertTrial(buildTrial({ name: 'Before' }));

    await expect(
      repository.updateTrial(trial.id, (current) => {
        (current as { name: string }).name = 'Mutated';
        return current;
      }),
    ).rejects.toThrow(TypeError);

    expect((await repository.getTrial(trial.id))?.name).toBe('Before');
    expect((await inspectDataFolder(dir))?.database.trials[0]?.name).toBe('Before');
  });

  it('when two folders are opened by one process, then each has its own store; the same folder twice is refused', async () => {
    const [first, second] = [await dataFolder(), await dataFolder()];
    await openStore(first);
    await openStore(second);

    await expect(Store.open(first)).rejects.toThrow(/in use by process/);
  });
});

describe('Repository', () => {
  async function repositoryWithTrial() {
    const { repository } = await openRepository(await dataFolder());
    const trial = await repository.insertTrial(buildTrial());
    const vendor = await repository.insertVendor(buildVendor({ trialId: trial.id }));
    const other = await repository.insertVendor(buildVendor({ trialId: trial.id, name: 'Other' }));
    const probe = await repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: vendor.id }));
    const otherProbe = await repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: other.id }));
    return { repository, trial, vendor, other, probe, otherProbe };
  }

  it('when a vendor is deleted, then its probes go with it and other vendors keep theirs', async () => {
    const { repository, trial, vendor, probe, otherProbe } = await repositoryWithTrial();
    expect(await repository.deleteVendor(vendor.id)).toBe(true);
    expect(await repository.getProbe(probe.id)).toBeUndefined();
    expect((await repository.listProbes(trial.id)).map((p) => p.id)).toEqual([otherProbe.id]);
  });

  it('when a trial is deleted, then its vendors, scenarios and probes are gone', async () => {
    const { repository, trial } = await repositoryWithTrial();
    expect(await repository.deleteTrial(trial.id)).toBe(true);
    expect(await repository.getTrialData(trial.id)).toBeUndefined();
    expect(await repository.listVendors(trial.id)).toEqual([]);
    expect(await repository.listProbes(trial.id)).toEqual([]);
  });

  it('when a trial is read twice between writes, then it is gathered once; after each kind of write, the read shows it', async () => {
    const { repository, trial, vendor, probe } = await repositoryWithTrial();
    const first = await repository.getTrialData(trial.id);
    expect(await repository.getTrialData(trial.id)).toBe(first);
    expect(Object.isFrozen(first?.probes)).toBe(true);

    await repository.updateProbe(probe.id, (current) => ({ ...current, title: 'Renamed probe' }));
    expect((await repository.getTrialData(trial.id))?.probes.find((p) => p.id === probe.id)?.title).toBe(
      'Renamed probe',
    );
    await repository.insertVendor(buildVendor({ trialId: trial.id, name: 'Third' }));
    expect((await repository.getTrialData(trial.id))?.vendors.map((v) => v.name)).toContain('Third');
    await repository.deleteVendor(vendor.id);
    expect((await repository.getTrialData(trial.id))?.probes.some((p) => p.id === probe.id)).toBe(false);
    await repository.updateTrial(trial.id, (current) => ({ ...current, name: 'Renamed trial' }));
    expect((await repository.getTrialData(trial.id))?.trial.name).toBe('Renamed trial');
  });

  it('when an update function throws, then nothing changes and other changes of the same batch still land', async () => {
    const { repository, probe, trial } = await repositoryWithTrial();
    const [refused, renamed] = await Promise.allSettled([
      repository.updateProbe(probe.id, () => {
        throw new Error('rejected');
      }),
      repository.updateTrial(trial.id, (current) => ({ ...current, name: 'Renamed' })),
    ]);
    expect(refused).toMatchObject({ status: 'rejected', reason: new Error('rejected') });
    expect(renamed.status).toBe('fulfilled');
    expect(await repository.getProbe(probe.id)).toEqual(probe);
    expect((await repository.getTrial(trial.id))?.name).toBe('Renamed');
  });

  it('when two updates of one probe are decided in the same batch, then the second sees the first', async () => {
    const { repository, probe } = await repositoryWithTrial();
    await Promise.all(
      ['first', 'second'].map((title) =>
        repository.updateProbe(probe.id, (current) => ({ ...current, title: `${current.title} + ${title}` })),
      ),
    );
    expect((await repository.getProbe(probe.id))?.title).toBe(`${probe.title} + first + second`);
  });

  it('when a trial whose ids exist is imported, then it is refused and nothing is added', async () => {
    const { repository, trial } = await repositoryWithTrial();
    const exported = await repository.getTrialData(trial.id);
    if (!exported) throw new Error('trial missing');
    expect(await repository.importTrial(exported)).toBeUndefined();
    expect(await repository.listTrials()).toHaveLength(1);
  });
});

describe('folding the journal', () => {
  it('when the journal is folded, then expired sessions and request answers older than 24 hours are left out of db.json; live ones stay', async () => {
    const dir = await dataFolder();
    let now = new Date('2026-11-24T04:00:00Z');
    const store = await openStore(dir, { keepOnFold: dropExpired(() => now) });
    const view = store.view;
    const put = (collection: 'sessions' | 'idempotency', record: Record<string, unknown>) =>
      store.commit(() => ({ change: { put: { [collection]: [record] } }, result: undefined }));
    const session = (idHash: string, expiresAt: string) => ({
      idHash,
      userId: 'user_1',
      createdAt: '2026-11-20T00:00:00.000Z',
      expiresAt,
    });
    const answer = (key: string, createdAt: string) => ({
      key,
      fingerprint: 'f'.repeat(64),
      status: 201,
      body: { id: key },
      createdAt,
    });
    await put('sessions', session('expired', '2026-11-24T03:59:59.000Z'));
    await put('sessions', session('live', '2026-11-30T00:00:00.000Z'));
    await put('idempotency', answer('old', '2026-11-23T03:59:00.000Z'));
    await put('idempotency', answer('recent', '2026-11-23T05:00:00.000Z'));
    now = new Date('2026-11-24T04:00:00Z');

    await store.close();

    const folded = await readDbFile(dir);
    expect((folded['sessions'] as { idHash: string }[]).map((s) => s.idHash)).toEqual(['live']);
    expect((folded['idempotency'] as { key: string }[]).map((r) => r.key)).toEqual(['recent']);
    expect(view.get('sessions', 'expired')).toBeUndefined();
  });
});
