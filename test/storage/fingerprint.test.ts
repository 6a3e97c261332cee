import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseSchema } from '../../src/domain/database.js';
import { loadDataFolder } from '../../src/storage/dataFolder.js';
import { StorageError } from '../../src/storage/errors.js';
import { nodeFileSystem } from '../../src/storage/fileSystem.js';
import { schemaIdentity, sha256Of } from '../../src/storage/fingerprint.js';
import { storedRecordProblem } from '../../src/storage/recordCheck.js';
import { dropExpired } from '../../src/storage/repository.js';
import { Store } from '../../src/storage/store.js';
import { buildProbe, buildTrial, buildVendor } from '../factories.js';
import { dataFolder, openRepository, openStore } from './folders.js';

const HOURS = 60 * 60_000;

/** A folder the store wrote and closed: db.json with a trial, a vendor and a probe, and an empty journal. */
async function closedFolder(): Promise<{ dir: string; trialId: string }> {
  const dir = await dataFolder();
  const { store, repository } = await openRepository(dir);
  const trial = await repository.insertTrial(buildTrial({ name: 'RTC SDK 选型' }));
  const vendor = await repository.insertVendor(buildVendor({ trialId: trial.id }));
  await repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: vendor.id }));
  await store.close();
  return { dir, trialId: trial.id };
}

const files = (dir: string) => ({
  database: path.join(dir, 'db.json'),
  journal: path.join(dir, 'db.journal'),
});

async function headerOf(dir: string): Promise<Record<string, unknown>> {
  const [first] = (await readFile(files(dir).journal, 'utf8')).split('\n');
  return JSON.parse(first ?? '') as Record<string, unknown>;
}

/** Replaces the journal's first line, keeping the rest. */
async function rewriteHeader(dir: string, edit: (header: Record<string, unknown>) => object): Promise<void> {
  const [first, ...rest] = (await readFile(files(dir).journal, 'utf8')).split('\n');
  await writeFile(
    files(dir).journal,
    [JSON.stringify(edit(JSON.parse(first ?? '') as Record<string, unknown>)), ...rest].join('\n'),
  );
}

/** What a start that checks every record makes of db.json as it is on disk now. */
async function fullyChecked(dir: string) {
  return DatabaseSchema.parse(JSON.parse(await readFile(files(dir).database, 'utf8')));
}

