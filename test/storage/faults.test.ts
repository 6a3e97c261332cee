/**
 * Every write path of the store driven into the faults a disk produces: a full disk part-way
 * through a write, short writes, a failed fsync, a failed rename or truncate. After each
 * fault: every acknowledged write is there, every refused one is absent (in memory and on
 * disk), nothing half-written is left behind, and the folder starts again.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Backups } from '../../src/storage/backups.js';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { WriteRefusedError } from '../../src/storage/errors.js';
import { parseJournal } from '../../src/storage/journal.js';
import { Store } from '../../src/storage/store.js';
import { buildTrial } from '../factories.js';
import { FaultyDisk } from './faultyDisk.js';
import { dataFolder, openRepository } from './folders.js';

const names = async (dir: string) => (await readdir(dir)).sort();

/** The trial names as the next start would see them, and the audit log's numbers. */
async function onDisk(dir: string) {
  const folder = await inspectDataFolder(dir);
  return {
    trials: (folder?.database.trials ?? []).map((trial) => trial.name),
    seqs: (folder?.audit ?? []).map((entry) => entry.seq),
  };
}

async function setUp(options: { compactAfterBytes?: number } = {}) {
  const disk = new FaultyDisk();
  const dir = await dataFolder();
  const { store, repository } = await openRepository(dir, { files: disk, ...options });
  return { disk, dir, store, repository };
}

const refusedForSpace = { name: 'WriteRefusedError', diskFull: true };

describe('the journal when the disk fails', () => {
  it('when the disk fills part-way through a change, then it is refused, invisible, cut from the journal, and writes resume once space returns', async () => {
    const { disk, dir, repository } = await setUp();
    await repository.insertTrial(buildTrial({ name: 'A' }));
    const journalBefore = await readFile(path.join(dir, 'db.journal'));
    disk.spaceLeft = 40;

    const refused = await Promise.allSettled(
      Array.from({ length: 25 }, (_, index) =>
        repository.insertTrial(buildTrial({ name: `refused ${index}` })),
      ),
    );

    expect(refused.map((result) => result.status)).toEqual(Array(25).fill('rejected'));
    expect(refused[0]).toMatchObject({ reason: refusedForSpace });
    expect((await repository.listTrials()).map((trial) => trial.name)).toEqual(['A']);
    expect(await readFile(path.join(dir, 'db.journal'))).toEqual(journalBefore);

    disk.heal();
    await repository.insertTrial(buildTrial({ name: 'B' }));
    expect(await onDisk(dir)).toEqual({ trials: ['A', 'B'], seqs: [1, 2] });
  });

  it('when every write comes back short, then changes still reach the journal whole', async () => {
    const { disk, dir, repository } = await setUp();
    disk.shortWrites = true;

    for (const name of ['一', '二', '三']) await repository.insertTrial(buildTrial({ name }));

    expect(parseJournal(await readFile(path.join(dir, 'db.journal'))).torn).toBe(false);
    expect(await onDisk(dir)).toEqual({ trials: ['一', '二', '三'], seqs: [1, 2, 3] });
  });

  it('when fsync of the journal fails, then the change is refused (not for space), cut back, and the next one lands', async () => {
    const { disk, dir, repository } = await setUp();
    await repository.insertTrial(buildTrial({ name: 'A' }));
    disk.fail('sync', { file: 'db.journal' });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    await expect(repository.insertTrial(buildTrial({ name: 'refused' }))).rejects.toMatchObject({
      name: 'WriteRefusedError',
      diskFull: false,
    });
    errors.mockRestore();
    await repository.insertTrial(buildTrial({ name: 'B' }));

    expect(await onDisk(dir)).toEqual({ trials: ['A', 'B'], seqs: [1, 2] });
  });

  it('when cutting the journal back fails too, then writes are refused until the cut succeeds, and no refused byte survives', async () => {
    const { disk, dir, repository } = await setUp();
    await repository.insertTrial(buildTrial({ name: 'A' }));
    disk.spaceLeft = 30;
    disk.fail('truncate', { file: 'db.journal', times: 2 });

    await expect(repository.insertTrial(buildTrial({ name: 'refused 1' }))).rejects.toMatchObject(
      refusedForSpace,
    );
    disk.spaceLeft = Number.POSITIVE_INFINITY;
    await expect(repository.insertTrial(buildTrial({ name: 'refused 2' }))).rejects.toBeInstanceOf(
      WriteRefusedError,
    );
    await repository.insertTrial(buildTrial({ name: 'B' }));

    const journal = parseJournal(await readFile(path.join(dir, 'db.journal')));
    expect(journal.torn).toBe(false);
    expect(await onDisk(dir)).toEqual({ trials: ['A', 'B'], seqs: [1, 2] });
  });
});

