import type { Database } from '../domain/database.js';
import type { Probe, Scenario, Trial, TrialExport, Vendor } from '../domain/schemas.js';
import type { AccountRepository } from './accountRepository.js';
import { accountRepository } from './accountRepository.js';
import { appendAudit, type AuditRecord } from './auditTrail.js';
import type { Store } from './store.js';

/**
 * Everything the application reads and writes, as plain records. Updates take a function
 * from the current record to the next one and run it inside the single write path, so a
 * read-modify-write never loses a concurrent change. Any other storage (PostgreSQL, say)
 * implements this interface and nothing above it changes.
 */
export interface Repository extends AccountRepository {
  /** Grows with every change of trial data; derived results computed at one revision can be reused. */
  revision(): number;
  listTrials(): Promise<Trial[]>;
  getTrial(trialId: string): Promise<Trial | undefined>;
  insertTrial(trial: Trial): Promise<Trial>;
  updateTrial(trialId: string, next: (trial: Trial) => Trial): Promise<Trial | undefined>;
  /** Deletes the trial with its vendors, scenarios and probes. */
  deleteTrial(trialId: string): Promise<boolean>;
  getTrialData(trialId: string): Promise<TrialExport | undefined>;
  /** Inserts a whole trial; false (and nothing written) when its id is taken. */
  importTrial(trial: TrialExport): Promise<boolean>;

  listVendors(trialId: string): Promise<Vendor[]>;
  getVendor(vendorId: string): Promise<Vendor | undefined>;
  insertVendor(vendor: Vendor): Promise<Vendor>;
  updateVendor(vendorId: string, next: (vendor: Vendor) => Vendor): Promise<Vendor | undefined>;
  /** Deletes the vendor and its probes. */
  deleteVendor(vendorId: string): Promise<boolean>;

  listScenarios(trialId: string): Promise<Scenario[]>;
  getScenario(scenarioId: string): Promise<Scenario | undefined>;
  insertScenario(scenario: Scenario): Promise<Scenario>;

  listProbes(trialId: string, filter?: { vendorId?: string }): Promise<Probe[]>;
  getProbe(probeId: string): Promise<Probe | undefined>;
  insertProbe(probe: Probe): Promise<Probe>;
  updateProbe(probeId: string, next: (probe: Probe) => Probe): Promise<Probe | undefined>;
  deleteProbe(probeId: string): Promise<boolean>;
}

type Collection = 'trials' | 'vendors' | 'scenarios' | 'probes';

function replaceById<K extends Collection>(
  data: Database,
  collection: K,
  id: string,
  next: (record: Database[K][number]) => Database[K][number],
): Database[K][number] | undefined {
  const records = data[collection] as Database[K][number][];
  const index = records.findIndex((record) => record.id === id);
  const current = records[index];
  if (current === undefined) return undefined;
  const updated = next(current);
  records[index] = updated;
  return updated;
}

const ENTITY = { trials: 'trial', vendors: 'vendor', scenarios: 'scenario', probes: 'probe' } as const;

function labelOf(record: Trial | Vendor | Scenario | Probe): string {
  return 'name' in record ? record.name : record.title;
}

export interface RepositoryOptions {
  /** The clock for audit entries. */
  now?: () => Date;
}

/**
 * The repository over a Store. Every change appends its audit entry (who, when, what,
 * before → after) in the same write, under the actor of the current request.
 */
