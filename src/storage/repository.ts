import type { Session } from '../domain/accounts.js';
import type { Delivery } from '../domain/alerting.js';
import type { Collection, IdempotencyRecord } from '../domain/database.js';
import { CloseThroughCloseError, isFrozen, TrialFrozenError, type ReopenStatus } from '../domain/freeze.js';
import type { Probe, Scenario, Trial, TrialExport, Vendor } from '../domain/schemas.js';
import type { AccountRepository } from './accountRepository.js';
import { accountRepository } from './accountRepository.js';
import { alertRepository, type AlertRepository } from './alertRepository.js';
import { isLive, runCommand, type Draft } from './command.js';
import { freshReads, type RecordStore } from './recordStore.js';
import type { Tables, TableView } from './tables.js';

/**
 * Everything the application reads and writes. Records handed out are read-only (frozen);
 * every write is an explicit command that names what it puts and removes and carries its
 * audit entry. Updates take a function from the current record to the next one and run it
 * inside the single write path, so a read-modify-write never loses a concurrent change.
 * Any other storage (PostgreSQL, say) implements this interface and nothing above it changes.
 */
export interface Repository extends AccountRepository, AlertRepository {
  /** Grows with every change of trial data; derived results computed at one revision can be reused. */
  revision(): number;
  listTrials(): Promise<readonly Trial[]>;
  getTrial(trialId: string): Promise<Trial | undefined>;
  insertTrial(trial: Trial): Promise<Trial>;
  updateTrial(trialId: string, next: (trial: Trial) => Trial): Promise<Trial | undefined>;
  /** Deletes the trial with its vendors, scenarios and probes. */
  deleteTrial(trialId: string): Promise<boolean>;
  getTrialData(trialId: string): Promise<TrialExport | undefined>;
  /** Inserts a whole trial; undefined (and nothing written) when one of its ids is taken. */
  importTrial(trial: TrialExport): Promise<Trial | undefined>;
  /**
   * Closes (freezes) a trial: `seal` gets the trial's data as stored inside the write and
   * returns the closed trial with its snapshot. Undefined for an unknown trial; a trial
   * already closed is refused with TrialFrozenError, unless it has no snapshot yet (closed
   * before freezing existed), which it then gets.
   */
  closeTrial(trialId: string, seal: (data: TrialExport) => Trial): Promise<Trial | undefined>;
  /**
   * The one change a frozen trial takes: back to `status`, its snapshot kept. Undefined for an
   * unknown trial, `not_closed` for one that is not closed (nothing written).
   */
  reopenTrial(trialId: string, status: ReopenStatus, at: string): Promise<Trial | 'not_closed' | undefined>;

  listVendors(trialId: string): Promise<readonly Vendor[]>;
  getVendor(vendorId: string): Promise<Vendor | undefined>;
  insertVendor(vendor: Vendor): Promise<Vendor>;
  updateVendor(vendorId: string, next: (vendor: Vendor) => Vendor): Promise<Vendor | undefined>;
  /** Deletes the vendor and its probes. */
  deleteVendor(vendorId: string): Promise<boolean>;

  listScenarios(trialId: string): Promise<readonly Scenario[]>;
  getScenario(scenarioId: string): Promise<Scenario | undefined>;
  insertScenario(scenario: Scenario): Promise<Scenario>;

  listProbes(trialId: string, filter?: { vendorId?: string | undefined }): Promise<readonly Probe[]>;
  getProbe(probeId: string): Promise<Probe | undefined>;
  insertProbe(probe: Probe): Promise<Probe>;
  /** `answer` is what a retried request gets back (the new probe unless told). */
  updateProbe(probeId: string, next: (probe: Probe) => Probe, answer?: unknown): Promise<Probe | undefined>;
  deleteProbe(probeId: string): Promise<boolean>;

  /** The answer recorded for a request's Idempotency-Key, while it is kept. */
  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
}

const DELIVERY_KEEP_MS = 30 * 24 * 60 * 60_000;