describe('db.json opened on its fingerprint', () => {
  it('when the store writes db.json, then its journal header carries the SHA-256 of the exact bytes and of the schema', async () => {
    const { dir } = await closedFolder();

    expect(await headerOf(dir)).toEqual({
      journal: 1,
      generation: expect.any(String) as string,
      sha256: sha256Of(await readFile(files(dir).database)),
      schema: schemaIdentity(),
    });
  });

  it('when db.json is exactly as the store wrote it, then it is opened on its fingerprint with the same data a full check gives', async () => {
    const { dir } = await closedFolder();

    const loaded = await loadDataFolder(nodeFileSystem, dir);

    expect(loaded?.checked).toBe('fingerprint');
    expect(loaded?.database).toEqual(await fullyChecked(dir));
  });

  it('when nothing is left to fold, then the start keeps db.json and its journal as they are, and the next change lands and lasts', async () => {
    const { dir } = await closedFolder();
    const before = {
      bytes: await readFile(files(dir).database),
      modified: (await stat(files(dir).database)).mtimeMs,
    };
    const header = await headerOf(dir);

    const { store, repository } = await openRepository(dir);
    expect(await readFile(files(dir).database)).toEqual(before.bytes);
    expect((await stat(files(dir).database)).mtimeMs).toBe(before.modified);
    expect(await headerOf(dir)).toEqual(header);
    const trial = await repository.insertTrial(buildTrial({ name: 'After a quiet start' }));
    await store.close();

    const reopened = await openRepository(dir);
    expect(await reopened.repository.getTrial(trial.id)).toEqual(trial);
  });

  it('when nothing is left to fold, then expired sessions are dropped at the start all the same', async () => {
    const dir = await dataFolder();
    const now = new Date('2026-12-01T12:00:00Z');
    const session = (idHash: string, expiresAt: Date) => ({
      idHash,
      userId: 'user_1',
      createdAt: new Date(expiresAt.getTime() - 2 * HOURS).toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    const first = await Store.open(dir);
    await first.commit(() => ({
      change: {
        put: {
          sessions: [
            session('a'.repeat(64), new Date(now.getTime() - HOURS)),
            session('b'.repeat(64), new Date(now.getTime() + HOURS)),
          ],
        },
      },
      result: undefined,
    }));
    await first.close();

    const store = await openStore(dir, { keepOnFold: dropExpired(() => now) });

    expect(store.view.all('sessions').map((kept) => kept.idHash)).toEqual(['b'.repeat(64)]);
  });

  it.each([
    [
      'edited by hand (still valid)',
      async (dir: string) => {
        const data = JSON.parse(await readFile(files(dir).database, 'utf8')) as {
          trials: { name: string }[];
        };
        data.trials.forEach((trial) => (trial.name = 'Renamed by hand'));
        await writeFile(files(dir).database, JSON.stringify(data, null, 2));
      },
    ],
    [
      'written again byte for byte but one space',
      async (dir: string) => {
        await writeFile(files(dir).database, `${await readFile(files(dir).database, 'utf8')} `);
      },
    ],
    [
      'vouched for under another schema',
      (dir: string) =>
        rewriteHeader(dir, (header) => ({ ...header, schema: sha256Of(Buffer.from('older schema')) })),
    ],
    [
      'fingerprinted with another digest',
      (dir: string) => rewriteHeader(dir, (header) => ({ ...header, sha256: '0'.repeat(64) })),
    ],
    [
      'extended by a journal that says nothing of it (as before fingerprints)',
      (dir: string) => rewriteHeader(dir, ({ journal, generation }) => ({ journal, generation })),
    ],
    ['restored from a copy with its journal removed', (dir: string) => rm(files(dir).journal)],
  ])('when db.json is %s, then every record is checked in full', async (_case, change) => {
    const { dir } = await closedFolder();
    await change(dir);

    const loaded = await loadDataFolder(nodeFileSystem, dir);

    expect(loaded?.checked).toBe('full');
    expect(loaded?.database).toEqual(await fullyChecked(dir));
  });

  it('when db.json is of an older schema version, then it is migrated and checked in full even if a fingerprint matches it', async () => {
    const { dir } = await closedFolder();
    const {
      webhooks: _w,
      alerts: _a,
      deliveries: _d,
      ...current
    } = JSON.parse(await readFile(files(dir).database, 'utf8')) as Record<string, unknown>;
    const older = Buffer.from(JSON.stringify({ ...current, version: 4 }), 'utf8');
    await writeFile(files(dir).database, older);
    await rewriteHeader(dir, (header) => ({ ...header, sha256: sha256Of(older) }));

    const loaded = await loadDataFolder(nodeFileSystem, dir);

    expect({ checked: loaded?.checked, fileVersion: loaded?.fileVersion }).toEqual({
      checked: 'full',
      fileVersion: 4,
    });
    expect(loaded?.database).toMatchObject({ webhooks: [], alerts: [], deliveries: [] });
  });

  it('when a hand edit breaks a rule in a file that was fingerprinted, then start-up refuses naming db.json and leaves it untouched', async () => {
    const { dir } = await closedFolder();
    const data = JSON.parse(await readFile(files(dir).database, 'utf8')) as {
      trials: { weights: Record<string, number> }[];
    };
    data.trials.forEach(
      (trial) => (trial.weights = { responsiveness: 1, resolution: 1, escalation: 0, commitment: 0 }),
    );
    const edited = JSON.stringify(data);
    await writeFile(files(dir).database, edited);

    const opening = Store.open(dir);

    await expect(opening).rejects.toBeInstanceOf(StorageError);
    await expect(opening).rejects.toThrow(
      /db\.json: invalid data at trials\.0\.weights: weights must sum to 1/,
    );
    expect(await readFile(files(dir).database, 'utf8')).toBe(edited);
  });

  it('when the journal replays a record breaking a rule over a fingerprinted file, then start-up refuses naming the journal and writes nothing', async () => {
    const { dir } = await closedFolder();
    const broken = {
      ...buildTrial(),
      weights: { responsiveness: 1, resolution: 1, escalation: 0, commitment: 0 },
    };
    await writeFile(files(dir).journal, `${JSON.stringify({ changes: [{ put: { trials: [broken] } }] })}\n`, {
      flag: 'a',
    });
    const before = {
      database: await readFile(files(dir).database),
      journal: await readFile(files(dir).journal),
    };

    const opening = Store.open(dir);

    await expect(opening).rejects.toBeInstanceOf(StorageError);
    await expect(opening).rejects.toThrow(
      /db\.journal: invalid data at trials\.1\.weights: weights must sum to 1/,
    );
    expect(await readFile(files(dir).database)).toEqual(before.database);
    expect(await readFile(files(dir).journal)).toEqual(before.journal);
  });

  it('when the journal holds changes over a fingerprinted file, then they are checked, replayed and folded as a full check would', async () => {
    const { dir, trialId } = await closedFolder();
    const { store, repository } = await openRepository(dir);
    await repository.updateTrial(trialId, (trial) => ({ ...trial, name: 'Renamed' }));
    const vendor = await repository.insertVendor(buildVendor({ trialId, name: 'Later vendor' }));
    // As after a crash: db.json untouched, the changes only in the journal.
    const copy = await dataFolder();
    await cp(dir, copy, { recursive: true, filter: (source) => !source.endsWith('db.lock') });
    await store.close();

    const loaded = await loadDataFolder(nodeFileSystem, copy);
    expect(loaded?.checked).toBe('fingerprint');
    expect(loaded?.replayed).toBe(2);
    expect(loaded?.database.trials[0]?.name).toBe('Renamed');
    expect(loaded?.database.vendors.map((kept) => kept.name)).toContain(vendor.name);
    const reopened = await openRepository(copy);
    await reopened.store.close();
    expect((await loadDataFolder(nodeFileSystem, copy))?.database).toEqual(await fullyChecked(copy));
  });
});

describe('what the store vouches for when it writes db.json', () => {
  it.each([
    ['its schema refuses', { weights: { responsiveness: 1, resolution: 1, escalation: 0, commitment: 0 } }],
    ['its schema reads back changed (an unknown field dropped)', { extra: 'not in the schema' }],
  ])(
    'when a command put a trial %s, then db.json is written without a fingerprint and the next start checks it in full',
    async (_case, overrides) => {
      const dir = await dataFolder();
      const store = await Store.open(dir);
      const trial = { ...buildTrial(), ...overrides };
      await store.commit(() => ({ change: { put: { trials: [trial] } }, result: undefined }));
      await store.close();

      expect(await headerOf(dir)).not.toHaveProperty('sha256');
      const opening = loadDataFolder(nodeFileSystem, dir);
      if ('weights' in overrides) {
        await expect(opening).rejects.toThrow(/db\.json: invalid data at trials\.0\.weights/);
      } else {
        const loaded = await opening;
        expect(loaded?.checked).toBe('full');
        expect(loaded?.database.trials[0]).not.toHaveProperty('extra');
      }
    },
  );

  it('when the record that kept db.json from a fingerprint is replaced, then the next write vouches for it again', async () => {
    const dir = await dataFolder();
    const store = await Store.open(dir);
    const trial = buildTrial();
    await store.commit(() => ({ change: { put: { trials: [{ ...trial, extra: 1 }] } }, result: undefined }));
    await store.commit(() => ({ change: { put: { trials: [trial] } }, result: undefined }));
    await store.close();

    expect((await loadDataFolder(nodeFileSystem, dir))?.checked).toBe('fingerprint');
  });

  it.each([
    ['trials', buildTrial()],
    ['vendors', buildVendor()],
    ['probes', buildProbe()],
  ] as const)(
    'when the app builds a record of %s, then the schema takes it exactly as stored',
    (collection, record) => {
      expect(storedRecordProblem(collection, record)).toBeNull();
    },
  );
});