export function createRepository(
  store: Store,
  { now = () => new Date() }: RepositoryOptions = {},
): Repository {
  const find = <K extends Collection>(collection: K, id: string) =>
    store.read((data) => (data[collection] as Database[K][number][]).find((record) => record.id === id));
  const audit = (data: Database, record: AuditRecord) => {
    appendAudit(data, now(), record);
  };

  const insert = <K extends Collection>(collection: K, record: Database[K][number]) =>
    store.mutate((data) => {
      (data[collection] as Database[K][number][]).push(record);
      audit(data, {
        action: 'create',
        entity: ENTITY[collection],
        entityId: record.id,
        trialId: 'trialId' in record ? record.trialId : record.id,
        label: labelOf(record),
        after: record,
      });
      return record;
    });

  const update = <K extends Collection>(
    collection: K,
    id: string,
    next: (record: Database[K][number]) => Database[K][number],
  ) =>
    store.mutate((data) => {
      const before = find(collection, id);
      const updated = replaceById(data, collection, id, next);
      if (before && updated && before !== updated) {
        audit(data, {
          action: 'update',
          entity: ENTITY[collection],
          entityId: id,
          trialId: 'trialId' in updated ? updated.trialId : updated.id,
          label: labelOf(updated),
          before,
          after: updated,
        });
      }
      return updated;
    });

  const recordDeletion = (data: Database, collection: Collection, record: Trial | Vendor | Probe) => {
    audit(data, {
      action: 'delete',
      entity: ENTITY[collection],
      entityId: record.id,
      trialId: 'trialId' in record ? record.trialId : record.id,
      label: labelOf(record),
      before: record,
    });
  };

  return {
    ...accountRepository(store, audit),
    revision: () => store.dataRevision,
    listTrials: () => Promise.resolve(store.read((data) => [...data.trials])),
    getTrial: (trialId) => Promise.resolve(find('trials', trialId)),
    insertTrial: (trial) => insert('trials', trial),
    updateTrial: (trialId, next) => update('trials', trialId, next),
    deleteTrial: (trialId) =>
      store.mutate((data) => {
        const before = data.trials.length;
        const trial = data.trials.find((candidate) => candidate.id === trialId);
        if (trial) recordDeletion(data, 'trials', trial);
        data.trials = data.trials.filter((trial) => trial.id !== trialId);
        data.vendors = data.vendors.filter((vendor) => vendor.trialId !== trialId);
        data.scenarios = data.scenarios.filter((scenario) => scenario.trialId !== trialId);
        data.probes = data.probes.filter((probe) => probe.trialId !== trialId);
        return data.trials.length < before;
      }),
    getTrialData: (trialId) =>
      Promise.resolve(
        store.read((data) => {
          const trial = data.trials.find((candidate) => candidate.id === trialId);
          if (!trial) return undefined;
          return {
            format: 'sla-probe-trial/1' as const,
            trial,
            vendors: data.vendors.filter((vendor) => vendor.trialId === trialId),
            scenarios: data.scenarios.filter((scenario) => scenario.trialId === trialId),
            probes: data.probes.filter((probe) => probe.trialId === trialId),
          };
        }),
      ),
    importTrial: (exported) =>
      store.mutate((data) => {
        const ids = new Set([
          ...data.trials.map((t) => t.id),
          ...data.vendors.map((v) => v.id),
          ...data.scenarios.map((s) => s.id),
          ...data.probes.map((p) => p.id),
        ]);
        const incoming = [exported.trial, ...exported.vendors, ...exported.scenarios, ...exported.probes];
        if (incoming.some((record) => ids.has(record.id))) return false;
        data.trials.push(exported.trial);
        data.vendors.push(...exported.vendors);
        data.scenarios.push(...exported.scenarios);
        data.probes.push(...exported.probes);
        audit(data, {
          action: 'create',
          entity: 'trial',
          entityId: exported.trial.id,
          trialId: exported.trial.id,
          label: exported.trial.name,
          after: {
            ...exported.trial,
            imported: {
              vendors: exported.vendors.length,
              scenarios: exported.scenarios.length,
              probes: exported.probes.length,
            },
          },
        });
        return true;
      }),

    listVendors: (trialId) =>
      Promise.resolve(store.read((data) => data.vendors.filter((vendor) => vendor.trialId === trialId))),
    getVendor: (vendorId) => Promise.resolve(find('vendors', vendorId)),
    insertVendor: (vendor) => insert('vendors', vendor),
    updateVendor: (vendorId, next) => update('vendors', vendorId, next),
    deleteVendor: (vendorId) =>
      store.mutate((data) => {
        const before = data.vendors.length;
        const vendor = data.vendors.find((candidate) => candidate.id === vendorId);
        if (vendor) recordDeletion(data, 'vendors', vendor);
        data.vendors = data.vendors.filter((vendor) => vendor.id !== vendorId);
        data.probes = data.probes.filter((probe) => probe.vendorId !== vendorId);
        return data.vendors.length < before;
      }),

    listScenarios: (trialId) =>
      Promise.resolve(
        store.read((data) => data.scenarios.filter((scenario) => scenario.trialId === trialId)),
      ),
    getScenario: (scenarioId) => Promise.resolve(find('scenarios', scenarioId)),
    insertScenario: (scenario) => insert('scenarios', scenario),

    listProbes: (trialId, filter = {}) =>
      Promise.resolve(
        store.read((data) =>
          data.probes.filter(
            (probe) =>
              probe.trialId === trialId &&
              (filter.vendorId === undefined || probe.vendorId === filter.vendorId),
          ),
        ),
      ),
    getProbe: (probeId) => Promise.resolve(find('probes', probeId)),
    insertProbe: (probe) => insert('probes', probe),
    updateProbe: (probeId, next) => update('probes', probeId, next),
    deleteProbe: (probeId) =>
      store.mutate((data) => {
        const before = data.probes.length;
        const probe = data.probes.find((candidate) => candidate.id === probeId);
        if (probe) recordDeletion(data, 'probes', probe);
        data.probes = data.probes.filter((probe) => probe.id !== probeId);
        return data.probes.length < before;
      }),
  };
}
