/**
 * Differential property: whatever sequence of repository operations is run — inserts, updates,
 * deletions, closing and reopening trials, imports, accounts, targets, alerts, deliveries,
 * requests under an Idempotency-Key, operations issued together, restarts, and operations that
 * must fail — the JSON data folder and PostgreSQL answer each one the same (the same value, or
 * an error of the same class with the same message), and afterwards every list reads back the
 * same, before and after a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditActor } from '../../src/domain/accounts.js';
import {
  EventSchema,
  TrialSchema,
  VendorSchema,
  type Probe,
  type Trial,
  type TrialExport,
} from '../../src/domain/schemas.js';
import { actingAs } from '../../src/app/requestContext.js';
import { PgStore } from '../../src/storage/postgres/pgStore.js';
import {
  createRepository,
  dropExpired,
  expiredRecords,
  type Repository,
} from '../../src/storage/repository.js';
import { withIdempotencyClaim } from '../../src/storage/requestContext.js';
import { Store } from '../../src/storage/store.js';
import {
  AT,
  buildAlert,
  buildDelivery,
  buildScenario,
  buildSession,
  buildToken,
  buildUser,
  buildWebhook,
  readEverything,
  sealWith,
  sha,
} from '../contract/repository.js';
import { buildProbe, buildTrial, buildVendor } from '../factories.js';
import { freshDatabase } from '../support/postgres.js';

// --- The operations, each carrying its ids (drawn from small pools, so they collide) --------

const TRIALS = ['t1', 't2', 't3'] as const;
const VENDORS = ['v1', 'v2', 'v3', 'v4'] as const;
const SCENARIOS = ['s1', 's2', 's3'] as const;
const PROBES = ['p1', 'p2', 'p3', 'p4', 'p5'] as const;
const USERS = ['u1', 'u2', 'u3'] as const;
const EMAILS = ['a@example.com', 'b@example.com', 'c@example.com'] as const;
const TOKENS = ['k1', 'k2'] as const;
const SESSIONS = ['s1', 's2', 's3'].map((seed) => sha(`session-${seed}`));
const WEBHOOKS = ['w1', 'w2'] as const;
const DELIVERIES = ['d1', 'd2', 'd3', 'd4', 'd5'] as const;
const KEYS = ['u1:key-1', 'u1:key-2'] as const;

/** How an update function behaves: returns a new record, throws, or edits its (frozen) input. */
type How = 'change' | 'throw' | 'mutate';

type Simple =
  | { op: 'insertTrial'; id: string; name: string; status: 'running' | 'planning' | 'closed' }
  | { op: 'updateTrial'; id: string; name: string; how: How | 'close' }
  | { op: 'deleteTrial'; id: string }
  | { op: 'closeTrial'; id: string; seed: number }
  | { op: 'reopenTrial'; id: string; status: 'running' | 'planning' }
  | { op: 'reimport'; id: string }
  | {
      op: 'importTrial';
      id: string;
      vendors: string[];
      scenarios: string[];
      probes: string[];
      closed: boolean;
    }
  | { op: 'insertVendor'; id: string; trialId: string; name: string }
  | { op: 'updateVendor'; id: string; name: string; how: How }
  | { op: 'deleteVendor'; id: string }
  | { op: 'insertScenario'; id: string; trialId: string; title: string }
  | { op: 'insertProbe'; id: string; trialId: string; vendorId: string; title: string; events: number }
  | { op: 'updateProbe'; id: string; note: string; how: How; answer: boolean }
  | { op: 'deleteProbe'; id: string }
  | { op: 'insertUser'; id: string; email: string; first: boolean }
  | { op: 'updateUser'; id: string; change: 'name' | 'password' | 'deactivate' | 'throw' }
  | { op: 'insertToken'; id: string; userId: string }
  | { op: 'revokeToken'; id: string }
  | { op: 'useToken'; id: string; minute: number }
  | { op: 'insertSession'; idHash: string; userId: string; day: number }
  | { op: 'deleteSession'; idHash: string }
  | { op: 'loginFailure'; email: string }
  | { op: 'insertWebhook'; id: string; trialId: string; signed: boolean }
  | { op: 'deleteWebhook'; id: string }
  | { op: 'recordAlerts'; fired: { probeId: string; trialId: string; deliveries: string[] }[] }
  | { op: 'queueDeliveries'; trialId: string; ids: string[] }
  | { op: 'updateDelivery'; id: string; status: 'pending' | 'delivered' | 'dead' };

