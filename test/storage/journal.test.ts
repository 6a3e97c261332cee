import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { StorageError } from '../../src/storage/errors.js';
import { DamagedJournalError, parseJournal } from '../../src/storage/journal.js';
import { Store } from '../../src/storage/store.js';
import { buildProbe, buildTrial, buildVendor } from '../factories.js';
import { dataFolder, openRepository, openStore } from './folders.js';

const HEADER = '{"journal":1,"generation":"g1"}\n';
const BATCH = '{"changes":[{"put":{"trials":[]}}]}\n';

describe('parseJournal', () => {
  it.each([
    ['an empty file', '', { generation: null, legacy: false, changes: 0, torn: false }],
    [
      'a header alone',
      HEADER,
      { generation: 'g1', legacy: false, fingerprint: null, changes: 0, torn: false },
    ],
    [
      'a header with the fingerprint of its db.json',
      '{"journal":1,"generation":"g1","sha256":"ab","schema":"cd"}\n',
      { generation: 'g1', fingerprint: { sha256: 'ab', schema: 'cd' }, changes: 0 },
    ],
    ['a header and two batches', HEADER + BATCH + BATCH, { generation: 'g1', changes: 2, torn: false }],
    ['a cut-short last line', `${HEADER}${BATCH}{"changes":[{"put":{"tri`, { changes: 1, torn: true }],
    ['a last line that is not a batch', `${HEADER}${BATCH}123\n`, { changes: 1, torn: true }],
    ['a header cut short', '{"journal":1,"gene', { generation: null, legacy: false, changes: 0, torn: true }],
    [
      'a journal from before headers',
      '{"upsert":{"trials":[]}}\n{"delete":{"trials":["t"]}}\n',
      { legacy: true, changes: 2 },
    ],
  ])('when the journal holds %s, then it reads as expected', (_case, text, expected) => {
    const parsed = parseJournal(Buffer.from(text));
    expect({ ...parsed, changes: parsed.changes.length }).toMatchObject(expected);
  });

  it('when the last line is cut short, then the good length ends right before it, in bytes', () => {
    const text = `${HEADER}{"changes":[{"put":{"trials":[{"name":"音视频"}]}}]}\n{"changes":[`;
    const { goodLength } = parseJournal(Buffer.from(text));
    expect(goodLength).toBe(Buffer.byteLength(text) - Buffer.byteLength('{"changes":['));
  });

  it.each([
    ['not JSON', `${HEADER}not json\n${BATCH}`, 2],
    ['a line that is not a batch', `${HEADER}[1,2]\n${BATCH}`, 2],
    ['a damaged legacy line', '{"upsert":{}}\n{"upse\n{"upsert":{}}\n', 2],
  ])('when a line in the middle is %s, then the journal is damaged at that line', (_case, text, line) => {
    expect(() => parseJournal(Buffer.from(text))).toThrow(new DamagedJournalError(line));
  });
});

