/**
 * Property: whatever sequence of changes, disk faults and restarts happens, the data the
 * running store shows is exactly the acknowledged changes, a restart shows the same, and
 * the audit log counts 1..n with one entry per acknowledged change.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { WriteRefusedError } from '../../src/storage/errors.js';
import { createRepository, type Repository } from '../../src/storage/repository.js';
import { Store } from '../../src/storage/store.js';
import { TrialSchema, VendorSchema } from '../../src/domain/schemas.js';
import { buildTrial, buildVendor } from '../factories.js';
import { FaultyDisk } from './faultyDisk.js';
import { dataFolder } from './folders.js';

type Step =
  | { kind: 'create'; name: string }
  | { kind: 'rename'; pick: number; name: string }
  | { kind: 'delete'; pick: number }
  | { kind: 'vendor'; pick: number; name: string }
  | { kind: 'together'; names: string[] }
  | { kind: 'fault'; fault: 'full' | 'sync' | 'truncate' | 'rename' | 'short'; bytes: number }
  | { kind: 'heal' }
  | { kind: 'restart' };

/** Names a trial and a vendor accept (not blank, no control characters). */
const name = fc
  .oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('声浪云', 'NimbusRTC', '"quoted"'))
  .filter(
    (candidate) =>
      TrialSchema.shape.name.safeParse(candidate).success &&
      VendorSchema.shape.name.safeParse(candidate).success,
  );
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), name }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('vendor' as const), pick: fc.nat(), name }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('together' as const),
      names: fc.array(name, { minLength: 2, maxLength: 5 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fault' as const),
      fault: fc.constantFrom<'full' | 'sync' | 'truncate' | 'rename' | 'short'>(
        'full',
        'sync',
        'truncate',
        'rename',
        'short',
      ),
      bytes: fc.integer({ min: 0, max: 600 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'heal' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

interface Model {
  trials: Map<string, string>;
  vendors: Map<string, string>;
  /** Audit entries the acknowledged changes wrote. */
  audited: number;
}

/** The data as the repository shows it, in the model's shape. */
async function shown(repository: Repository) {
  const trials = await repository.listTrials();
  const vendors = (await Promise.all(trials.map((trial) => repository.listVendors(trial.id)))).flat();
  return {
    trials: new Map(trials.map((trial) => [trial.id, trial.name])),
    vendors: new Map(vendors.map((vendor) => [vendor.id, vendor.trialId])),
  };
}

/** Runs a change; the model follows only when it was acknowledged. A refusal must be the store's. */
async function attempt(work: () => Promise<unknown>, onAcknowledged: () => void): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof WriteRefusedError)) throw error;
    return;
  }
  onAcknowledged();
}

describe('storage properties', () => {
  it('when any sequence of changes, disk faults and restarts runs, then the store shows exactly the acknowledged changes, before and after each restart', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const dir = await dataFolder();
        const disk = new FaultyDisk();
        const options = { files: disk, compactAfterBytes: 2_000 };
        let store = await Store.open(dir, options);
        let repository = createRepository(store);
        const model: Model = { trials: new Map(), vendors: new Map(), audited: 0 };
        const pickTrial = (pick: number) => [...model.trials.keys()][pick % Math.max(1, model.trials.size)];
        try {
          for (const current of steps) {
            switch (current.kind) {
              case 'create': {
                const trial = buildTrial({ name: current.name });
                await attempt(
                  () => repository.insertTrial(trial),
                  () => {
                    model.trials.set(trial.id, trial.name);
                    model.audited++;
                  },
                );
                break;
              }
              case 'together': {
                const trials = current.names.map((trialName) => buildTrial({ name: trialName }));
                await Promise.all(
                  trials.map((trial) =>
                    attempt(
                      () => repository.insertTrial(trial),
                      () => {
                        model.trials.set(trial.id, trial.name);
                        model.audited++;
                      },
                    ),
                  ),
                );
                break;
              }
              case 'rename': {
                const id = pickTrial(current.pick);
                if (id === undefined) break;
                // As the use cases do: the record passes its schema (which trims the name) before it is stored.
                const renamed = TrialSchema.shape.name.parse(current.name);
                const changes = model.trials.get(id) !== renamed;
                await attempt(
                  () => repository.updateTrial(id, (trial) => ({ ...trial, name: renamed })),
                  () => {
                    model.trials.set(id, renamed);
                    if (changes) model.audited++;
                  },
                );
                break;
              }
              case 'delete': {
                const id = pickTrial(current.pick);
                if (id === undefined) break;
                await attempt(
                  () => repository.deleteTrial(id),
                  () => {
                    model.trials.delete(id);
                    for (const [vendorId, trialId] of model.vendors)
                      if (trialId === id) model.vendors.delete(vendorId);
                    model.audited++;
                  },
                );
                break;
              }
              case 'vendor': {
                const trialId = pickTrial(current.pick);
                if (trialId === undefined) break;
                const vendor = buildVendor({ trialId, name: current.name });
                await attempt(
                  () => repository.insertVendor(vendor),
                  () => {
                    model.vendors.set(vendor.id, trialId);
                    model.audited++;
                  },
                );
                break;
              }
              case 'fault':
                if (current.fault === 'full') disk.spaceLeft = current.bytes;
                else if (current.fault === 'short') disk.shortWrites = true;
                else disk.fail(current.fault, { times: 1 + (current.bytes % 3) });
                break;
              case 'heal':
                disk.heal();
                break;
              case 'restart':
                // A stop once the disk works again (a stop under faults has tests of its own).
                disk.heal();
                await store.close();
                store = await Store.open(dir, options);
                repository = createRepository(store);
                break;
            }
            const now = await shown(repository);
            expect(now.trials).toEqual(model.trials);
            expect(now.vendors).toEqual(model.vendors);
          }
          disk.heal();
          await store.close();
          const onDisk = await inspectDataFolder(dir);
          expect(new Map(onDisk?.database.trials.map((trial) => [trial.id, trial.name]))).toEqual(
            model.trials,
          );
          expect(onDisk?.audit.map((entry) => entry.seq)).toEqual(
            Array.from({ length: model.audited }, (_, index) => index + 1),
          );
        } finally {
          await store.close();
        }
      }),
      { numRuns: 150 },
    );
    errors.mockRestore();
  }, 120_000);
});
