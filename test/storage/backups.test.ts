import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backups, scheduleBackups } from '../../src/storage/backups.js';
import { writeFileDurably } from '../../src/storage/durableFile.js';
import { nodeFileSystem } from '../../src/storage/fileSystem.js';
import { buildTrial } from '../factories.js';
import { dataFolder as tempDir, openRepository } from './folders.js';

const EMPTY = '{"version":1,"trials":[],"vendors":[],"scenarios":[],"probes":[]}';

describe('durable writes', () => {
  it('when a file is replaced, then it holds the new content and no temporary file is left behind', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'db.json');
    await writeFile(file, 'old');

    await writeFileDurably(nodeFileSystem, file, 'new content');

    expect(await readFile(file, 'utf8')).toBe('new content');
    expect(await readdir(dir)).toEqual(['db.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('Backups', () => {
  it('when more copies are taken than kept, then only the newest remain, newest first', async () => {
    const backups = new Backups(await tempDir(), 2);
    for (const minute of [1, 2, 3]) {
      await backups.take(`${EMPTY} `.repeat(minute), new Date(Date.UTC(2026, 10, 21, 10, minute)));
    }

    const files = await backups.list();

    expect(files.map((file) => path.basename(file))).toEqual([
      'db-20261121T100300000Z.json',
      'db-20261121T100200000Z.json',
    ]);
  });

  it('when the newest copy is damaged, then the newest valid one is named for the restore', async () => {
    const backups = new Backups(await tempDir(), 10);
    const good = await backups.take(EMPTY, new Date(Date.UTC(2026, 10, 21, 9)));
    await backups.take('{"version": 1, "trials": [', new Date(Date.UTC(2026, 10, 21, 10)));

    expect(await backups.newestValid()).toBe(good);
  });

  it('when there are no backups, then there is nothing to name', async () => {
    expect(await new Backups(await tempDir(), 3).newestValid()).toBeNull();
  });
});

describe('scheduleBackups', () => {
  it('when the data changed since the last copy, then a copy is taken; when it did not, none is', async () => {
    const dir = await tempDir();
    const { store, repository } = await openRepository(dir);
    const schedule = scheduleBackups(store, new Backups(dir, 5), 3_600_000);
    expect(await schedule.backupIfChanged()).toBeNull();

    const trial = buildTrial({ name: '备份测试' });
    await repository.insertTrial(trial);
    const copy = await schedule.backupIfChanged();

    expect(copy).not.toBeNull();
    expect(JSON.parse(await readFile(copy ?? '', 'utf8'))).toMatchObject({
      trials: [{ id: trial.id, name: '备份测试' }],
    });
    expect(await schedule.backupIfChanged()).toBeNull();
    await schedule.stop();
    expect(await new Backups(dir, 5).list()).toHaveLength(1);
  });
});
