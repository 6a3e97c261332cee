import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../src/domain/database.js';
import { StorageError } from '../../src/storage/errors.js';
import { changesSince, parseJournal, replay, snapshotOf } from '../../src/storage/journal.js';
import { createRepository } from '../../src/storage/repository.js';
import { Store } from '../../src/storage/store.js';
import { buildProbe, buildTrial, buildVendor } from '../factories.js';

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'sla-probe-journal-'));
}

describe('changesSince and replay', () => {
  it('when records are pushed, replaced and filtered out, then replaying the entry over the old data gives the new data', () => {
    const data = emptyDatabase();
    const [a, b, c] = [buildTrial({ name: 'A' }), buildTrial({ name: 'B' }), buildTrial({ name: 'C' })];
    data.trials.push(a, b);
    const old = structuredClone(data);

    const before = snapshotOf(data);
    data.trials[0] = { ...a, name: 'A2' };
    data.trials.push(c);
    const afterPush = changesSince(before, data);
    const beforeFilter = snapshotOf(data);
    data.trials = data.trials.filter((trial) => trial.id !== b.id);
    const afterFilter = changesSince(beforeFilter, data);

    expect(afterPush).toEqual({ upsert: { trials: [{ ...a, name: 'A2' }, c] } });
    expect(afterFilter).toEqual({ delete: { trials: [b.id] } });
    const replayed = structuredClone(old) as unknown as Record<string, unknown>;
    replay(replayed, [afterPush ?? {}, afterFilter ?? {}]);
    expect(replayed).toEqual(structuredClone(data));
  });

  it('when nothing changed, then there is no entry', () => {
    const data = emptyDatabase();
    data.trials.push(buildTrial());
    expect(changesSince(snapshotOf(data), data)).toBeNull();
  });

  it('when a journal is replayed twice, then the result is the same as once', () => {
    const trial = buildTrial();
    const entries = [
      { upsert: { trials: [trial] } },
      { upsert: { trials: [{ ...trial, name: 'Renamed' }] } },
    ];
    const once = { ...emptyDatabase() } as unknown as Record<string, unknown>;
    replay(once, entries);
    const twice = structuredClone(once);
    replay(twice, entries);
    expect(twice).toEqual(once);
    expect(once['trials']).toEqual([{ ...trial, name: 'Renamed' }]);
  });

  it.each([
    ['a cut-short last line', '{"upsert":{}}\n{"upsert":{"tri', 1, null],
    ['a damaged line in the middle', '{"upsert":{}}\n{"upse\n{"upsert":{}}\n', 1, 2],
    ['an empty journal', '', 0, null],
  ])('when the journal has %s, then it reads %i entries (damaged line %s)', (_case, text, count, damaged) => {
    const { entries, damagedLine } = parseJournal(text);
    expect(entries).toHaveLength(count);
    expect(damagedLine).toBe(damaged);
  });
});

describe('the journal on disk', () => {
  it('when changes are acknowledged, then they are in db.journal, and the next open folds them into db.json and removes it', async () => {
    const dir = await tempDir();
    const store = await Store.open(dir);
    const repository = createRepository(store);
    const trial = await repository.insertTrial(buildTrial());
    const vendor = await repository.insertVendor(buildVendor({ trialId: trial.id }));
    await repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: vendor.id }));
    await repository.deleteVendor(vendor.id);

    const journal = await readFile(path.join(dir, 'db.journal'), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(4);
    // The same as a crash now: the next start replays the journal.
    const reopened = await Store.open(dir);
    await reopened.close();
    const onDisk = JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8')) as ReturnType<
      typeof emptyDatabase
    >;
    expect(onDisk.trials.map((t) => t.id)).toEqual([trial.id]);
    expect(onDisk.vendors).toEqual([]);
    expect(onDisk.probes).toEqual([]);
    expect(onDisk.audit.map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    await expect(readFile(path.join(dir, 'db.journal'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('when a crash cut the journal’s last line short, then the folder still opens with everything before it', async () => {
    const dir = await tempDir();
    const store = await Store.open(dir);
    const trial = await createRepository(store).insertTrial(buildTrial());
    await writeFile(path.join(dir, 'db.journal'), '{"upsert":{"trials":[{"id":"half', { flag: 'a' });

    const reopened = await Store.open(dir);
    expect(reopened.read((data) => data.trials.map((t) => t.id))).toEqual([trial.id]);
    await reopened.close();
  });

  it('when a line in the middle of the journal is damaged, then start-up stops naming the journal and nothing is written', async () => {
    const dir = await tempDir();
    await (await Store.open(dir)).close();
    const damaged = '{"upsert":{}}\nnot json\n{"upsert":{}}\n';
    await writeFile(path.join(dir, 'db.journal'), damaged);
    const dbBefore = await readFile(path.join(dir, 'db.json'), 'utf8');

    const opening = Store.open(dir);

    await expect(opening).rejects.toBeInstanceOf(StorageError);
    await expect(opening).rejects.toThrow(/db\.journal: damaged at line 2/);
    expect(await readFile(path.join(dir, 'db.journal'), 'utf8')).toBe(damaged);
    expect(await readFile(path.join(dir, 'db.json'), 'utf8')).toBe(dbBefore);
  });

  it('when db.json was replaced by a compaction but the journal not yet removed, then replaying it changes nothing', async () => {
    const dir = await tempDir();
    const store = await Store.open(dir);
    const repository = createRepository(store);
    const trial = await repository.insertTrial(buildTrial({ name: 'First' }));
    await repository.updateTrial(trial.id, (current) => ({ ...current, name: 'Second' }));
    const journal = await readFile(path.join(dir, 'db.journal'), 'utf8');
    await store.close();
    const compacted = await readFile(path.join(dir, 'db.json'), 'utf8');
    await writeFile(path.join(dir, 'db.journal'), journal);

    const reopened = await Store.open(dir);
    expect(reopened.snapshot()).toBe(compacted);
    await reopened.close();
  });
});
