/**
 * The Repository's contract (src/storage/repository.ts and its account and alert parts), written
 * once and held by every store: the JSON data folder and PostgreSQL each register these cases
 * with `repositoryContract(backend)`, so a user sees the same application whichever one is
 * configured. Each case says what a user would notice: what reads back, in which order, what is
 * refused, what the audit log shows, what survives a restart.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ApiTokenSchema,
  SYSTEM_ACTOR,
  UserSchema,
  type ApiToken,
  type AuditActor,
  type Session,
  type User,
} from '../../src/domain/accounts.js';
import { alertKey, type Alert, type Delivery, type Webhook } from '../../src/domain/alerting.js';
import {
  CloseThroughCloseError,
  FROZEN_MESSAGE,
  TrialFrozenError,
  type ReopenStatus,
} from '../../src/domain/freeze.js';
import {
  ScenarioSchema,
  type Probe,
  type Scenario,
  type Trial,
  type TrialExport,
} from '../../src/domain/schemas.js';
import { actingAs } from '../../src/app/requestContext.js';
import { IdempotencyKeyTakenError } from '../../src/storage/command.js';
import type { Repository } from '../../src/storage/repository.js';
import { withIdempotencyClaim, type IdempotencyClaim } from '../../src/storage/requestContext.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';

export interface Backend {
  name: string; // 'JSON data folder' | 'PostgreSQL'
  /** A new, empty repository; `reopen` closes it and opens the same data again (a restart). Closed when the test ends (use onTestFinished). */
  open(options?: { now?: () => Date }): Promise<{ repository: Repository; reopen(): Promise<Repository> }>;
}

// ---------------------------------------------------------------------------------------------
// Records and readings shared with the differential test (test/postgres/same-results.test.ts).
// ---------------------------------------------------------------------------------------------

export const AT = '2026-11-20T02:00:00.000Z';
const CREATED = '2026-01-01T00:00:00.000Z';
const PASSWORD_HASH = 'scrypt$16384$8$1$c2FsdA==$a2V5';

/** A SHA-256-shaped hex string, distinct per `seed`. */
export const sha = (seed: string): string => createHash('sha256').update(seed).digest('hex');

export function buildScenario(overrides: Partial<Scenario> & { id: string; trialId: string }): Scenario {
  return ScenarioSchema.parse({
    title: 'Echo on Bluetooth headsets',
    severity: 'P1',
    category: 'av-quality',
    difficulty: 'hard',
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  });
}

export function buildUser(id: string, email: string, overrides: Partial<User> = {}): User {
  return UserSchema.parse({
    id,
    email,
    role: 'evaluator',
    passwordHash: PASSWORD_HASH,
    active: true,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  });
}

export function buildToken(id: string, userId: string, overrides: Partial<ApiToken> = {}): ApiToken {
  return ApiTokenSchema.parse({
    id,
    userId,
    name: `Token ${id}`,
    role: 'evaluator',
    secretHash: sha(`secret-${id}`),
    hint: 'slp_abcd',
    createdAt: AT,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  });
}

export const buildSession = (
  idHash: string,
  userId: string,
  createdAt = AT,
  expiresAt = '2026-12-20T02:00:00.000Z',
): Session => ({ idHash, userId, createdAt, expiresAt });

export const SECRET = 'SEC-shh-do-not-log';
const URL_KEY = 'abcdef0123456789access';

export const buildWebhook = (id: string, trialId: string, overrides: Partial<Webhook> = {}): Webhook => ({
  id,
  trialId,
  kind: 'dingtalk',
  url: `https://oapi.dingtalk.com/robot/send?access_token=${URL_KEY}`,
  secret: SECRET,
  label: 'Procurement group',
  language: 'zh-CN',
  createdAt: AT,
  createdBy: null,
  ...overrides,
});

export const buildAlert = (probeId: string, trialId: string, overrides: Partial<Alert> = {}): Alert => ({
  key: alertKey(probeId, 'first_response', 'probe.breached'),
  trialId,
  probeId,
  vendorId: 'vendor-1',
  type: 'probe.breached',
  target: 'first_response',
  at: AT,
  firedAt: AT,
  ...overrides,
});

export const buildDelivery = (id: string, trialId: string, overrides: Partial<Delivery> = {}): Delivery => ({
  id,
  alertKey: null,
  trialId,
  webhookId: null,
  userId: null,
  channel: 'json',
  message: {
    type: 'probe.breached',
    trialId,
    probeId: null,
    vendorId: null,
    target: 'first_response',
    at: AT,
    url: `https://sla.example.com/trials/${trialId}`,
    text: 'Breached',
  },
  status: 'pending',
  attempts: 0,
  nextAttemptAt: AT,
  lastAttemptAt: null,
  lastStatus: null,
  lastError: null,
  createdAt: AT,
  deliveredAt: null,
  ...overrides,
});

/** The seal closeTrial is given in these tests: the trial with a snapshot of `sha256`. */
export const sealWith =
  (sha256: string, at = AT) =>
  (data: TrialExport): Trial => ({ ...data.trial, snapshot: { sha256, at } });

/** Paths under `value` of objects and arrays that are not frozen. */
export function unfrozen(value: unknown, where = '$'): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const own = Object.isFrozen(value) ? [] : [where];
  return [...own, ...Object.entries(value).flatMap(([field, child]) => unfrozen(child, `${where}.${field}`))];
}

/**
 * Everything a user can read back, in the order it is listed: every list (and each trial's
 * data), the sessions and request answers under the given keys, and the whole audit log.
 */
export async function readEverything(
  repository: Repository,
  keys: { sessions?: readonly string[]; idempotency?: readonly string[] } = {},
) {
  const trials = await repository.listTrials();
  const perTrial = await Promise.all(
    trials.map(async (trial) => ({
      data: await repository.getTrialData(trial.id),
      vendors: await repository.listVendors(trial.id),
      scenarios: await repository.listScenarios(trial.id),
      probes: await repository.listProbes(trial.id),
      webhooks: await repository.listWebhooks(trial.id),
    })),
  );
  return {
    trials,
    perTrial,
    users: await repository.listUsers(),
    tokens: await repository.listTokens(),
    sessions: await Promise.all((keys.sessions ?? []).map((idHash) => repository.getSession(idHash))),
    idempotency: await Promise.all(
      (keys.idempotency ?? []).map((key) => repository.findIdempotencyRecord(key)),
    ),
    webhooks: await repository.listWebhooks(),
    alerts: await repository.listAlerts({}),
    deliveries: await repository.listDeliveries({ limit: 1000 }),
    due: await repository.dueDeliveries('2199-12-31T00:00:00.000Z', 1000),
    audit: await repository.listAudit({ limit: 10_000 }),
  };
}

/** A clock that stands still until moved. */
export function clockAt(start: string) {
  let ms = Date.parse(start);
  return {
    now: () => new Date(ms),
    advance: (minutes: number) => {
      ms += minutes * 60_000;
    },
    iso: () => new Date(ms).toISOString(),
  };
}

/** Lets a store's command queue wind down, as it has between two requests of a real server. */
const queueIdle = () => new Promise((resolve) => setTimeout(resolve, 20));

const ids = (records: readonly { id: string }[]) => records.map((record) => record.id);

const claimFor = (key: string, status = 201): IdempotencyClaim => ({
  key,
  fingerprint: sha(`fingerprint-${key}`),
  status,
  recorded: false,
});

const LEAD: AuditActor = { via: 'session', userId: 'user-lead', email: 'lead@example.com' };
const SCRIPT: AuditActor = { via: 'token', userId: 'user-lead', email: 'lead@example.com', tokenId: 'tok-1' };

// ---------------------------------------------------------------------------------------------

