/**
 * SPEC §9: a POST that creates something accepts an `Idempotency-Key`; a retry after a lost
 * answer gets the first answer, never a duplicate — also across a restart and under a race.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import { depsOver } from '../../src/app/wiring.js';
import { createApp } from '../../src/http/app.js';
import { parseJournal } from '../../src/storage/journal.js';
import { Store } from '../../src/storage/store.js';
import { addUser, asBrowser, createTestApp, FIXED_NOW, postProbe, postTrial, postVendor } from './helpers.js';

interface Route {
  name: string;
  /** The path to POST to, the body, and how many records of its kind exist (to count duplicates). */
  prepare: (
    app: TestAppLike,
  ) => Promise<{ path: string; body: Record<string, unknown>; count: () => Promise<number> }>;
}
type TestAppLike = Awaited<ReturnType<typeof createTestApp>>['app'];

const countOf = async (
  app: TestAppLike,
  url: string,
  select: (body: unknown) => number = (body) => (body as unknown[]).length,
) => select((await request(app).get(url)).body);

const ROUTES: Route[] = [
  {
    name: 'POST /trials',
    prepare: (app) =>
      Promise.resolve({
        path: '/api/v1/trials',
        body: { name: '音视频 SDK 选型', timezone: 'Asia/Shanghai' },
        count: () => countOf(app, '/api/v1/trials'),
      }),
  },
  {
    name: 'POST /trials/sample',
    prepare: (app) =>
      Promise.resolve({
        path: '/api/v1/trials/sample',
        body: {},
        count: () => countOf(app, '/api/v1/trials'),
      }),
  },
  {
    name: 'POST /trials/import',
    prepare: async (app) => {
      const trial = await postTrial(app);
      const exported = (await request(app).get(`/api/v1/trials/${trial.id}/export`)).body as {
        trial: { id: string };
      };
      await request(app).delete(`/api/v1/trials/${trial.id}`);
      return { path: '/api/v1/trials/import', body: exported, count: () => countOf(app, '/api/v1/trials') };
    },
  },
  {
    name: 'POST /trials/:trialId/vendors',
    prepare: async (app) => {
      const trial = await postTrial(app);
      return {
        path: `/api/v1/trials/${trial.id}/vendors`,
        body: { name: '声浪云 SonicWave' },
        count: () => countOf(app, `/api/v1/trials/${trial.id}/vendors`),
      };
    },
  },
  {
    name: 'POST /trials/:trialId/scenarios',
    prepare: async (app) => {
      const trial = await postTrial(app);
      return {
        path: `/api/v1/trials/${trial.id}/scenarios`,
        body: { title: 'Echo on Bluetooth', severity: 'P1', category: 'av-quality', difficulty: 'hard' },
        count: () => countOf(app, `/api/v1/trials/${trial.id}/scenarios`),
      };
    },
  },
  {
    name: 'POST /trials/:trialId/probes',
    prepare: async (app) => {
      const trial = await postTrial(app);
      const vendor = await postVendor(app, trial.id);
      return {
        path: `/api/v1/trials/${trial.id}/probes`,
        body: {
          vendorId: vendor.id,
          title: 'Stream push fails',
          severity: 'P0',
          category: 'server-outage',
          difficulty: 'known',
          channel: 'hotline',
          sentAt: '2026-11-20T10:00+08:00',
        },
        count: () => countOf(app, `/api/v1/trials/${trial.id}/probes`),
      };
    },
  },
  {
    name: 'POST /probes/:probeId/events',
    prepare: async (app) => {
      const trial = await postTrial(app);
      const vendor = await postVendor(app, trial.id);
      const probe = await postProbe(app, trial.id, vendor.id);
      return {
        path: `/api/v1/probes/${probe.id}/events`,
        body: { at: '2026-11-20T10:05+08:00', kind: 'ack', note: '已收到' },
        count: () =>
          countOf(app, `/api/v1/probes/${probe.id}`, (body) => (body as { events: unknown[] }).events.length),
      };
    },
  },
];

