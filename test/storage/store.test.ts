import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../src/domain/database.js';
import { StorageError } from '../../src/storage/errors.js';
import { createRepository } from '../../src/storage/repository.js';
import { Store } from '../../src/storage/store.js';
import { buildProbe, buildTrial, buildVendor } from '../factories.js';

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'sla-probe-store-'));
}

async function readDbFile(dir: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8')) as unknown;
}

describe('Store on real files', () => {
  it('when opened on an empty folder, then an empty versioned db.json is written to disk', async () => {
    const dir = await tempDir();
    await Store.open(dir);
    expect(await readDbFile(dir)).toEqual(emptyDatabase());
    expect(emptyDatabase()).toMatchObject({ version: 2, trials: [], users: [], audit: [] });
  });

  it('when a trial is saved, then it is in the file and a new store on the same folder reads it back', async () => {
    const dir = await tempDir();
    const trial = buildTrial({ name: '音视频 SDK 选型' });
    const store = await Store.open(dir);
    await createRepository(store).insertTrial(trial);

    // Acknowledged means on disk: in the journal now, folded into db.json when the store closes.
    expect(await readFile(path.join(dir, 'db.journal'), 'utf8')).toContain('音视频 SDK 选型');
    const reopened = createRepository(await Store.open(dir));
    expect(await reopened.getTrial(trial.id)).toEqual(trial);
    await store.close();
    expect(await readDbFile(dir)).toMatchObject({ trials: [{ id: trial.id, name: '音视频 SDK 选型' }] });
  });

  it('when 50 changes are made at once, then every one of them reaches the file', async () => {
    const dir = await tempDir();
    const repository = createRepository(await Store.open(dir));
    const trials = Array.from({ length: 50 }, (_, index) => buildTrial({ name: `Trial ${index}` }));
    await Promise.all(trials.map((trial) => repository.insertTrial(trial)));
    await (await Store.open(dir)).close();

    const onDisk = (await readDbFile(dir)) as { trials: { id: string }[] };
    expect(onDisk.trials.map((trial) => trial.id).sort()).toEqual(trials.map((trial) => trial.id).sort());
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
      const dir = await tempDir();
      const file = path.join(dir, 'db.json');
      await writeFile(file, content);

      const opening = Store.open(dir);

      await expect(opening).rejects.toBeInstanceOf(StorageError);
      await expect(opening).rejects.toThrow(message);
      await expect(opening).rejects.toThrow(file);
      expect(await readFile(file, 'utf8')).toBe(content);
    },
  );
});

describe('Repository', () => {
  async function repositoryWithTrial() {
    const repository = createRepository(await Store.open(await tempDir()));
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

  it('when an update function throws, then nothing changes', async () => {
    const { repository, probe } = await repositoryWithTrial();
    await expect(
      repository.updateProbe(probe.id, () => {
        throw new Error('rejected');
      }),
    ).rejects.toThrow('rejected');
    expect(await repository.getProbe(probe.id)).toEqual(probe);
  });

  it('when a trial whose ids exist is imported, then it is refused and nothing is added', async () => {
    const { repository, trial } = await repositoryWithTrial();
    const exported = await repository.getTrialData(trial.id);
    if (!exported) throw new Error('trial missing');
    expect(await repository.importTrial(exported)).toBe(false);
    expect(await repository.listTrials()).toHaveLength(1);
  });
});