export function repositoryContract(backend: Backend): void {
  describe(`the repository contract (${backend.name})`, () => {
    /** A repository holding one trial with two vendors, a scenario and a probe of each vendor. */
    async function withTrial(options: { now?: () => Date } = {}) {
      const opened = await backend.open(options);
      const { repository } = opened;
      const trial = await repository.insertTrial(buildTrial({ name: '音视频 SDK 选型' }));
      const vendor = await repository.insertVendor(
        buildVendor({ trialId: trial.id, name: '声浪云 SonicWave' }),
      );
      const other = await repository.insertVendor(buildVendor({ trialId: trial.id, name: 'NimbusRTC' }));
      const scenario = await repository.insertScenario(
        buildScenario({ id: `${trial.id}-s1`, trialId: trial.id }),
      );
      const probe = await repository.insertProbe(
        buildProbe({
          trialId: trial.id,
          vendorId: vendor.id,
          scenarioId: scenario.id,
          events: events(['2026-11-20T10:05:00+08:00', 'ack'], ['2026-11-20T11:00:00+08:00', 'note']),
        }),
      );
      const otherProbe = await repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: other.id }));
      return { ...opened, trial, vendor, other, scenario, probe, otherProbe };
    }

    describe('trials, vendors, scenarios and probes', () => {
      it('when a trial with vendors, a scenario and probes is stored, then each reads back equal by id, in its list and in the trial data', async () => {
        const { repository, trial, vendor, other, scenario, probe, otherProbe } = await withTrial();

        expect(await repository.getTrial(trial.id)).toEqual(trial);
        expect(await repository.getVendor(vendor.id)).toEqual(vendor);
        expect(await repository.getScenario(scenario.id)).toEqual(scenario);
        expect(await repository.getProbe(probe.id)).toEqual(probe);
        expect(await repository.listTrials()).toEqual([trial]);
        expect(await repository.listVendors(trial.id)).toEqual([vendor, other]);
        expect(await repository.listScenarios(trial.id)).toEqual([scenario]);
        expect(await repository.listProbes(trial.id)).toEqual([probe, otherProbe]);
        expect(await repository.getTrialData(trial.id)).toEqual({
          format: 'sla-probe-trial/1',
          trial,
          vendors: [vendor, other],
          scenarios: [scenario],
          probes: [probe, otherProbe],
        });
      });

      it('when ids are unknown, then reads find nothing and lists of an unknown trial are empty', async () => {
        const { repository } = await withTrial();
        expect(await repository.getTrial('nope')).toBeUndefined();
        expect(await repository.getVendor('nope')).toBeUndefined();
        expect(await repository.getScenario('nope')).toBeUndefined();
        expect(await repository.getProbe('nope')).toBeUndefined();
        expect(await repository.getTrialData('nope')).toBeUndefined();
        expect(await repository.listVendors('nope')).toEqual([]);
        expect(await repository.listScenarios('nope')).toEqual([]);
        expect(await repository.listProbes('nope')).toEqual([]);
      });

      it('when there are two trials, then each lists and exports only its own records', async () => {
        const { repository, trial, vendor, other, scenario, probe, otherProbe } = await withTrial();
        const second = await repository.insertTrial(buildTrial({ name: 'Second' }));
        const secondVendor = await repository.insertVendor(buildVendor({ trialId: second.id }));
        const secondProbe = await repository.insertProbe(
          buildProbe({ trialId: second.id, vendorId: secondVendor.id }),
        );

        expect(await repository.getTrialData(trial.id)).toEqual({
          format: 'sla-probe-trial/1',
          trial,
          vendors: [vendor, other],
          scenarios: [scenario],
          probes: [probe, otherProbe],
        });
        expect(await repository.getTrialData(second.id)).toEqual({
          format: 'sla-probe-trial/1',
          trial: second,
          vendors: [secondVendor],
          scenarios: [],
          probes: [secondProbe],
        });
      });

      it('when probes are listed for one vendor, then only its probes come back, in the order stored', async () => {
        const { repository, trial, vendor, other, probe, otherProbe } = await withTrial();
        const third = await repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: vendor.id }));

        expect(ids(await repository.listProbes(trial.id, { vendorId: vendor.id }))).toEqual([
          probe.id,
          third.id,
        ]);
        expect(ids(await repository.listProbes(trial.id, { vendorId: other.id }))).toEqual([otherProbe.id]);
        expect(await repository.listProbes(trial.id, { vendorId: 'nope' })).toEqual([]);
        expect(ids(await repository.listProbes(trial.id, { vendorId: undefined }))).toEqual([
          probe.id,
          otherProbe.id,
          third.id,
        ]);
      });

      it('when records are listed, then they come in the order first stored; an updated one keeps its place; one deleted and stored again moves to the end', async () => {
        const { repository } = await backend.open();
        const [a, b, c] = [
          buildTrial({ name: 'A' }),
          buildTrial({ name: 'B' }),
          buildTrial({ name: 'C' }),
        ] as const;
        for (const trial of [a, b, c]) await repository.insertTrial(trial);
        const [va, vb, vc] = ['VA', 'VB', 'VC'].map((name) => buildVendor({ trialId: a.id, name })) as [
          ReturnType<typeof buildVendor>,
          ReturnType<typeof buildVendor>,
          ReturnType<typeof buildVendor>,
        ];
        for (const vendor of [va, vb, vc]) await repository.insertVendor(vendor);
        const [pa, pb, pc] = [1, 2, 3].map((n) =>
          buildProbe({ trialId: a.id, vendorId: va.id, title: `Probe ${n}` }),
        ) as [Probe, Probe, Probe];
        for (const probe of [pa, pb, pc]) await repository.insertProbe(probe);
        const scenarios = [3, 1, 2].map((n) => buildScenario({ id: `scenario-${n}`, trialId: a.id }));
        for (const scenario of scenarios) await repository.insertScenario(scenario);

        await repository.updateTrial(a.id, (trial) => ({ ...trial, name: 'A renamed' }));
        await repository.updateVendor(va.id, (vendor) => ({ ...vendor, name: 'VA renamed' }));
        await repository.updateProbe(pa.id, (probe) => ({ ...probe, title: 'Probe 1 renamed' }));
        expect(ids(await repository.listTrials())).toEqual([a.id, b.id, c.id]);
        expect(ids(await repository.listVendors(a.id))).toEqual([va.id, vb.id, vc.id]);
        expect(ids(await repository.listProbes(a.id))).toEqual([pa.id, pb.id, pc.id]);
        expect(ids(await repository.listScenarios(a.id))).toEqual(['scenario-3', 'scenario-1', 'scenario-2']);

        await repository.deleteTrial(b.id);
        await repository.insertTrial(b);
        await repository.deleteVendor(vb.id);
        await repository.insertVendor(vb);
        await repository.deleteProbe(pa.id);
        await repository.insertProbe(pa);
        expect(ids(await repository.listTrials())).toEqual([a.id, c.id, b.id]);
        expect(ids(await repository.listVendors(a.id))).toEqual([va.id, vc.id, vb.id]);
        expect(ids(await repository.listProbes(a.id))).toEqual([pb.id, pc.id, pa.id]);
      });

      it('when records are updated with a function, then it gets the record as stored and what it returns is stored and answered', async () => {
        const { repository, trial, vendor, probe } = await withTrial();
        const seen: unknown[] = [];

        const renamed = await repository.updateTrial(trial.id, (current) => {
          seen.push(current);
          return { ...current, name: 'Renamed', updatedAt: AT };
        });
        const vendorRenamed = await repository.updateVendor(vendor.id, (current) => {
          seen.push(current);
          return { ...current, name: 'Vendor renamed' };
        });
        const [added] = events(['2026-11-20T12:00:00+08:00', 'workaround']);
        const withEvent = await repository.updateProbe(probe.id, (current) => {
          seen.push(current);
          return { ...current, events: [...current.events, ...(added ? [added] : [])] };
        });

        expect(seen).toEqual([trial, vendor, probe]);
        expect(renamed).toEqual({ ...trial, name: 'Renamed', updatedAt: AT });
        expect(await repository.getTrial(trial.id)).toEqual(renamed);
        expect(await repository.getVendor(vendor.id)).toEqual({ ...vendor, name: 'Vendor renamed' });
        expect(vendorRenamed).toEqual({ ...vendor, name: 'Vendor renamed' });
        expect(withEvent?.events.map((event) => event.kind)).toEqual(['ack', 'note', 'workaround']);
        expect(await repository.getProbe(probe.id)).toEqual(withEvent);
      });

      it('when an unknown id is updated or deleted, then the answer is undefined or false and nothing is written', async () => {
        const { repository } = await withTrial();
        const before = await readEverything(repository);
        const refuse = () => {
          throw new Error('never called');
        };

        expect(await repository.updateTrial('nope', refuse)).toBeUndefined();
        expect(await repository.updateVendor('nope', refuse)).toBeUndefined();
        expect(await repository.updateProbe('nope', refuse)).toBeUndefined();
        expect(await repository.deleteTrial('nope')).toBe(false);
        expect(await repository.deleteVendor('nope')).toBe(false);
        expect(await repository.deleteProbe('nope')).toBe(false);
        expect(await readEverything(repository)).toEqual(before);
      });

      it('when a trial is deleted, then its vendors, scenarios, probes, webhooks, alerts and deliveries go with it and another trial keeps its own', async () => {
        const { repository, trial, vendor, scenario, probe } = await withTrial();
        const kept = await repository.insertTrial(buildTrial({ name: 'Kept' }));
        const keptVendor = await repository.insertVendor(buildVendor({ trialId: kept.id }));
        const keptScenario = await repository.insertScenario(
          buildScenario({ id: 'kept-s1', trialId: kept.id }),
        );
        const keptProbe = await repository.insertProbe(
          buildProbe({ trialId: kept.id, vendorId: keptVendor.id }),
        );
        await repository.insertWebhook(buildWebhook('hook-gone', trial.id));
        const keptHook = await repository.insertWebhook(buildWebhook('hook-kept', kept.id));
        const [, keptAlert] = await repository.recordAlerts([
          { alert: buildAlert(probe.id, trial.id), deliveries: [buildDelivery('d-gone', trial.id)] },
          { alert: buildAlert(keptProbe.id, kept.id), deliveries: [buildDelivery('d-kept', kept.id)] },
        ]);
        await repository.queueDeliveries([buildDelivery('digest-gone', trial.id)]);

        expect(await repository.deleteTrial(trial.id)).toBe(true);

        expect(await repository.getTrial(trial.id)).toBeUndefined();
        expect(await repository.getTrialData(trial.id)).toBeUndefined();
        expect(await repository.getVendor(vendor.id)).toBeUndefined();
        expect(await repository.getScenario(scenario.id)).toBeUndefined();
        expect(await repository.getProbe(probe.id)).toBeUndefined();
        expect(await repository.listVendors(trial.id)).toEqual([]);
        expect(await repository.listScenarios(trial.id)).toEqual([]);
        expect(await repository.listProbes(trial.id)).toEqual([]);
        expect(await repository.listWebhooks()).toEqual([keptHook]);
        expect(await repository.listAlerts({})).toEqual([keptAlert]);
        expect(ids(await repository.listDeliveries({ limit: 10 }))).toEqual(['d-kept']);
        expect(await repository.getTrialData(kept.id)).toEqual({
          format: 'sla-probe-trial/1',
          trial: kept,
          vendors: [keptVendor],
          scenarios: [keptScenario],
          probes: [keptProbe],
        });
        expect(await repository.deleteTrial(trial.id)).toBe(false);
      });

      it('when a vendor is deleted, then its probes go with it and other vendors keep theirs', async () => {
        const { repository, trial, vendor, other, scenario, probe, otherProbe } = await withTrial();

        expect(await repository.deleteVendor(vendor.id)).toBe(true);

        expect(await repository.getVendor(vendor.id)).toBeUndefined();
        expect(await repository.getProbe(probe.id)).toBeUndefined();
        expect(await repository.listVendors(trial.id)).toEqual([other]);
        expect(await repository.listProbes(trial.id)).toEqual([otherProbe]);
        expect(await repository.listScenarios(trial.id)).toEqual([scenario]);
        expect(await repository.deleteVendor(vendor.id)).toBe(false);
      });

      it('when a probe is deleted, then it alone is gone', async () => {
        const { repository, trial, probe, otherProbe } = await withTrial();
        expect(await repository.deleteProbe(probe.id)).toBe(true);
        expect(await repository.getProbe(probe.id)).toBeUndefined();
        expect(await repository.listProbes(trial.id)).toEqual([otherProbe]);
        expect(await repository.deleteProbe(probe.id)).toBe(false);
      });

      it('when an exported trial is imported after it was deleted, then every record comes back as it was and the import is audited once', async () => {
        const { repository, trial } = await withTrial();
        const exported = await repository.getTrialData(trial.id);
        if (!exported) throw new Error('trial missing');
        await repository.deleteTrial(trial.id);
        const auditBefore = (await repository.listAudit({ limit: 1000 })).total;

        expect(await repository.importTrial(exported)).toEqual(trial);

        expect(await repository.getTrialData(trial.id)).toEqual(exported);
        const { entries, total } = await repository.listAudit({ limit: 1 });
        expect(total).toBe(auditBefore + 1);
        expect(entries[0]).toMatchObject({ action: 'create', entity: 'trial', entityId: trial.id });
      });

      it.each([
        ['the trial id', null],
        ['a vendor id', 'vendors'],
        ['a scenario id', 'scenarios'],
        ['a probe id', 'probes'],
      ] as const)(
        'when an import holds %s already taken, then it is refused with undefined and nothing is written',
        async (_taken, kept) => {
          // The stored trial's own records, all but the one kind kept left out; a fresh trial id
          // unless the trial's is the one taken.
          const importOf = (data: TrialExport): TrialExport => ({
            ...data,
            trial: kept === null ? data.trial : { ...data.trial, id: 'fresh-trial' },
            vendors: kept === 'vendors' ? data.vendors : [],
            scenarios: kept === 'scenarios' ? data.scenarios : [],
            probes: kept === 'probes' ? data.probes : [],
          });
          const { repository, trial } = await withTrial();
          const exported = await repository.getTrialData(trial.id);
          if (!exported) throw new Error('trial missing');
          const before = await readEverything(repository);

          expect(await repository.importTrial(importOf(exported))).toBeUndefined();

          expect(await readEverything(repository)).toEqual(before);
          expect(await repository.getTrial('fresh-trial')).toBeUndefined();
        },
      );
    });

    describe('closed (frozen) trials', () => {
      async function withClosedTrial() {
        const world = await withTrial();
        const { repository, trial } = world;
        const closed = await repository.closeTrial(trial.id, sealWith('a'.repeat(64)));
        return { ...world, closed };
      }

      it('when a trial is closed, then the seal sees its data as stored and the trial is stored closed with its snapshot', async () => {
        const { repository, trial } = await withTrial();
        const stored = await repository.getTrialData(trial.id);
        let seen: TrialExport | undefined;

        const closed = await repository.closeTrial(trial.id, (data) => {
          seen = data;
          return { ...data.trial, snapshot: { sha256: 'a'.repeat(64), at: AT } };
        });

        expect(seen).toEqual(stored);
        expect(closed).toEqual({ ...trial, status: 'closed', snapshot: { sha256: 'a'.repeat(64), at: AT } });
        expect(await repository.getTrial(trial.id)).toEqual(closed);
        const [entry] = (await repository.listAudit({ limit: 1 })).entries;
        expect(entry).toMatchObject({ action: 'update', entity: 'trial', entityId: trial.id });
      });

      it('when an unknown trial is closed or reopened, then the answer is undefined', async () => {
        const { repository } = await withTrial();
        expect(await repository.closeTrial('nope', sealWith('a'.repeat(64)))).toBeUndefined();
        expect(await repository.reopenTrial('nope', 'running', AT)).toBeUndefined();
      });

      type Attempt = (world: Awaited<ReturnType<typeof withClosedTrial>>) => Promise<unknown>;
      const ATTEMPTS: [string, Attempt][] = [
        [
          'vendor is inserted',
          ({ repository, trial }) => repository.insertVendor(buildVendor({ trialId: trial.id })),
        ],
        [
          'scenario is inserted',
          ({ repository, trial }) =>
            repository.insertScenario(buildScenario({ id: 'late-s', trialId: trial.id })),
        ],
        [
          'probe is inserted',
          ({ repository, trial, vendor }) =>
            repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: vendor.id })),
        ],
        [
          'trial is updated',
          ({ repository, trial }) => repository.updateTrial(trial.id, (t) => ({ ...t, name: 'X' })),
        ],
        [
          'vendor is updated',
          ({ repository, vendor }) => repository.updateVendor(vendor.id, (v) => ({ ...v, name: 'X' })),
        ],
        [
          'probe is updated',
          ({ repository, probe }) => repository.updateProbe(probe.id, (p) => ({ ...p, title: 'X' })),
        ],
        ['trial is deleted', ({ repository, trial }) => repository.deleteTrial(trial.id)],
        ['vendor is deleted', ({ repository, vendor }) => repository.deleteVendor(vendor.id)],
        ['probe is deleted', ({ repository, probe }) => repository.deleteProbe(probe.id)],
        [
          'webhook is added',
          ({ repository, trial }) => repository.insertWebhook(buildWebhook('late-hook', trial.id)),
        ],
        [
          'trial is closed again',
          ({ repository, trial }) => repository.closeTrial(trial.id, sealWith('b'.repeat(64))),
        ],
      ];

      it.each(ATTEMPTS)(
        "when a closed trial's %s, then it is refused with TrialFrozenError and nothing changes",
        async (_attempt, attempt) => {
          const world = await withClosedTrial();
          const before = await readEverything(world.repository);

          const refusal = attempt(world);

          await expect(refusal).rejects.toBeInstanceOf(TrialFrozenError);
          await expect(refusal).rejects.toMatchObject({
            name: 'TrialFrozenError',
            message: FROZEN_MESSAGE,
            trialId: world.trial.id,
          });
          expect(await readEverything(world.repository)).toEqual(before);
        },
      );

      it('when alerts fire for a closed trial, then none is stored and nothing is queued', async () => {
        const { repository, trial, probe } = await withClosedTrial();
        expect(
          await repository.recordAlerts([
            { alert: buildAlert(probe.id, trial.id), deliveries: [buildDelivery('d1', trial.id)] },
          ]),
        ).toEqual([]);
        expect(await repository.listAlerts({})).toEqual([]);
        expect(await repository.listDeliveries({ limit: 10 })).toEqual([]);
      });

      it.each<ReopenStatus>(['running', 'planning'])(
        'when a closed trial is reopened to %s, then it keeps its snapshot and takes changes again',
        async (status) => {
          const { repository, trial, closed } = await withClosedTrial();
          const at = '2026-11-21T00:00:00.000Z';

          const reopened = await repository.reopenTrial(trial.id, status, at);

          expect(reopened).toEqual({ ...closed, status, updatedAt: at });
          expect(await repository.getTrial(trial.id)).toEqual(reopened);
          const vendor = await repository.insertVendor(buildVendor({ trialId: trial.id, name: 'Late' }));
          expect(await repository.getVendor(vendor.id)).toEqual(vendor);
        },
      );

      it("when a trial that is not closed is reopened, then the answer is 'not_closed' and nothing is written", async () => {
        const { repository, trial } = await withTrial();
        const before = await readEverything(repository);
        expect(await repository.reopenTrial(trial.id, 'running', AT)).toBe('not_closed');
        expect(await readEverything(repository)).toEqual(before);
      });

      it('when a trial is set closed by an insert or an update, then it is refused with CloseThroughCloseError', async () => {
        const { repository, trial } = await withTrial();
        const before = await readEverything(repository);

        await expect(repository.insertTrial(buildTrial({ status: 'closed' }))).rejects.toBeInstanceOf(
          CloseThroughCloseError,
        );
        await expect(
          repository.updateTrial(trial.id, (current) => ({ ...current, status: 'closed' })),
        ).rejects.toBeInstanceOf(CloseThroughCloseError);
        expect(await readEverything(repository)).toEqual(before);
      });

      it('when a trial closed before freezing existed (no snapshot) is closed, then it gets its snapshot; closed again, it is refused', async () => {
        const { repository } = await backend.open();
        const old = buildTrial({ status: 'closed' });
        await repository.importTrial({
          format: 'sla-probe-trial/1',
          trial: old,
          vendors: [],
          scenarios: [],
          probes: [],
        });

        const sealed = await repository.closeTrial(old.id, sealWith('c'.repeat(64)));

        expect(sealed).toEqual({ ...old, snapshot: { sha256: 'c'.repeat(64), at: AT } });
        await expect(repository.closeTrial(old.id, sealWith('d'.repeat(64)))).rejects.toBeInstanceOf(
          TrialFrozenError,
        );
        expect(await repository.getTrial(old.id)).toEqual(sealed);
      });
    });

    describe('refusals and read-only records', () => {
      it('when an update function throws, then that command alone is refused and the others issued with it still land', async () => {
        const { repository, trial, probe } = await withTrial();
        const thrown = new Error('the update refuses');
        const late = buildVendor({ trialId: trial.id, name: 'Late' });

        const [refused, renamed, inserted] = await Promise.allSettled([
          repository.updateProbe(probe.id, () => {
            throw thrown;
          }),
          repository.updateTrial(trial.id, (current) => ({ ...current, name: 'Renamed' })),
          repository.insertVendor(late),
        ]);

        expect(refused).toEqual({ status: 'rejected', reason: thrown });
        expect(renamed).toEqual({ status: 'fulfilled', value: { ...trial, name: 'Renamed' } });
        expect(inserted).toEqual({ status: 'fulfilled', value: late });
        expect(await repository.getProbe(probe.id)).toEqual(probe);
        expect((await repository.getTrial(trial.id))?.name).toBe('Renamed');
        expect(await repository.getVendor(late.id)).toEqual(late);
        const { entries } = await repository.listAudit({ limit: 2 });
        expect(entries.map((entry) => [entry.entity, entry.action])).toEqual([
          ['vendor', 'create'],
          ['trial', 'update'],
        ]);
      });

      it('when update functions change the record they are given in place, then each throws a TypeError and nothing is stored', async () => {
        const { repository, trial, vendor, probe } = await withTrial();
        await repository.insertUser(buildUser('user-1', 'one@example.com'));
        await repository.queueDeliveries([buildDelivery('d1', trial.id)]);
        const before = await readEverything(repository);

        await expect(
          repository.updateTrial(trial.id, (current) => {
            (current as { name: string }).name = 'Mutated';
            return current;
          }),
        ).rejects.toThrow(TypeError);
        await expect(
          repository.updateVendor(vendor.id, (current) => {
            (current as { name: string }).name = 'Mutated';
            return current;
          }),
        ).rejects.toThrow(TypeError);
        await expect(
          repository.updateProbe(probe.id, (current) => {
            (current.events as unknown[]).push({});
            return current;
          }),
        ).rejects.toThrow(TypeError);
        await expect(
          repository.updateUser('user-1', (current) => {
            (current as { active: boolean }).active = false;
            return current;
          }),
        ).rejects.toThrow(TypeError);
        await expect(
          repository.updateDelivery('d1', (current) => {
            (current.message as { text: string }).text = 'Mutated';
            return current;
          }),
        ).rejects.toThrow(TypeError);

        expect(await readEverything(repository)).toEqual(before);
      });

      it('when records are read, then every one is frozen all the way down', async () => {
        const { repository, trial, vendor, scenario, probe } = await withTrial();
        await repository.insertUser(buildUser('user-1', 'one@example.com'));
        await repository.insertToken(buildToken('tok-1', 'user-1'));
        await repository.insertSession(
          buildSession(sha('s1'), 'user-1'),
          buildUser('user-1', 'one@example.com'),
        );
        await repository.insertWebhook(buildWebhook('hook-1', trial.id));
        await repository.recordAlerts([
          { alert: buildAlert(probe.id, trial.id), deliveries: [buildDelivery('d1', trial.id)] },
        ]);
        await withIdempotencyClaim(claimFor('key-1'), () => repository.insertTrial(buildTrial()));

        const reads = {
          trial: await repository.getTrial(trial.id),
          vendor: await repository.getVendor(vendor.id),
          scenario: await repository.getScenario(scenario.id),
          probe: await repository.getProbe(probe.id),
          trials: await repository.listTrials(),
          vendors: await repository.listVendors(trial.id),
          probes: await repository.listProbes(trial.id),
          scenarios: await repository.listScenarios(trial.id),
          data: await repository.getTrialData(trial.id),
          users: await repository.listUsers(),
          user: await repository.getUser('user-1'),
          tokens: await repository.listTokens(),
          session: await repository.getSession(sha('s1')),
          webhooks: await repository.listWebhooks(),
          alerts: await repository.listAlerts({}),
          deliveries: await repository.listDeliveries({ limit: 10 }),
          due: await repository.dueDeliveries(AT, 10),
          answer: await repository.findIdempotencyRecord('key-1'),
        };

        expect(Object.entries(reads).filter(([, value]) => value === undefined)).toEqual([]);
        for (const [name, value] of Object.entries(reads)) {
          // Lists may be fresh arrays; the records in them may not be.
          const records = Array.isArray(value) ? (value as unknown[]) : [value];
          expect({ name, unfrozen: records.flatMap((record) => unfrozen(record)) }).toEqual({
            name,
            unfrozen: [],
          });
        }
        expect(() => {
          (reads.probe as { title: string }).title = 'edited in place';
        }).toThrow(TypeError);
        expect((await repository.getProbe(probe.id))?.title).toBe(probe.title);
      });
    });

    describe('accounts, tokens, sessions and the audit log', () => {
      it('when the first user is added, then a second "first" user is refused and nothing is written', async () => {
        const { repository } = await backend.open();
        const first = buildUser('user-1', 'first@example.com', { role: 'admin' });

        expect(await repository.insertFirstUser(first)).toBe(true);
        expect(await repository.insertFirstUser(buildUser('user-2', 'second@example.com'))).toBe(false);

        expect(await repository.listUsers()).toEqual([first]);
        expect(await repository.countUsers()).toBe(1);
        expect((await repository.listAudit({ limit: 10 })).total).toBe(1);
      });

      it('when a user is added with an e-mail taken, then it is refused; users are found by id and by e-mail in any case', async () => {
        const { repository } = await backend.open();
        const one = buildUser('user-1', 'one@example.com');
        const two = buildUser('user-2', 'two@example.com');

        expect(await repository.insertUser(one)).toBe(true);
        expect(await repository.insertUser(buildUser('user-3', 'one@example.com'))).toBe(false);
        expect(await repository.insertUser(two)).toBe(true);

        expect(await repository.listUsers()).toEqual([one, two]);
        expect(await repository.countUsers()).toBe(2);
        expect(await repository.getUser('user-3')).toBeUndefined();
        expect(await repository.getUser('user-2')).toEqual(two);
        expect(await repository.findUserByEmail('TWO@Example.com')).toEqual(two);
        expect(await repository.findUserByEmail('three@example.com')).toBeUndefined();
      });

      it("when a user's password changes or the user is deactivated, then their sessions end; another change keeps them", async () => {
        const { repository } = await backend.open();
        const one = buildUser('user-1', 'one@example.com');
        const two = buildUser('user-2', 'two@example.com');
        await repository.insertUser(one);
        await repository.insertUser(two);
        for (const [idHash, user] of [
          [sha('one-a'), one],
          [sha('one-b'), one],
          [sha('two-a'), two],
        ] as const)
          await repository.insertSession(buildSession(idHash, user.id), user);
        const everyone: (readonly User[])[] = [];

        const renamed = await repository.updateUser(one.id, (user, users) => {
          everyone.push(users);
          return { ...user, name: 'One' };
        });
        expect(everyone).toEqual([[one, two]]);
        expect(renamed).toEqual({ ...one, name: 'One' });
        expect(await repository.getSession(sha('one-a'))).toBeDefined();

        await repository.updateUser(one.id, (user) => ({ ...user, passwordHash: `${PASSWORD_HASH}2` }));
        expect(await repository.getSession(sha('one-a'))).toBeUndefined();
        expect(await repository.getSession(sha('one-b'))).toBeUndefined();
        expect(await repository.getSession(sha('two-a'))).toEqual(buildSession(sha('two-a'), two.id));

        await repository.updateUser(two.id, (user) => ({ ...user, active: false }));
        expect(await repository.getSession(sha('two-a'))).toBeUndefined();
        expect((await repository.getUser(two.id))?.active).toBe(false);

        const [entry] = (
          await repository.listAudit({ limit: 10, entity: 'user', entityId: one.id, action: 'update' })
        ).entries;
        expect(entry?.changes).toEqual([{ path: 'passwordHash', before: '•••', after: '•••' }]);
      });

      it('when an unknown user is updated, or the update throws, then nothing changes', async () => {
        const { repository } = await backend.open();
        const one = buildUser('user-1', 'one@example.com');
        await repository.insertUser(one);
        const thrown = new Error('the last admin cannot be demoted');

        expect(await repository.updateUser('nope', (user) => user)).toBeUndefined();
        await expect(
          repository.updateUser(one.id, () => {
            throw thrown;
          }),
        ).rejects.toBe(thrown);

        expect(await repository.listUsers()).toEqual([one]);
        expect((await repository.listAudit({ limit: 10 })).total).toBe(1);
      });

      it('when a token is added, then it is listed and found by its secret hash; its use is noted without an audit entry; a revocation is audited', async () => {
        const { repository } = await backend.open();
        const token = buildToken('tok-1', 'user-1');
        const other = buildToken('tok-2', 'user-1');

        expect(await repository.insertToken(token)).toEqual(token);
        await repository.insertToken(other);
        expect(await repository.listTokens()).toEqual([token, other]);
        expect(await repository.findTokenBySecretHash(token.secretHash)).toEqual(token);
        expect(await repository.findTokenBySecretHash(sha('unknown'))).toBeUndefined();

        await repository.recordTokenUse(token.id, '2026-11-20T03:00:00.000Z');
        await repository.recordTokenUse('nope', '2026-11-20T03:00:00.000Z');
        expect(await repository.findTokenBySecretHash(token.secretHash)).toEqual({
          ...token,
          lastUsedAt: '2026-11-20T03:00:00.000Z',
        });
        expect((await repository.listAudit({ limit: 10 })).total).toBe(2);

        const revoked = await repository.updateToken(token.id, (current) => ({
          ...current,
          revokedAt: '2026-11-20T04:00:00.000Z',
        }));
        expect(revoked?.revokedAt).toBe('2026-11-20T04:00:00.000Z');
        expect(await repository.updateToken('nope', (current) => current)).toBeUndefined();
        expect(ids(await repository.listTokens())).toEqual([token.id, other.id]);
        const { entries, total } = await repository.listAudit({ limit: 1 });
        expect(total).toBe(3);
        expect(entries[0]).toMatchObject({ action: 'update', entity: 'token', entityId: token.id });
      });

      it('when a session starts and ends, then it is read back between and both are audited under its user; starting one drops those expired', async () => {
        const { repository } = await backend.open();
        const one = buildUser('user-1', 'one@example.com');
        await repository.insertUser(one);
        const old = buildSession(sha('old'), one.id, '2026-11-01T00:00:00.000Z', '2026-11-10T00:00:00.000Z');
        const session = buildSession(
          sha('new'),
          one.id,
          '2026-11-20T00:00:00.000Z',
          '2026-12-20T00:00:00.000Z',
        );

        await repository.insertSession(old, one);
        expect(await repository.getSession(old.idHash)).toEqual(old);
        await repository.insertSession(session, one);
        expect(await repository.getSession(session.idHash)).toEqual(session);
        expect(await repository.getSession(old.idHash)).toBeUndefined();

        expect(await repository.deleteSession(session.idHash)).toBe(true);
        expect(await repository.getSession(session.idHash)).toBeUndefined();
        expect(await repository.deleteSession(session.idHash)).toBe(false);

        const actor = { via: 'session', userId: one.id, email: one.email };
        const { entries } = await repository.listAudit({ limit: 10, entity: 'session' });
        expect(
          entries.map(({ action, entityId, label, actor }) => ({ action, entityId, label, actor })),
        ).toEqual([
          { action: 'logout', entityId: one.id, label: one.email, actor },
          { action: 'login', entityId: one.id, label: one.email, actor },
          { action: 'login', entityId: one.id, label: one.email, actor },
        ]);
      });

      it('when a sign-in fails, then the audit log names the e-mail tried and the account when there is one', async () => {
        const { repository } = await backend.open();
        const one = buildUser('user-1', 'one@example.com');
        await repository.insertUser(one);

        await repository.recordLoginFailure('Nobody@Example.com', undefined);
        await repository.recordLoginFailure(one.email, one);

        const { entries } = await repository.listAudit({ limit: 10, action: 'login_failed' });
        expect(
          entries.map(({ entity, entityId, label, actor }) => ({ entity, entityId, label, actor })),
        ).toEqual([
          {
            entity: 'session',
            entityId: one.id,
            label: one.email,
            actor: { via: 'session', userId: null, email: one.email },
          },
          {
            entity: 'session',
            entityId: 'unknown',
            label: 'Nobody@Example.com',
            actor: { via: 'session', userId: null, email: 'Nobody@Example.com' },
          },
        ]);
      });

      it('when changes are made, then audit entries are numbered 1, 2, 3… in order and carry the actor they were made for', async () => {
        const clock = clockAt(AT);
        const { repository } = await backend.open({ now: clock.now });

        const trial = await repository.insertTrial(buildTrial());
        await queueIdle();
        clock.advance(1);
        await actingAs(LEAD, () => repository.updateTrial(trial.id, (t) => ({ ...t, name: 'By the lead' })));
        await queueIdle();
        clock.advance(1);
        const vendor = await actingAs(SCRIPT, () =>
          repository.insertVendor(buildVendor({ trialId: trial.id })),
        );

        const { entries, total } = await repository.listAudit({ limit: 10 });
        expect(total).toBe(3);
        expect([...entries].reverse()).toEqual([
          expect.objectContaining({
            seq: 1,
            at: AT,
            actor: SYSTEM_ACTOR,
            action: 'create',
            entity: 'trial',
            entityId: trial.id,
            trialId: trial.id,
            label: trial.name,
          }),
          {
            seq: 2,
            at: '2026-11-20T02:01:00.000Z',
            actor: LEAD,
            action: 'update',
            entity: 'trial',
            entityId: trial.id,
            trialId: trial.id,
            label: 'By the lead',
            changes: [{ path: 'name', before: trial.name, after: 'By the lead' }],
          },
          expect.objectContaining({
            seq: 3,
            at: '2026-11-20T02:02:00.000Z',
            actor: SCRIPT,
            action: 'create',
            entity: 'vendor',
            entityId: vendor.id,
            trialId: trial.id,
          }),
        ]);
      });

      it("when one actor's write follows another's at once, or both are issued together, then each is still audited under its own actor", async () => {
        const { repository } = await backend.open();
        const trial = await repository.insertTrial(buildTrial());
        // No pause: the write before is acknowledged, but its batch's queue is still winding down.
        await actingAs(LEAD, () => repository.updateTrial(trial.id, (t) => ({ ...t, name: 'By the lead' })));
        await queueIdle();
        await Promise.all([
          actingAs(SCRIPT, () => repository.insertVendor(buildVendor({ trialId: trial.id }))),
          actingAs(LEAD, () =>
            repository.insertScenario(buildScenario({ id: 'by-the-lead', trialId: trial.id })),
          ),
        ]);

        const { entries } = await repository.listAudit({ limit: 10 });
        expect([...entries].reverse().map(({ seq, entity, actor }) => ({ seq, entity, actor }))).toEqual([
          { seq: 1, entity: 'trial', actor: SYSTEM_ACTOR },
          { seq: 2, entity: 'trial', actor: LEAD },
          { seq: 3, entity: 'vendor', actor: SCRIPT },
          { seq: 4, entity: 'scenario', actor: LEAD },
        ]);
      });

      it('when the audit log is filtered, then it gives the matching entries newest first, at most `limit`, with the total matched', async () => {
        const clock = clockAt(AT);
        const { repository } = await backend.open({ now: clock.now });
        const write = async <T>(work: () => Promise<T>) => {
          const result = await work();
          clock.advance(10);
          return result;
        };
        const a = await write(() => repository.insertTrial(buildTrial({ name: 'A' }))); // 1 at 02:00
        const b = await write(() => repository.insertTrial(buildTrial({ name: 'B' }))); // 2 at 02:10
        await write(() => actingAs(LEAD, () => repository.updateTrial(a.id, (t) => ({ ...t, name: 'A2' })))); // 3 at 02:20
        const v = await write(() => repository.insertVendor(buildVendor({ trialId: a.id }))); // 4 at 02:30
        await write(() => actingAs(LEAD, () => repository.deleteVendor(v.id))); // 5 at 02:40
        await write(() => repository.insertVendor(buildVendor({ trialId: b.id }))); // 6 at 02:50
        await write(() => repository.insertUser(buildUser('user-1', 'one@example.com'))); // 7 at 03:00

        const seqs = async (filter: Omit<Parameters<Repository['listAudit']>[0], 'limit'>, limit = 100) => {
          const { entries, total } = await repository.listAudit({ ...filter, limit });
          return { seqs: entries.map((entry) => entry.seq), total };
        };
        expect(await seqs({})).toEqual({ seqs: [7, 6, 5, 4, 3, 2, 1], total: 7 });
        expect(await seqs({}, 2)).toEqual({ seqs: [7, 6], total: 7 });
        expect(await seqs({ entity: 'vendor' })).toEqual({ seqs: [6, 5, 4], total: 3 });
        expect(await seqs({ action: 'create' })).toEqual({ seqs: [7, 6, 4, 2, 1], total: 5 });
        expect(await seqs({ trialId: a.id })).toEqual({ seqs: [5, 4, 3, 1], total: 4 });
        expect(await seqs({ trialId: a.id }, 1)).toEqual({ seqs: [5], total: 4 });
        expect(await seqs({ entityId: v.id })).toEqual({ seqs: [5, 4], total: 2 });
        expect(await seqs({ userId: LEAD.userId ?? '' })).toEqual({ seqs: [5, 3], total: 2 });
        expect(await seqs({ from: '2026-11-20T02:20:00.000Z', to: '2026-11-20T02:40:00.000Z' })).toEqual({
          seqs: [5, 4, 3],
          total: 3,
        });
        expect(await seqs({ beforeSeq: 3 })).toEqual({ seqs: [2, 1], total: 2 });
        expect(await seqs({ beforeSeq: 6, entity: 'vendor', action: 'delete', trialId: a.id })).toEqual({
          seqs: [5],
          total: 1,
        });
        expect(await seqs({ trialId: 'nope' })).toEqual({ seqs: [], total: 0 });
      });
    });

    describe('idempotency keys', () => {
      it('when a request with a key creates something, then its first write records the key with its answer; its later writes do not', async () => {
        const clock = clockAt(AT);
        const { repository } = await backend.open({ now: clock.now });
        const claim = claimFor('user-1:key-1');
        const trial = buildTrial({ name: 'Created once' });

        await withIdempotencyClaim(claim, async () => {
          await repository.insertTrial(trial);
          await repository.insertVendor(buildVendor({ trialId: trial.id }));
        });

        expect(claim.recorded).toBe(true);
        expect(await repository.findIdempotencyRecord(claim.key)).toEqual({
          key: claim.key,
          fingerprint: claim.fingerprint,
          status: 201,
          body: JSON.parse(JSON.stringify(trial)) as unknown,
          createdAt: AT,
        });
        expect(await repository.findIdempotencyRecord('user-1:other')).toBeUndefined();
        expect(await repository.listVendors(trial.id)).toHaveLength(1);
      });

      it('when a second request comes with a key already recorded, then its write is refused with IdempotencyKeyTakenError carrying the first answer, and nothing is written', async () => {
        const { repository } = await backend.open();
        const trial = buildTrial();
        await withIdempotencyClaim(claimFor('user-1:key-1'), () => repository.insertTrial(trial));
        const first = await repository.findIdempotencyRecord('user-1:key-1');
        const before = await readEverything(repository, { idempotency: ['user-1:key-1'] });

        const retried = withIdempotencyClaim(claimFor('user-1:key-1'), () =>
          repository.insertTrial(buildTrial()),
        );

        await expect(retried).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
        await expect(retried).rejects.toMatchObject({
          name: 'IdempotencyKeyTakenError',
          message: 'This Idempotency-Key was already used',
          record: first,
        });
        expect(await readEverything(repository, { idempotency: ['user-1:key-1'] })).toEqual(before);
      });

      it('when two requests with the same key write at once, then one lands and the other gets the first answer', async () => {
        const { repository } = await backend.open();
        const [a, b] = [buildTrial({ name: 'A' }), buildTrial({ name: 'B' })];

        const [first, second] = await Promise.allSettled([
          withIdempotencyClaim(claimFor('user-1:key-1'), () => repository.insertTrial(a)),
          withIdempotencyClaim(claimFor('user-1:key-1'), () => repository.insertTrial(b)),
        ]);

        expect(first).toEqual({ status: 'fulfilled', value: a });
        expect(second).toMatchObject({ status: 'rejected', reason: { record: { body: { id: a.id } } } });
        expect(await repository.listTrials()).toEqual([a]);
      });

      it('when a probe is updated under a key with an answer, then the answer recorded is the one given', async () => {
        const { repository, probe } = await withTrial();
        const answer = { id: 'event-1', kind: 'ack' };

        await withIdempotencyClaim(claimFor('user-1:event'), () =>
          repository.updateProbe(probe.id, (current) => ({ ...current, title: 'Acknowledged' }), answer),
        );

        expect((await repository.findIdempotencyRecord('user-1:event'))?.body).toEqual(answer);
      });

      it('when a webhook is added under a key, then the answer recorded shows it without its secret or URL keys', async () => {
        const { repository, trial } = await withTrial();
        await withIdempotencyClaim(claimFor('user-1:hook'), () =>
          repository.insertWebhook(buildWebhook('hook-1', trial.id)),
        );
        const body = JSON.stringify((await repository.findIdempotencyRecord('user-1:hook'))?.body);
        expect(body).toContain('"signed":true');
        expect(body).not.toContain(SECRET);
        expect(body).not.toContain(URL_KEY);
      });

      it('when a write under a key changes nothing, then no key is recorded', async () => {
        const { repository } = await backend.open();
        const claim = claimFor('user-1:nothing');
        await withIdempotencyClaim(claim, () => repository.updateTrial('nope', (trial) => trial));
        expect(claim.recorded).toBe(false);
        expect(await repository.findIdempotencyRecord(claim.key)).toBeUndefined();
      });

      it('when an answer is older than 24 hours, then it is not found and the key can be used again', async () => {
        const clock = clockAt(AT);
        const { repository } = await backend.open({ now: clock.now });
        await withIdempotencyClaim(claimFor('user-1:key-1'), () => repository.insertTrial(buildTrial()));
        clock.advance(24 * 60 - 1);
        expect(await repository.findIdempotencyRecord('user-1:key-1')).toBeDefined();
        clock.advance(1);
        expect(await repository.findIdempotencyRecord('user-1:key-1')).toBeUndefined();
        const again = buildTrial();
        await withIdempotencyClaim(claimFor('user-1:key-1'), () => repository.insertTrial(again));
        expect((await repository.findIdempotencyRecord('user-1:key-1'))?.body).toMatchObject({
          id: again.id,
        });
      });
    });

    describe('alerts: targets, alerts that fired, deliveries', () => {
      it('when a target is saved and removed, then it is listed between and both are audited without its secret or URL keys', async () => {
        const { repository, trial } = await withTrial();
        const second = await repository.insertTrial(buildTrial());
        const hook = buildWebhook('hook-1', trial.id);
        const plain = buildWebhook('hook-2', second.id, { secret: null, label: '', kind: 'json' });

        expect(await repository.insertWebhook(hook)).toEqual(hook);
        await repository.insertWebhook(plain);
        expect(await repository.getWebhook('hook-1')).toEqual(hook);
        expect(await repository.listWebhooks()).toEqual([hook, plain]);
        expect(await repository.listWebhooks(second.id)).toEqual([plain]);
        expect(await repository.listWebhooks('nope')).toEqual([]);

        expect(await repository.deleteWebhook('hook-1')).toBe(true);
        expect(await repository.deleteWebhook('hook-1')).toBe(false);
        expect(await repository.getWebhook('hook-1')).toBeUndefined();

        const { entries } = await repository.listAudit({ limit: 10, entity: 'webhook' });
        expect(entries.map(({ action, entityId, label }) => ({ action, entityId, label }))).toEqual([
          { action: 'delete', entityId: 'hook-1', label: 'Procurement group' },
          { action: 'create', entityId: 'hook-2', label: 'json' },
          { action: 'create', entityId: 'hook-1', label: 'Procurement group' },
        ]);
        const log = JSON.stringify(await repository.listAudit({ limit: 100 }));
        expect(log).not.toContain(SECRET);
        expect(log).not.toContain(URL_KEY);
      });

      it('when alerts fire, then each is stored once with the deliveries of its first firing, not audited, and those already stored are skipped', async () => {
        const { repository, trial, probe, otherProbe } = await withTrial();
        const auditBefore = (await repository.listAudit({ limit: 1 })).total;
        const first = buildAlert(probe.id, trial.id);
        const second = buildAlert(otherProbe.id, trial.id);

        expect(
          await repository.recordAlerts([{ alert: first, deliveries: [buildDelivery('d1', trial.id)] }]),
        ).toEqual([first]);
        expect(
          await repository.recordAlerts([
            {
              alert: { ...first, firedAt: '2026-11-20T03:00:00.000Z' },
              deliveries: [buildDelivery('d2', trial.id)],
            },
            { alert: second, deliveries: [buildDelivery('d3', trial.id), buildDelivery('d4', trial.id)] },
          ]),
        ).toEqual([second]);

        expect(await repository.listAlerts({})).toEqual([first, second]);
        expect(await repository.listAlerts({ trialId: trial.id, probeId: otherProbe.id })).toEqual([second]);
        expect(await repository.listAlerts({ trialId: 'nope' })).toEqual([]);
        expect(ids(await repository.listDeliveries({ limit: 10 }))).toEqual(['d4', 'd3', 'd1']);
        expect((await repository.listAudit({ limit: 1 })).total).toBe(auditBefore);
      });

      it('when deliveries are due, then the pending ones due by then come oldest first (then by id), at most `limit`', async () => {
        const { repository, trial } = await withTrial();
        await repository.queueDeliveries([
          buildDelivery('d-later', trial.id, { nextAttemptAt: '2026-11-20T03:00:00.000Z' }),
          buildDelivery('d-b', trial.id, { nextAttemptAt: '2026-11-20T01:00:00.000Z' }),
          buildDelivery('d-a', trial.id, { nextAttemptAt: '2026-11-20T01:00:00.000Z' }),
          buildDelivery('d-now', trial.id, { nextAttemptAt: AT }),
          buildDelivery('d-early', trial.id, { nextAttemptAt: '2026-11-19T00:00:00.000Z' }),
          buildDelivery('d-dead', trial.id, { status: 'dead', nextAttemptAt: '2026-11-19T00:00:00.000Z' }),
          buildDelivery('d-done', trial.id, {
            status: 'delivered',
            nextAttemptAt: '2026-11-19T00:00:00.000Z',
          }),
        ]);

        expect(ids(await repository.dueDeliveries(AT, 10))).toEqual(['d-early', 'd-a', 'd-b', 'd-now']);
        expect(ids(await repository.dueDeliveries(AT, 2))).toEqual(['d-early', 'd-a']);
        expect(ids(await repository.dueDeliveries('2026-11-18T00:00:00.000Z', 10))).toEqual([]);
      });

      it('when deliveries are listed, then they come newest first (then by id, last first), filtered by trial and status, at most `limit`', async () => {
        const { repository, trial } = await withTrial();
        const other = await repository.insertTrial(buildTrial());
        await repository.queueDeliveries([
          buildDelivery('d1', trial.id, { createdAt: '2026-11-20T01:00:00.000Z' }),
          buildDelivery('d2', trial.id, { createdAt: '2026-11-20T03:00:00.000Z', status: 'dead' }),
          buildDelivery('d3', other.id, { createdAt: '2026-11-20T02:00:00.000Z' }),
          buildDelivery('d4', trial.id, { createdAt: '2026-11-20T02:00:00.000Z' }),
        ]);

        expect(ids(await repository.listDeliveries({ limit: 10 }))).toEqual(['d2', 'd4', 'd3', 'd1']);
        expect(ids(await repository.listDeliveries({ limit: 2 }))).toEqual(['d2', 'd4']);
        expect(ids(await repository.listDeliveries({ limit: 10, trialId: trial.id }))).toEqual([
          'd2',
          'd4',
          'd1',
        ]);
        expect(ids(await repository.listDeliveries({ limit: 10, status: 'pending' }))).toEqual([
          'd4',
          'd3',
          'd1',
        ]);
        expect(
          ids(await repository.listDeliveries({ limit: 10, trialId: other.id, status: 'dead' })),
        ).toEqual([]);
      });

      it('when deliveries are queued again by id, then those stored are skipped, and queuing is not audited', async () => {
        const { repository, trial } = await withTrial();
        const auditBefore = (await repository.listAudit({ limit: 1 })).total;
        const first = buildDelivery('digest:user-1:2026-11-20', trial.id, {
          channel: 'email',
          userId: 'user-1',
        });

        expect(await repository.queueDeliveries([first])).toEqual([first]);
        const again = { ...first, attempts: 3 };
        const next = buildDelivery('digest:user-1:2026-11-21', trial.id, {
          channel: 'email',
          userId: 'user-1',
        });
        expect(await repository.queueDeliveries([again, next])).toEqual([next]);

        expect(await repository.getDelivery(first.id)).toEqual(first);
        expect((await repository.listAudit({ limit: 1 })).total).toBe(auditBefore);
      });

      it('when an admin enqueues deliveries, then each is stored and audited under the admin', async () => {
        const { repository, trial } = await withTrial();
        const test = buildDelivery('test-1', trial.id, { webhookId: 'hook-1' });
        await actingAs(LEAD, () => repository.enqueueDeliveries([test]));

        expect(await repository.getDelivery('test-1')).toEqual(test);
        const [entry] = (await repository.listAudit({ limit: 1 })).entries;
        expect(entry).toMatchObject({
          action: 'create',
          entity: 'delivery',
          entityId: 'test-1',
          actor: LEAD,
        });
      });

      it('when a delivery attempt is recorded, then the delivery is updated and not audited; an unknown one is undefined', async () => {
        const { repository, trial } = await withTrial();
        await repository.queueDeliveries([buildDelivery('d1', trial.id)]);
        const auditBefore = (await repository.listAudit({ limit: 1 })).total;

        const updated = await repository.updateDelivery('d1', (delivery) => ({
          ...delivery,
          attempts: 1,
          lastStatus: 500,
          lastError: 'HTTP 500',
          nextAttemptAt: '2026-11-20T02:01:00.000Z',
        }));

        expect(updated).toEqual({
          ...buildDelivery('d1', trial.id),
          attempts: 1,
          lastStatus: 500,
          lastError: 'HTTP 500',
          nextAttemptAt: '2026-11-20T02:01:00.000Z',
        });
        expect(await repository.getDelivery('d1')).toEqual(updated);
        expect(await repository.updateDelivery('nope', (delivery) => delivery)).toBeUndefined();
        expect(await repository.getDelivery('nope')).toBeUndefined();
        expect((await repository.listAudit({ limit: 1 })).total).toBe(auditBefore);
      });

      it("when a target is removed, then its pending deliveries die and its delivered ones and other targets' stay", async () => {
        const { repository, trial } = await withTrial();
        await repository.insertWebhook(buildWebhook('hook-1', trial.id));
        await repository.insertWebhook(buildWebhook('hook-2', trial.id));
        const delivered = buildDelivery('d-done', trial.id, {
          webhookId: 'hook-1',
          status: 'delivered',
          deliveredAt: AT,
        });
        const otherPending = buildDelivery('d-other', trial.id, { webhookId: 'hook-2' });
        await repository.queueDeliveries([
          buildDelivery('d-pending', trial.id, { webhookId: 'hook-1' }),
          delivered,
          otherPending,
        ]);

        await repository.deleteWebhook('hook-1');

        expect(await repository.getDelivery('d-pending')).toEqual(
          buildDelivery('d-pending', trial.id, {
            webhookId: 'hook-1',
            status: 'dead',
            lastError: 'The target was removed.',
          }),
        );
        expect(await repository.getDelivery('d-done')).toEqual(delivered);
        expect(await repository.getDelivery('d-other')).toEqual(otherPending);
      });

      it('when a delivery attempt is recorded, then the revision holds (cached pages stay valid); when an alert fires or trial data changes, it moves', async () => {
        const { repository, trial, probe } = await withTrial();
        await repository.insertWebhook(buildWebhook('hook-1', trial.id));
        const start = repository.revision();

        await repository.recordAlerts([
          { alert: buildAlert(probe.id, trial.id), deliveries: [buildDelivery('d1', trial.id)] },
        ]);
        const afterAlert = repository.revision();
        expect(afterAlert).toBeGreaterThan(start);

        await repository.updateDelivery('d1', (delivery) => ({ ...delivery, attempts: 1, lastStatus: 500 }));
        await repository.queueDeliveries([buildDelivery('d2', trial.id)]);
        await repository.insertUser(buildUser('user-1', 'one@example.com'));
        await repository.insertToken(buildToken('tok-1', 'user-1'));
        expect(repository.revision()).toBe(afterAlert);

        await repository.updateProbe(probe.id, (current) => ({ ...current, title: 'Moved' }));
        expect(repository.revision()).toBeGreaterThan(afterAlert);
      });
    });

    describe('a restart', () => {
      it('when the store is reopened, then everything reads back equal: every list in order, sessions, answers and the audit log; records are frozen; writes go on', async () => {
        const clock = clockAt(AT);
        const opened = await backend.open({ now: clock.now });
        const { repository } = opened;
        const { trial, probe } = await (async () => {
          const trial = await repository.insertTrial(buildTrial({ name: '音视频 SDK 选型 "quoted"' }));
          const closedLater = await repository.insertTrial(buildTrial({ name: 'To close' }));
          const reopened = await repository.insertTrial(buildTrial({ name: 'To reopen' }));
          const vendors = await Promise.all(
            ['声浪云', 'NimbusRTC', 'Gone'].map((name) =>
              repository.insertVendor(buildVendor({ trialId: trial.id, name })),
            ),
          );
          const [v0, v1, v2] = vendors as [
            (typeof vendors)[number],
            (typeof vendors)[number],
            (typeof vendors)[number],
          ];
          await repository.insertScenario(buildScenario({ id: 'scenario-1', trialId: trial.id }));
          const probe = await repository.insertProbe(
            buildProbe({
              trialId: trial.id,
              vendorId: v0.id,
              events: events(['2026-11-20T10:05:00+08:00', 'ack', { note: '已收到\n第二行' }]),
            }),
          );
          await repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: v1.id }));
          await repository.insertProbe(buildProbe({ trialId: trial.id, vendorId: v2.id }));
          await repository.deleteVendor(v2.id);
          await repository.updateVendor(v0.id, (vendor) => ({ ...vendor, name: '声浪云 SonicWave' }));
          await repository.deleteVendor(v1.id);
          await repository.insertVendor(v1);
          const closedVendor = await repository.insertVendor(buildVendor({ trialId: closedLater.id }));
          await repository.insertProbe(buildProbe({ trialId: closedLater.id, vendorId: closedVendor.id }));
          await repository.closeTrial(closedLater.id, sealWith('e'.repeat(64)));
          await repository.closeTrial(reopened.id, sealWith('f'.repeat(64)));
          await repository.reopenTrial(reopened.id, 'planning', AT);
          const one = buildUser('user-1', 'one@example.com', { role: 'admin' });
          await repository.insertFirstUser(one);
          await repository.insertUser(buildUser('user-2', 'two@example.com'));
          await repository.updateUser('user-2', (user) => ({ ...user, active: false }));
          await repository.insertToken(buildToken('tok-1', 'user-1'));
          await repository.recordTokenUse('tok-1', '2026-11-20T02:30:00.000Z');
          await repository.insertSession(buildSession(sha('s1'), 'user-1'), one);
          await repository.recordLoginFailure('who@example.com', undefined);
          await repository.insertWebhook(buildWebhook('hook-1', trial.id));
          await repository.recordAlerts([
            {
              alert: buildAlert(probe.id, trial.id),
              deliveries: [buildDelivery('d1', trial.id, { webhookId: 'hook-1' })],
            },
          ]);
          await repository.queueDeliveries([
            buildDelivery('d2', trial.id, { createdAt: '2026-11-20T01:00:00.000Z' }),
          ]);
          await repository.updateDelivery('d2', (delivery) => ({
            ...delivery,
            status: 'delivered',
            deliveredAt: AT,
          }));
          await actingAs(LEAD, () =>
            withIdempotencyClaim(claimFor('user-1:key-1'), () =>
              repository.updateProbe(probe.id, (current) => ({ ...current, title: 'Retitled' })),
            ),
          );
          return { trial, probe };
        })();
        const keys = { sessions: [sha('s1'), sha('none')], idempotency: ['user-1:key-1'] };
        const before = await readEverything(repository, keys);
        expect(before.audit.total).toBeGreaterThan(20);

        const reopened = await opened.reopen();

        const after = await readEverything(reopened, keys);
        expect(after).toEqual(before);
        expect(after.trials.flatMap((record) => unfrozen(record))).toEqual([]);
        expect(after.perTrial.flatMap(({ data }) => unfrozen(data?.probes))).toEqual([]);
        const closedTrial = before.trials[1];
        await expect(
          reopened.insertVendor(buildVendor({ trialId: closedTrial?.id ?? '' })),
        ).rejects.toBeInstanceOf(TrialFrozenError);
        await expect(
          withIdempotencyClaim(claimFor('user-1:key-1'), () => reopened.insertTrial(buildTrial())),
        ).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
        const revision = reopened.revision();
        await reopened.updateProbe(probe.id, (current) => ({ ...current, title: 'After the restart' }));
        expect(reopened.revision()).toBeGreaterThan(revision);
        const { entries, total } = await reopened.listAudit({ limit: 1, trialId: trial.id });
        expect(entries[0]?.seq).toBe(before.audit.total + 1);
        expect(total).toBeGreaterThan(0);
      });

      it('when a store is reopened twice with nothing written between, then it reads back the same again', async () => {
        const opened = await backend.open();
        const trial = await opened.repository.insertTrial(buildTrial());
        const first = await opened.reopen();
        const before = await readEverything(first);
        const second = await opened.reopen();
        expect(await readEverything(second)).toEqual(before);
        expect(await second.getTrial(trial.id)).toEqual(trial);
      });
    });

    describe('concurrent writes', () => {
      it('when 50 trials are inserted at once, then all 50 land, listed in the order asked, audited 1..50 without gaps', async () => {
        const { repository } = await backend.open();
        const trials = Array.from({ length: 50 }, (_, index) => buildTrial({ name: `Trial ${index}` }));

        const stored = await Promise.all(trials.map((trial) => repository.insertTrial(trial)));

        expect(stored).toEqual(trials);
        expect(await repository.listTrials()).toEqual(trials);
        const { entries, total } = await repository.listAudit({ limit: 100 });
        expect(total).toBe(50);
        expect([...entries].reverse().map(({ seq, entityId }) => ({ seq, entityId }))).toEqual(
          trials.map((trial, index) => ({ seq: index + 1, entityId: trial.id })),
        );
      });

      it('when 50 updates of one probe are made at once, then none is lost and the audit log goes on without gaps', async () => {
        const { repository, probe } = await withTrial();
        const auditBefore = (await repository.listAudit({ limit: 1 })).total;
        const added = Array.from({ length: 50 }, (_, index) =>
          events([
            `2026-11-20T12:${String(index).padStart(2, '0')}:00+08:00`,
            'note',
            { note: `Note ${index}` },
          ]),
        ).flat();

        await Promise.all(
          added.map((event) =>
            repository.updateProbe(probe.id, (current) => ({
              ...current,
              events: [...current.events, event],
            })),
          ),
        );

        expect((await repository.getProbe(probe.id))?.events.slice(2)).toEqual(added);
        const { entries } = await repository.listAudit({ limit: 1000 });
        expect([...entries].reverse().map((entry) => entry.seq)).toEqual(
          Array.from({ length: auditBefore + 50 }, (_, index) => index + 1),
        );
      });
    });

    describe('text the audit log shortens', () => {
      it('when a trial name has an emoji where the audit log cuts long values, then the trial is stored and audited like any other', async () => {
        const { repository } = await backend.open();
        // The audit log keeps 159 characters of a long value and "…": this cut falls inside 😀.
        const trial = buildTrial({ name: `${'a'.repeat(158)}😀${'b'.repeat(10)}` });

        expect(await repository.insertTrial(trial)).toEqual(trial);

        expect(await repository.getTrial(trial.id)).toEqual(trial);
        expect((await repository.listAudit({ limit: 1 })).entries[0]).toMatchObject({
          entity: 'trial',
          entityId: trial.id,
        });
      });

      it("when a delivery's text holds half an emoji (a digest line cut short), then it is queued and reads back as it was", async () => {
        const { repository, trial } = await withTrial();
        // The daily digest cuts a probe title to 79 characters and "…": this cut falls inside 😀.
        const title = `${'a'.repeat(78)}😀 and more`;
        const base = buildDelivery('digest:user-1:2026-11-20', trial.id, {
          channel: 'email',
          userId: 'user-1',
        });
        const digest = {
          ...base,
          message: { ...base.message, type: 'digest' as const, text: `${title.slice(0, 79)}…` },
        };

        expect(await repository.queueDeliveries([digest])).toEqual([digest]);

        expect(await repository.getDelivery(digest.id)).toEqual(digest);
      });
    });
  });
}