/**
 * What no longer matters at `at`: sessions past their expiry, request answers past their 24
 * hours, and delivered or dead deliveries older than 30 days (the admin page shows those). None
 * is read once expired; dropping them keeps the data from growing.
 */
const STILL_KEPT = {
  sessions: (session: Session, at: Date) => Date.parse(session.expiresAt) > at.getTime(),
  idempotency: (record: IdempotencyRecord, at: Date) => isLive(record, at),
  deliveries: (delivery: Delivery, at: Date) =>
    delivery.status === 'pending' || at.getTime() - Date.parse(delivery.createdAt) < DELIVERY_KEEP_MS,
};

/** Drops what no longer matters when the data folder's journal is folded (no journal line). */
export function dropExpired(now: () => Date): (tables: Tables) => void {
  return (tables) => {
    const at = now();
    tables.prune('sessions', (session) => STILL_KEPT.sessions(session, at));
    tables.prune('idempotency', (record) => STILL_KEPT.idempotency(record, at));
    tables.prune('deliveries', (delivery) => STILL_KEPT.deliveries(delivery, at));
  };
}

/** What no longer matters, as keys to remove (PostgreSQL removes them with a change of its own). */
export function expiredRecords(view: TableView, at: Date): [Collection, string][] {
  return [
    ...view
      .all('sessions')
      .filter((session) => !STILL_KEPT.sessions(session, at))
      .map((session): [Collection, string] => ['sessions', session.idHash]),
    ...view
      .all('idempotency')
      .filter((record) => !STILL_KEPT.idempotency(record, at))
      .map((record): [Collection, string] => ['idempotency', record.key]),
    ...view
      .all('deliveries')
      .filter((delivery) => !STILL_KEPT.deliveries(delivery, at))
      .map((delivery): [Collection, string] => ['deliveries', delivery.id]),
  ];
}

type TrialCollection = 'trials' | 'vendors' | 'scenarios' | 'probes';
type TrialRecord = Trial | Vendor | Scenario | Probe;

const ENTITY = { trials: 'trial', vendors: 'vendor', scenarios: 'scenario', probes: 'probe' } as const;

const labelOf = (record: TrialRecord): string => ('name' in record ? record.name : record.title);
const trialIdOf = (record: TrialRecord): string => ('trialId' in record ? record.trialId : record.id);

export interface RepositoryOptions {
  /** The clock for audit entries and request answers. */
  now?: () => Date;
}