type Op =
  | (Simple & { actor?: AuditActor | undefined })
  | { op: 'claim'; key: string; inner: Simple }
  | { op: 'together'; inner: Simple[] }
  | { op: 'restart' };

/**
 * Names as the schemas store them (already trimmed: a stored record is in its schema's normal
 * form), a few fixed ones and generated one-line strings of any script.
 */
const name = fc.oneof(
  fc.constantFrom('声浪云 SonicWave', 'NimbusRTC', '"quoted" \\ back', 'Ünïcode 😀 ok', 'ع ربي'),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
    .filter(
      (text) =>
        TrialSchema.shape.name.safeParse(text).data === text &&
        VendorSchema.shape.name.safeParse(text).data === text,
    ),
);
const how = fc.constantFrom<How>('change', 'change', 'change', 'throw', 'mutate');
const trialId = fc.constantFrom(...TRIALS);
const vendorId = fc.constantFrom(...VENDORS);
const probeId = fc.constantFrom(...PROBES);
const userId = fc.constantFrom(...USERS);
const some = <T>(pool: readonly T[], maxLength = 3) =>
  fc.uniqueArray(fc.constantFrom(...pool), { maxLength });

const simple: fc.Arbitrary<Simple> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('insertTrial' as const),
      id: trialId,
      name,
      status: fc.constantFrom('running' as const, 'planning' as const, 'closed' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('updateTrial' as const),
      id: trialId,
      name,
      how: fc.oneof(how, fc.constant('close' as const)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteTrial' as const), id: trialId }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('closeTrial' as const), id: trialId, seed: fc.nat(15) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('reopenTrial' as const),
      id: trialId,
      status: fc.constantFrom('running' as const, 'planning' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reimport' as const), id: trialId }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('importTrial' as const),
      id: trialId,
      vendors: some(VENDORS, 2),
      scenarios: some(SCENARIOS, 2),
      probes: some(PROBES, 2),
      closed: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('insertVendor' as const), id: vendorId, trialId, name }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('updateVendor' as const), id: vendorId, name, how }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteVendor' as const), id: vendorId }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('insertScenario' as const),
      id: fc.constantFrom(...SCENARIOS),
      trialId,
      title: name,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('insertProbe' as const),
      id: probeId,
      trialId,
      vendorId,
      title: name,
      events: fc.nat(3),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('updateProbe' as const),
      id: probeId,
      note: name,
      how,
      answer: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteProbe' as const), id: probeId }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('insertUser' as const),
      id: userId,
      email: fc.constantFrom(...EMAILS),
      first: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('updateUser' as const),
      id: userId,
      change: fc.constantFrom('name' as const, 'password' as const, 'deactivate' as const, 'throw' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('insertToken' as const), id: fc.constantFrom(...TOKENS), userId }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('revokeToken' as const), id: fc.constantFrom(...TOKENS) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('useToken' as const),
      id: fc.constantFrom(...TOKENS),
      minute: fc.nat(59),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('insertSession' as const),
      idHash: fc.constantFrom(...SESSIONS),
      userId,
      day: fc.integer({ min: 1, max: 9 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('deleteSession' as const), idHash: fc.constantFrom(...SESSIONS) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('loginFailure' as const),
      email: fc.constantFrom(...EMAILS, 'Nobody@Example.com'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('insertWebhook' as const),
      id: fc.constantFrom(...WEBHOOKS),
      trialId,
      signed: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('deleteWebhook' as const), id: fc.constantFrom(...WEBHOOKS) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('recordAlerts' as const),
      fired: fc.array(fc.record({ probeId, trialId, deliveries: some(DELIVERIES, 2) }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('queueDeliveries' as const),
      trialId,
      ids: some(DELIVERIES, 3),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('updateDelivery' as const),
      id: fc.constantFrom(...DELIVERIES),
      status: fc.constantFrom('pending' as const, 'delivered' as const, 'dead' as const),
    }),
  },
);

const ACTORS: AuditActor[] = [
  { via: 'session', userId: 'u1', email: 'a@example.com' },
  { via: 'token', userId: 'u2', email: 'b@example.com', tokenId: 'k1' },
  { via: 'cli', userId: null, email: null },
];

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(simple, fc.option(fc.constantFrom(...ACTORS), { nil: undefined }))
      .map(([chosen, actor]): Op => ({ ...chosen, actor })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('claim' as const), key: fc.constantFrom(...KEYS), inner: simple }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('together' as const),
      inner: fc.array(simple, { minLength: 2, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
);

/**
 * Where every sequence starts, so that the operations drawn meet records more often than not:
 * two trials with vendors and probes, an account and a target.
 */
const SETUP: Op[] = [
  { op: 'insertTrial', id: 't1', name: '音视频 SDK 选型', status: 'running' },
  { op: 'insertTrial', id: 't2', name: 'Second trial', status: 'planning' },
  { op: 'insertVendor', id: 'v1', trialId: 't1', name: '声浪云 SonicWave' },
  { op: 'insertVendor', id: 'v2', trialId: 't1', name: 'NimbusRTC' },
  { op: 'insertVendor', id: 'v3', trialId: 't2', name: 'Third' },
  { op: 'insertScenario', id: 's1', trialId: 't1', title: 'Echo' },
  { op: 'insertProbe', id: 'p1', trialId: 't1', vendorId: 'v1', title: 'Push fails', events: 2 },
  { op: 'insertProbe', id: 'p2', trialId: 't1', vendorId: 'v2', title: 'Pull fails', events: 0 },
  { op: 'insertProbe', id: 'p3', trialId: 't2', vendorId: 'v3', title: 'Echo', events: 1 },
  { op: 'insertUser', id: 'u1', email: 'a@example.com', first: true },
  { op: 'insertWebhook', id: 'w1', trialId: 't1', signed: true },
];

// --- Running an operation ----------------------------------------------------------------

const FIXED_NOW = new Date(AT);
const now = () => FIXED_NOW;
const minutesAfter = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

const refusal = () => {
  throw new Error('The update function refuses');
};
/** An update function as `how` says: `change` applied to a copy, a throw, or an edit of its frozen input. */
function updater<R extends object>(how: How, change: (record: R) => R): (record: R) => R {
  if (how === 'throw') return refusal;
  if (how === 'mutate')
    return (record) => {
      (record as Record<string, unknown>)['updatedAt'] = AT;
      return record;
    };
  return change;
}

function probeOf(id: string, trialId: string, vendorId: string, title: string, count: number): Probe {
  const sentAt = '2026-11-20T02:00:00.000Z';
  return buildProbe({
    id,
    trialId,
    vendorId,
    title,
    sentAt,
    events: Array.from({ length: count }, (_, index) =>
      EventSchema.parse({
        id: `${id}-e${index}`,
        at: minutesAfter(sentAt, index + 1),
        kind: index % 2 === 0 ? 'ack' : 'note',
        actor: index % 2 === 0 ? 'vendor' : 'buyer',
      }),
    ),
  });
}

function importOf(chosen: Extract<Simple, { op: 'importTrial' }>): TrialExport {
  const trial = buildTrial({
    id: chosen.id,
    name: `Imported ${chosen.id}`,
    status: chosen.closed ? 'closed' : 'running',
  });
  const vendorId = chosen.vendors[0] ?? 'v-none';
  return {
    format: 'sla-probe-trial/1',
    trial,
    vendors: chosen.vendors.map((id) => buildVendor({ id, trialId: chosen.id, name: `Vendor ${id}` })),
    scenarios: chosen.scenarios.map((id) => buildScenario({ id, trialId: chosen.id })),
    probes: chosen.probes.map((id) => probeOf(id, chosen.id, vendorId, `Probe ${id}`, 1)),
  };
}

/** Runs one plain operation; what it answers (records, lists, booleans). */
async function runSimple(repository: Repository, chosen: Simple): Promise<unknown> {
  switch (chosen.op) {
    case 'insertTrial':
      return repository.insertTrial(buildTrial({ id: chosen.id, name: chosen.name, status: chosen.status }));
    case 'updateTrial':
      return repository.updateTrial(
        chosen.id,
        chosen.how === 'close'
          ? (trial): Trial => ({ ...trial, status: 'closed' })
          : updater<Trial>(chosen.how, (trial) => ({ ...trial, name: chosen.name, updatedAt: AT })),
      );
    case 'deleteTrial':
      return repository.deleteTrial(chosen.id);
    case 'closeTrial':
      return repository.closeTrial(chosen.id, sealWith(chosen.seed.toString(16).repeat(64)));
    case 'reopenTrial':
      return repository.reopenTrial(chosen.id, chosen.status, AT);
    case 'reimport': {
      const exported = await repository.getTrialData(chosen.id);
      if (!exported) return 'no such trial';
      const deleted = await repository.deleteTrial(chosen.id).catch((error: unknown) => describeError(error));
      return { deleted, imported: await repository.importTrial(exported) };
    }
    case 'importTrial':
      return repository.importTrial(importOf(chosen));
    case 'insertVendor':
      return repository.insertVendor(
        buildVendor({ id: chosen.id, trialId: chosen.trialId, name: chosen.name }),
      );
    case 'updateVendor':
      return repository.updateVendor(
        chosen.id,
        updater(chosen.how, (vendor) => ({ ...vendor, name: chosen.name })),
      );
    case 'deleteVendor':
      return repository.deleteVendor(chosen.id);
    case 'insertScenario':
      return repository.insertScenario(
        buildScenario({ id: chosen.id, trialId: chosen.trialId, title: chosen.title }),
      );
    case 'insertProbe':
      return repository.insertProbe(
        probeOf(chosen.id, chosen.trialId, chosen.vendorId, chosen.title, chosen.events),
      );
    case 'updateProbe':
      return repository.updateProbe(
        chosen.id,
        updater<Probe>(chosen.how, (probe) => ({
          ...probe,
          events: [
            ...probe.events,
            EventSchema.parse({
              id: `${probe.id}-n${probe.events.length}`,
              at: minutesAfter(probe.sentAt, probe.events.length + 1),
              kind: 'note',
              actor: 'buyer',
              note: chosen.note,
            }),
          ],
        })),
        chosen.answer ? { noted: chosen.note } : undefined,
      );
    case 'deleteProbe':
      return repository.deleteProbe(chosen.id);
    case 'insertUser': {
      const user = buildUser(chosen.id, chosen.email);
      return chosen.first ? repository.insertFirstUser(user) : repository.insertUser(user);
    }
    case 'updateUser':
      return repository.updateUser(chosen.id, (user, users) => {
        switch (chosen.change) {
          case 'name':
            return { ...user, name: `One of ${users.length}` };
          case 'password':
            return { ...user, passwordHash: `${user.passwordHash}x`, updatedAt: AT };
          case 'deactivate':
            return { ...user, active: false };
          case 'throw':
            return refusal();
        }
      });
    case 'insertToken':
      return repository.insertToken(buildToken(chosen.id, chosen.userId));
    case 'revokeToken':
      return repository.updateToken(chosen.id, (token) => ({ ...token, revokedAt: AT }));
    case 'useToken':
      return repository.recordTokenUse(chosen.id, minutesAfter(AT, chosen.minute));
    case 'insertSession': {
      const user = (await repository.getUser(chosen.userId)) ?? buildUser(chosen.userId, 'gone@example.com');
      const createdAt = minutesAfter(AT, chosen.day * 60);
      return repository.insertSession(
        buildSession(chosen.idHash, chosen.userId, createdAt, minutesAfter(createdAt, 3 * 60)),
        user,
      );
    }
    case 'deleteSession':
      return repository.deleteSession(chosen.idHash);
    case 'loginFailure':
      return repository.recordLoginFailure(chosen.email, await repository.findUserByEmail(chosen.email));
    case 'insertWebhook':
      return repository.insertWebhook(
        buildWebhook(
          chosen.id,
          chosen.trialId,
          chosen.signed ? {} : { secret: null, label: '', kind: 'json' },
        ),
      );
    case 'deleteWebhook':
      return repository.deleteWebhook(chosen.id);
    case 'recordAlerts':
      return repository.recordAlerts(
        chosen.fired.map(({ probeId, trialId, deliveries }) => ({
          alert: buildAlert(probeId, trialId),
          deliveries: deliveries.map((id) =>
            buildDelivery(id, trialId, { webhookId: 'w1', alertKey: probeId }),
          ),
        })),
      );
    case 'queueDeliveries':
      return repository.queueDeliveries(chosen.ids.map((id) => buildDelivery(id, chosen.trialId)));
    case 'updateDelivery':
      return repository.updateDelivery(chosen.id, (delivery) => ({
        ...delivery,
        status: chosen.status,
        attempts: delivery.attempts + 1,
        lastAttemptAt: AT,
        lastStatus: chosen.status === 'delivered' ? 200 : 500,
      }));
  }
}

const describeError = (error: unknown) =>
  error instanceof Error
    ? {
        error: error.constructor.name,
        name: error.name,
        message: error.message,
        ...('record' in error ? { record: error.record } : {}),
      }
    : { thrown: error };

/** What an operation came to: its answer, or the error it was refused with. */
const outcomeOf = (work: () => Promise<unknown>) =>
  work().then(
    (value) => ({ value }),
    (error: unknown) => describeError(error),
  );

interface Opened {
  repository: Repository;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

async function openJson(): Promise<Opened> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sla-probe-same-results-'));
  const options = { keepOnFold: dropExpired(now) };
  let store = await Store.open(dir, options);
  const opened: Opened = {
    repository: createRepository(store, { now }),
    reopen: async () => {
      await store.close();
      store = await Store.open(dir, options);
      opened.repository = createRepository(store, { now });
    },
    close: async () => {
      await store.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return opened;
}

async function openPostgres(): Promise<Opened> {
  const url = await freshDatabase();
  const options = {
    poolSize: 3,
    expired: (view: Parameters<typeof expiredRecords>[0]) => expiredRecords(view, now()),
  };
  let store = await PgStore.open(url, options);
  const opened: Opened = {
    repository: createRepository(store, { now }),
    reopen: async () => {
      await store.close();
      store = await PgStore.open(url, options);
      opened.repository = createRepository(store, { now });
    },
    close: () => store.close().catch(() => undefined),
  };
  return opened;
}

/** Runs `chosen` on one store: what each of its operations came to. */
async function run(opened: Opened, chosen: Op): Promise<unknown> {
  const repository = opened.repository;
  switch (chosen.op) {
    case 'restart':
      return outcomeOf(() => opened.reopen());
    case 'claim':
      return outcomeOf(() =>
        withIdempotencyClaim(
          { key: chosen.key, fingerprint: sha(chosen.key), status: 201, recorded: false },
          () => runSimple(repository, chosen.inner),
        ),
      );
    case 'together':
      return Promise.all(chosen.inner.map((inner) => outcomeOf(() => runSimple(repository, inner))));
    default: {
      const { actor, ...plain } = chosen;
      return outcomeOf(() =>
        actor ? actingAs(actor, () => runSimple(repository, plain)) : runSimple(repository, plain),
      );
    }
  }
}

/** Lets a store's command queue wind down between operations, as between two requests. */
const queueIdle = () => new Promise((resolve) => setTimeout(resolve, 2));

const everything = (repository: Repository) =>
  readEverything(repository, { sessions: SESSIONS, idempotency: KEYS });

describe('the JSON data folder and PostgreSQL give the same results', () => {
  it('when the same random operations run on both, then each answers the same and both read back the same, also after a restart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40, size: 'max' }), async (drawn) => {
        const ops = [...SETUP, ...drawn];
        const [json, postgres] = await Promise.all([openJson(), openPostgres()]);
        try {
          for (const [index, chosen] of ops.entries()) {
            const expected = await run(json, chosen);
            await queueIdle();
            const actual = await run(postgres, chosen);
            await queueIdle();
            expect({ index, chosen, outcome: actual }).toEqual({ index, chosen, outcome: expected });
          }
          const expected = await everything(json.repository);
          expect(await everything(postgres.repository)).toEqual(expected);
          await postgres.reopen();
          expect(await everything(postgres.repository)).toEqual(expected);
          await json.reopen();
          expect(await everything(json.repository)).toEqual(expected);
        } finally {
          await Promise.all([json.close(), postgres.close()]);
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