describe('Idempotency-Key on every creating POST', () => {
  it.each(ROUTES)(
    'when $name is retried with the same key and body, then the first answer comes back and nothing is created twice',
    async ({ prepare }) => {
      const { app } = await createTestApp();
      const { path: url, body, count } = await prepare(app);
      const before = await count();

      const first = await request(app).post(url).set('Idempotency-Key', 'retry-1').send(body);
      const retry = await request(app).post(url).set('Idempotency-Key', 'retry-1').send(body);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await count()).toBe(before + 1);
    },
  );

  // (An import carries its ids and a vendor's name is unique in its trial: a second one is a conflict anyway.)
  it.each(
    ROUTES.filter(({ name }) => !['POST /trials/import', 'POST /trials/:trialId/vendors'].includes(name)),
  )(
    'when $name is sent twice without a key, then two records are created (no key, no deduplication)',
    async ({ prepare }) => {
      const { app } = await createTestApp();
      const { path: url, body, count } = await prepare(app);
      const before = await count();
      await request(app).post(url).send(body).expect(201);
      await request(app).post(url).send(body).expect(201);
      expect(await count()).toBe(before + 2);
    },
  );

  it('when the same key comes with another body, then 422 and nothing more is created', async () => {
    const { app } = await createTestApp();
    await request(app)
      .post('/api/v1/trials')
      .set('Idempotency-Key', 'k')
      .send({ name: 'A', timezone: 'UTC' })
      .expect(201);

    const reused = await request(app)
      .post('/api/v1/trials')
      .set('Idempotency-Key', 'k')
      .send({ name: 'B', timezone: 'UTC' });

    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ error: 'idempotency_key_reused' });
    expect(
      ((await request(app).get('/api/v1/trials')).body as { name: string }[]).map((t) => t.name),
    ).toEqual(['A']);
  });

  it('when five copies of one request race each other, then all get the same answer and one record exists', async () => {
    const { app } = await createTestApp();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        request(app)
          .post('/api/v1/trials')
          .set('Idempotency-Key', 'race')
          .send({ name: 'Raced', timezone: 'UTC' }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => (answer.body as { id: string }).id)).size).toBe(1);
    expect((await request(app).get('/api/v1/trials')).body).toHaveLength(1);
  });

  it('when the key is recorded, then it is in the same journal record as the change it made', async () => {
    const { app, dataDir } = await createTestApp();
    const created = await request(app)
      .post('/api/v1/trials')
      .set('Idempotency-Key', 'same-write')
      .send({ name: 'A', timezone: 'UTC' });

    const { changes } = parseJournal(await readFile(path.join(dataDir, 'db.journal')));
    const withTrial = changes.filter((change) =>
      change.put?.trials?.some((trial) => trial['id'] === (created.body as { id: string }).id),
    );
    expect(withTrial).toHaveLength(1);
    expect(withTrial[0]?.put?.idempotency).toEqual([
      expect.objectContaining({ status: 201, body: created.body as unknown }),
    ]);
  });

  it('when the server restarts between a request and its retry, then the retry still gets the first answer', async () => {
    const first = await createTestApp();
    const trial = await postTrial(first.app);
    const body = { name: 'NimbusRTC' };
    const answer = await request(first.app)
      .post(`/api/v1/trials/${trial.id}/vendors`)
      .set('Idempotency-Key', 'restart')
      .send(body);
    await first.close();
    const restarted = await reopen(first.dataDir, first.user?.id ?? '');

    const retry = await request(restarted.app)
      .post(`/api/v1/trials/${trial.id}/vendors`)
      .set('Idempotency-Key', 'restart')
      .send(body);

    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(answer.body);
    expect((await request(restarted.app).get(`/api/v1/trials/${trial.id}/vendors`)).body).toHaveLength(1);
    await restarted.store.close();
  });

  it('when a key is older than 24 hours, then it is forgotten and the request runs again', async () => {
    let now = new Date(FIXED_NOW);
    const { app } = await createTestApp({ now: () => now });
    const body = { name: 'Daily', timezone: 'UTC' };
    await request(app).post('/api/v1/trials').set('Idempotency-Key', 'daily').send(body).expect(201);
    now = new Date(now.getTime() + 23 * 3_600_000);
    expect(
      (await request(app).post('/api/v1/trials').set('Idempotency-Key', 'daily').send(body)).headers[
        'idempotent-replayed'
      ],
    ).toBe('true');

    now = new Date(now.getTime() + 2 * 3_600_000);
    const later = await request(app).post('/api/v1/trials').set('Idempotency-Key', 'daily').send(body);

    expect(later.status).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect((await request(app).get('/api/v1/trials')).body).toHaveLength(2);
  });

  it('when two accounts use the same key, then each gets its own record', async () => {
    const { app, deps, bare } = await createTestApp();
    const other = asBrowser(
      bare,
      await startSession(deps, await addUser(deps, 'evaluator', 'other@example.com')),
    );
    await request(app)
      .post('/api/v1/trials')
      .set('Idempotency-Key', 'shared')
      .send({ name: 'Mine', timezone: 'UTC' })
      .expect(201);
    const theirs = await request(other)
      .post('/api/v1/trials')
      .set('Idempotency-Key', 'shared')
      .send({ name: 'Theirs', timezone: 'UTC' });
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('when a request failed validation, then its key was not used and a corrected retry with it creates the record', async () => {
    const { app } = await createTestApp();
    const failed = await request(app)
      .post('/api/v1/trials')
      .set('Idempotency-Key', 'fix-me')
      .send({ name: 'No zone' });
    const fixed = await request(app)
      .post('/api/v1/trials')
      .set('Idempotency-Key', 'fix-me')
      .send({ name: 'No zone', timezone: 'UTC' });
    expect(failed.status).toBe(400);
    expect(fixed.status).toBe(201);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['not printable ASCII', 'clé numéro 1'],
  ])('when the key is %s, then 400 names the header and nothing is created', async (_case, key) => {
    const { app } = await createTestApp();
    const answer = await request(app)
      .post('/api/v1/trials')
      .set('Idempotency-Key', key)
      .send({ name: 'A', timezone: 'UTC' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: 'validation',
      issues: expect.arrayContaining([expect.objectContaining({ path: 'Idempotency-Key' })]) as unknown,
    });
    expect((await request(app).get('/api/v1/trials')).body).toHaveLength(0);
  });
});

/** The app over the same folder after a restart, signed in as the same account. */
async function reopen(dataDir: string, userId: string) {
  const store = await Store.open(dataDir);
  const deps = depsOver(store, { now: () => new Date(FIXED_NOW) });
  const user = await deps.repository.getUser(userId);
  if (!user) throw new Error('the account is gone');
  return { app: asBrowser(createApp(deps), await startSession(deps, user)), store };
}