/** The repository over a RecordStore. Every change carries its audit entry under the current request's actor. */
export function createRepository(
  store: RecordStore,
  { now = () => new Date() }: RepositoryOptions = {},
): Repository {
  const view = store.view;
  const fresh = freshReads(store);
  const run = <T>(decide: (data: TableView, draft: Draft) => T, answer?: (result: T) => unknown) =>
    runCommand(store, now, decide, answer);

  /**
   * The freeze (SPEC §2, ../domain/freeze.ts), checked inside each write against the trial as
   * stored then: a record of a closed trial is neither put nor removed, and a trial becomes
   * closed only through closeTrial, which records its snapshot.
   */
  const refuseFrozen = (data: TableView, record: TrialRecord) => {
    const trialId = trialIdOf(record);
    if (isFrozen(data.get('trials', trialId))) throw new TrialFrozenError(trialId);
  };
  const refuseClosing = (record: TrialRecord) => {
    if (!('trialId' in record) && record.status === 'closed') throw new CloseThroughCloseError(record.id);
  };

  const insert = (collection: TrialCollection, record: TrialRecord) =>
    run((data, draft) => {
      refuseFrozen(data, record);
      refuseClosing(record);
      draft.put(collection, record);
      draft.audit({
        action: 'create',
        entity: ENTITY[collection],
        entityId: record.id,
        trialId: trialIdOf(record),
        label: labelOf(record),
        after: record,
      });
      return record;
    });

  const update = <R extends TrialRecord>(
    collection: TrialCollection,
    id: string,
    next: (record: R) => R,
    answer?: (updated: R | undefined) => unknown,
  ) =>
    run((data, draft) => {
      const before = data.get(collection, id) as R | undefined;
      if (!before) return undefined;
      refuseFrozen(data, before);
      const after = next(before);
      refuseClosing(after);
      if (after === before) return after;
      draft.put(collection, after);
      draft.audit({
        action: 'update',
        entity: ENTITY[collection],
        entityId: id,
        trialId: trialIdOf(after),
        label: labelOf(after),
        before,
        after,
      });
      return after;
    }, answer);

  /** Removes a record with what hangs off it, auditing the record itself. */
  const remove = (
    collection: TrialCollection,
    id: string,
    dependents: (data: TableView) => [Collection, string][],
  ) =>
    run((data, draft) => {
      const record = data.get(collection, id);
      if (!record) return false;
      refuseFrozen(data, record);
      for (const [dependentCollection, key] of dependents(data)) draft.remove(dependentCollection, key);
      draft.remove(collection, id);
      draft.audit({
        action: 'delete',
        entity: ENTITY[collection],
        entityId: id,
        trialId: trialIdOf(record),
        label: labelOf(record),
        before: record,
      });
      return true;
    });

  const ofTrialIn = <C extends TrialCollection>(data: TableView, collection: C, trialId: string) =>
    data.all(collection).filter((record) => 'trialId' in record && record.trialId === trialId);
  const ofTrial = <C extends TrialCollection>(collection: C, trialId: string) =>
    ofTrialIn(view, collection, trialId);
  const trialDataIn = (data: TableView, trialId: string): TrialExport | undefined => {
    const trial = data.get('trials', trialId);
    if (!trial) return undefined;
    return {
      format: 'sla-probe-trial/1' as const,
      trial,
      vendors: ofTrialIn(data, 'vendors', trialId),
      scenarios: ofTrialIn(data, 'scenarios', trialId),
      probes: ofTrialIn(data, 'probes', trialId),
    };
  };
  const trialData = new TrialDataAtRevision(
    () => store.dataRevision,
    (trialId) => trialDataIn(view, trialId),
  );
  const putTrial = (draft: Draft, before: Trial, after: Trial) => {
    draft.put('trials', after);
    draft.audit({
      action: 'update',
      entity: 'trial',
      entityId: after.id,
      trialId: after.id,
      label: after.name,
      before,
      after,
    });
    return after;
  };
  const idsOf = (collection: TrialCollection, records: readonly { id: string }[]) =>
    records.map((record): [Collection, string] => [collection, record.id]);

  return {
    ...accountRepository(store, run),
    ...alertRepository(store, run),
    revision: () => store.dataRevision,
    listTrials: () => fresh(() => view.all('trials')),
    getTrial: (trialId) => fresh(() => view.get('trials', trialId)),
    insertTrial: (trial) => insert('trials', trial) as Promise<Trial>,
    updateTrial: (trialId, next) => update('trials', trialId, next),
    deleteTrial: (trialId) =>
      remove('trials', trialId, (data) => [
        ...idsOf(
          'vendors',
          data.all('vendors').filter((vendor) => vendor.trialId === trialId),
        ),
        ...idsOf(
          'scenarios',
          data.all('scenarios').filter((scenario) => scenario.trialId === trialId),
        ),
        ...idsOf(
          'probes',
          data.all('probes').filter((probe) => probe.trialId === trialId),
        ),
        // Its alert targets, the alerts that fired and their deliveries go with it.
        ...data
          .all('webhooks')
          .filter((webhook) => webhook.trialId === trialId)
          .map((webhook): [Collection, string] => ['webhooks', webhook.id]),
        ...data
          .all('alerts')
          .filter((alert) => alert.trialId === trialId)
          .map((alert): [Collection, string] => ['alerts', alert.key]),
        ...data
          .all('deliveries')
          .filter((delivery) => delivery.trialId === trialId)
          .map((delivery): [Collection, string] => ['deliveries', delivery.id]),
      ]),
    getTrialData: (trialId) => fresh(() => trialData.get(trialId)),
    closeTrial: (trialId, seal) =>
      run((data, draft) => {
        const stored = trialDataIn(data, trialId);
        if (!stored) return undefined;
        if (isFrozen(stored.trial) && stored.trial.snapshot) throw new TrialFrozenError(trialId);
        return putTrial(draft, stored.trial, { ...seal(stored), status: 'closed' });
      }),
    reopenTrial: (trialId, status, at) =>
      run((data, draft) => {
        const before = data.get('trials', trialId);
        if (!before) return undefined;
        if (!isFrozen(before)) return 'not_closed' as const;
        return putTrial(draft, before, { ...before, status, updatedAt: at });
      }),
    importTrial: (exported) =>
      run((data, draft) => {
        const taken =
          data.get('trials', exported.trial.id) ??
          exported.vendors.find((vendor) => data.get('vendors', vendor.id)) ??
          exported.scenarios.find((scenario) => data.get('scenarios', scenario.id)) ??
          exported.probes.find((probe) => data.get('probes', probe.id));
        if (taken) return undefined;
        draft.put('trials', exported.trial);
        for (const vendor of exported.vendors) draft.put('vendors', vendor);
        for (const scenario of exported.scenarios) draft.put('scenarios', scenario);
        for (const probe of exported.probes) draft.put('probes', probe);
        draft.audit({
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
        return exported.trial;
      }),

    listVendors: (trialId) => fresh(() => ofTrial('vendors', trialId)),
    getVendor: (vendorId) => fresh(() => view.get('vendors', vendorId)),
    insertVendor: (vendor) => insert('vendors', vendor) as Promise<Vendor>,
    updateVendor: (vendorId, next) => update('vendors', vendorId, next),
    deleteVendor: (vendorId) =>
      remove('vendors', vendorId, (data) =>
        idsOf(
          'probes',
          data.all('probes').filter((probe) => probe.vendorId === vendorId),
        ),
      ),

    listScenarios: (trialId) => fresh(() => ofTrial('scenarios', trialId)),
    getScenario: (scenarioId) => fresh(() => view.get('scenarios', scenarioId)),
    insertScenario: (scenario) => insert('scenarios', scenario) as Promise<Scenario>,

    listProbes: (trialId, filter = {}) =>
      fresh(() =>
        ofTrial('probes', trialId).filter(
          (probe) => filter.vendorId === undefined || probe.vendorId === filter.vendorId,
        ),
      ),
    getProbe: (probeId) => fresh(() => view.get('probes', probeId)),
    insertProbe: (probe) => insert('probes', probe) as Promise<Probe>,
    updateProbe: (probeId, next, answer) =>
      update('probes', probeId, next, answer === undefined ? undefined : () => answer),
    deleteProbe: (probeId) => remove('probes', probeId, () => []),

    findIdempotencyRecord: (key) =>
      fresh(() => {
        const record = view.get('idempotency', key);
        return record && isLive(record, now()) ? record : undefined;
      }),
  };
}

/**
 * A trial's records as the pages, the API and the scorecard read them, gathered once per data
 * revision: gathering means walking every vendor, scenario and probe of every trial, and a busy
 * dashboard or API asks for the same trial hundreds of times a second between two writes. The
 * records are frozen already; the lists are frozen too, so one gathering can be shared.
 */
class TrialDataAtRevision {
  private revision = -1;
  private readonly gathered = new Map<string, TrialExport>();

  constructor(
    private readonly currentRevision: () => number,
    private readonly gather: (trialId: string) => TrialExport | undefined,
  ) {}

  get(trialId: string): TrialExport | undefined {
    const revision = this.currentRevision();
    if (revision !== this.revision) {
      this.gathered.clear();
      this.revision = revision;
    }
    const known = this.gathered.get(trialId);
    if (known) return known;
    const data = this.gather(trialId);
    if (!data) return undefined;
    Object.freeze(data.vendors);
    Object.freeze(data.scenarios);
    Object.freeze(data.probes);
    this.gathered.set(trialId, Object.freeze(data));
    return data;
  }
}