describe('the journal on disk', () => {
  it('when changes are acknowledged, then the next start replays them and folds them into db.json with their audit entries', async () => {
    const dir = await dataFolder();
    const { store, repository } = await openRepository(dir);
    const trial = await repository.insertTrial(buildTrial());
    const vendor = await repository.insertVendor(buildVendor({ trialId: trial.id }));
    await repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: vendor.id }));
    await repository.deleteVendor(vendor.id);
    const journal = await readFile(path.join(dir, 'db.journal'), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(5);

    // As after a crash now: the journal is all the next start has of these changes.
    await store.close();
    const next = await openRepository(dir);

    expect((await next.repository.listTrials()).map((t) => t.id)).toEqual([trial.id]);
    expect(await next.repository.listVendors(trial.id)).toEqual([]);
    expect((await next.repository.listAudit({ limit: 10 })).entries.map((entry) => entry.seq)).toEqual([
      4, 3, 2, 1,
    ]);
    expect(await readFile(path.join(dir, 'audit', 'audit-000001.jsonl'), 'utf8')).toContain(vendor.id);
  });

  it('when a crash cut the journal’s last line short, then the folder opens with everything before it and the next write starts a clean line', async () => {
    const dir = await dataFolder();
    const first = await openRepository(dir);
    const trial = await first.repository.insertTrial(buildTrial({ name: 'kept' }));
    const journal = await readFile(path.join(dir, 'db.journal'));
    await first.store.close();
    // The journal as a crash after a half-written append leaves it, beside the db.json it extends.
    await writeFile(
      path.join(dir, 'db.journal'),
      Buffer.concat([journal, Buffer.from('{"changes":[{"put":{"tri')]),
    );
    await writeFile(path.join(dir, 'db.json'), await folderDbOf(journal, dir));

    const second = await openRepository(dir);
    expect((await second.repository.listTrials()).map((t) => t.name)).toEqual(['kept']);
    await second.repository.updateTrial(trial.id, (current) => ({ ...current, name: 'renamed' }));
    expect((await inspectDataFolder(dir))?.database.trials.map((t) => t.name)).toEqual(['renamed']);
  });

  it('when a line in the middle of the journal is damaged, then start-up stops naming the journal, not db.json, and nothing is written', async () => {
    const dir = await dataFolder();
    await (await Store.open(dir)).close();
    const header = (await readFile(path.join(dir, 'db.journal'), 'utf8')).split('\n')[0] ?? '';
    const damaged = `${header}\n${BATCH}not json\n${BATCH}`;
    await writeFile(path.join(dir, 'db.journal'), damaged);
    const dbBefore = await readFile(path.join(dir, 'db.json'), 'utf8');

    const opening = Store.open(dir);

    await expect(opening).rejects.toBeInstanceOf(StorageError);
    await expect(opening).rejects.toThrow(/db\.journal: damaged at line 3/);
    await expect(opening).rejects.not.toThrow(/db\.json:/);
    expect(await readFile(path.join(dir, 'db.journal'), 'utf8')).toBe(damaged);
    expect(await readFile(path.join(dir, 'db.json'), 'utf8')).toBe(dbBefore);
  });

  it('when the journal belongs to another db.json (another generation), then start-up refuses naming it and replays nothing', async () => {
    const [one, other] = [await dataFolder(), await dataFolder()];
    const first = await openRepository(one);
    await first.repository.insertTrial(buildTrial({ name: 'from the other folder' }));
    await first.store.close();
    await (await Store.open(other)).close();
    await writeFile(path.join(other, 'db.journal'), await readFile(path.join(one, 'db.journal')));

    await expect(Store.open(other)).rejects.toThrow(/db\.journal: does not belong to .*db\.json/);
  });

  it('when a fold replaced db.json but a crash left the old journal, then that journal is known to be folded in and removed', async () => {
    const dir = await dataFolder();
    const { store, repository } = await openRepository(dir);
    const trial = await repository.insertTrial(buildTrial({ name: 'First' }));
    await repository.updateTrial(trial.id, (current) => ({ ...current, name: 'Second' }));
    const oldJournal = await readFile(path.join(dir, 'db.journal'));
    await store.close();
    const folded = await readFile(path.join(dir, 'db.json'), 'utf8');
    await writeFile(path.join(dir, 'db.journal'), oldJournal);

    const reopened = await openRepository(dir);

    expect((await reopened.repository.getTrial(trial.id))?.name).toBe('Second');
    expect((await reopened.repository.listAudit({ limit: 10 })).total).toBe(2);
    expect(JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8'))).toMatchObject({
      replaces: (JSON.parse(folded) as { generation: string }).generation,
    });
  });

  it('when a crash left the next journal under its temporary name, then the start finds it by its generation and loses nothing', async () => {
    const dir = await dataFolder();
    const first = await openRepository(dir);
    await first.repository.insertTrial(buildTrial({ name: 'before' }));
    await first.store.close();
    const second = await openRepository(dir);
    await second.repository.insertTrial(buildTrial({ name: 'after' }));
    const journal = await readFile(path.join(dir, 'db.journal'));
    await second.store.close();
    // db.json of generation G, G's journal still named db.journal.next, and the folded journal it replaces.
    await writeFile(path.join(dir, 'db.json'), await folderDbOf(journal, dir, 'folded'));
    await writeFile(path.join(dir, 'db.journal.next'), journal);
    await writeFile(path.join(dir, 'db.journal'), `{"journal":1,"generation":"folded"}\n${BATCH}`);

    const reopened = await openStore(dir);

    expect(
      reopened.view
        .all('trials')
        .map((t) => t.name)
        .sort(),
    ).toEqual(['after', 'before']);
    expect(await readdir(dir)).not.toContain('db.journal.next');
  });
});

/**
 * The db.json that a journal extends: the folder's current data rolled back to the journal's
 * generation, i.e. the current file with that generation named and the journal's records removed.
 */
async function folderDbOf(journal: Buffer, dir: string, replaces: string | null = null): Promise<string> {
  const { generation } = parseJournal(journal);
  const current = JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8')) as Record<string, unknown[]>;
  const { changes } = parseJournal(journal);
  const put = new Set(changes.flatMap((change) => (change.put?.trials ?? []).map((trial) => trial['id'])));
  const seqs = changes.flatMap((change) => change.audit ?? []).length;
  return JSON.stringify({
    ...current,
    generation,
    replaces,
    auditSeq: Number(current['auditSeq']) - seqs,
    trials: (current['trials'] ?? []).filter((trial) => !put.has((trial as { id: string }).id)),
  });
}