describe('stopping after a refused change', () => {
  it('when fsync failed and cutting the journal back failed once, then the stop cuts it and the refused change never reaches the next start', async () => {
    const { disk, dir, store, repository } = await setUp();
    await repository.insertTrial(buildTrial({ name: 'A' }));
    disk.fail('sync', { file: 'db.journal' });
    disk.fail('truncate', { file: 'db.journal' });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(repository.insertTrial(buildTrial({ name: 'refused' }))).rejects.toBeInstanceOf(
      WriteRefusedError,
    );
    disk.spaceLeft = 0;

    await store.close();
    errors.mockRestore();

    expect(await onDisk(dir)).toEqual({ trials: ['A'], seqs: [1] });
  });
});

describe('folding the journal into db.json when the disk fails', () => {
  it.each([
    [
      'the disk is full while db.json is rewritten',
      { operation: 'write', file: '.db.json.tmp', code: 'ENOSPC' },
    ],
    ['fsync of the new db.json fails', { operation: 'sync', file: '.db.json.tmp', code: 'EIO' }],
    ['renaming the new db.json into place fails', { operation: 'rename', file: 'db.json', code: 'EIO' }],
    ['the audit files cannot be written', { operation: 'write', file: 'audit-', code: 'ENOSPC' }],
    ['the next journal cannot be created', { operation: 'open', file: 'db.journal.next', code: 'ENOSPC' }],
  ] as const)(
    'when %s, then the change is still acknowledged, nothing temporary is left, and the next start has everything',
    async (_case, { operation, file, code }) => {
      const { disk, dir, store, repository } = await setUp({ compactAfterBytes: 1 });
      const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      disk.fail(operation, { file, code });

      await repository.insertTrial(buildTrial({ name: 'A' }));
      await repository.insertTrial(buildTrial({ name: 'B' }));
      await store.close();
      errors.mockRestore();

      expect(await names(dir)).toEqual(['audit', 'db.journal', 'db.json', 'db.lock']);
      expect(await onDisk(dir)).toEqual({ trials: ['A', 'B'], seqs: [1, 2] });
      const { repository: reopened } = await openRepository(dir);
      expect((await reopened.listTrials()).map((trial) => trial.name)).toEqual(['A', 'B']);
      expect((await reopened.listAudit({ limit: 10 })).total).toBe(2);
    },
  );

  it('when the new journal cannot be renamed into place, then changes go on into it and a start finds them', async () => {
    const { disk, dir, store, repository } = await setUp({ compactAfterBytes: 1 });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    disk.fail('rename', { file: 'db.journal', times: 1 });

    await repository.insertTrial(buildTrial({ name: 'A' }));
    await repository.insertTrial(buildTrial({ name: 'B' }));
    // (A start never runs beside a fold: it waits for the folder's lock.)
    await store.settled();
    errors.mockRestore();

    expect(await onDisk(dir)).toEqual({ trials: ['A', 'B'], seqs: [1, 2] });
  });

  it('when the disk is full as the store closes, then close still releases the folder and the journal keeps every change', async () => {
    const { disk, dir, store, repository } = await setUp();
    await repository.insertTrial(buildTrial({ name: 'A' }));
    disk.spaceLeft = 0;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    await store.close();
    errors.mockRestore();

    expect(await names(dir)).toEqual(['audit', 'db.journal', 'db.json', 'db.lock']);
    const { repository: reopened } = await openRepository(dir);
    expect((await reopened.listTrials()).map((trial) => trial.name)).toEqual(['A']);
  });
});

describe('starting when the disk fails', () => {
  it('when the disk is full at start, then the folder still opens from its journal, serves reads, refuses writes with disk-full, and accepts them once space returns', async () => {
    const first = await setUp();
    await first.repository.insertTrial(buildTrial({ name: 'A' }));
    // Killed: the lock goes with the process; the journal holds A.
    await first.store.close();
    const disk = new FaultyDisk();
    disk.spaceLeft = 0;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const { repository } = await openRepository(first.dir, { files: disk });
    errors.mockRestore();

    expect((await repository.listTrials()).map((trial) => trial.name)).toEqual(['A']);
    await expect(repository.insertTrial(buildTrial({ name: 'refused' }))).rejects.toMatchObject(
      refusedForSpace,
    );
    disk.heal();
    await repository.insertTrial(buildTrial({ name: 'B' }));
    expect(await onDisk(first.dir)).toEqual({ trials: ['A', 'B'], seqs: [1, 2] });
  });

  it('when temporary files of an interrupted write are left, then the start removes them', async () => {
    const dir = await dataFolder();
    await (await Store.open(dir)).close();
    await writeFile(path.join(dir, '.db.json.tmp'), '{"half');
    await writeFile(path.join(dir, '.db.journal.tmp'), 'half');
    await mkdir(path.join(dir, 'backups'));
    await writeFile(path.join(dir, 'backups', '.db-20261121T100000000Z.json.tmp'), '{"half');

    await (await Store.open(dir)).close();

    expect(await names(dir)).toEqual(['audit', 'backups', 'db.journal', 'db.json', 'db.lock']);
    expect(await readdir(path.join(dir, 'backups'))).toEqual([]);
  });

  it('when an older file must be migrated but the disk is full, then start-up refuses, the file is untouched, and a start with space migrates it', async () => {
    const dir = await dataFolder();
    const original = JSON.stringify({
      version: 1,
      trials: [buildTrial({ name: 'v1' })],
      vendors: [],
      scenarios: [],
      probes: [],
    });
    await writeFile(path.join(dir, 'db.json'), original);
    const disk = new FaultyDisk();
    disk.spaceLeft = 10;

    await expect(Store.open(dir, { files: disk })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(path.join(dir, 'db.json'), 'utf8')).toBe(original);
    expect(await readdir(path.join(dir, 'backups'))).toEqual([]);

    disk.heal();
    const { repository } = await openRepository(dir, { files: disk });
    expect((await repository.listTrials()).map((trial) => trial.name)).toEqual(['v1']);
    expect(await readdir(path.join(dir, 'backups'))).toEqual([
      expect.stringMatching(/^db-v1-before-migration-/),
    ]);
  });
});

describe('backups when the disk fails', () => {
  it('when the disk fills during a backup, then it fails, leaves no partial file, and the older copies stay', async () => {
    const dir = await dataFolder();
    const disk = new FaultyDisk();
    const backups = new Backups(dir, 5, disk);
    const { store } = await openRepository(dir);
    const older = await backups.take(store.snapshot(), new Date('2026-11-21T09:00:00Z'));
    disk.spaceLeft = 100;

    await expect(backups.take(store.snapshot(), new Date('2026-11-21T10:00:00Z'))).rejects.toMatchObject({
      code: 'ENOSPC',
    });

    expect(await readdir(path.join(dir, 'backups'))).toEqual([path.basename(older)]);
    expect(await backups.newestValid()).toBe(older);
  });
});
