/**
 * SPEC §9 scale-out: two app instances, each with its own connections and its own records in
 * memory, on two ports, over one PostgreSQL database — as two servers behind a load balancer.
 */
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import { AppError } from '../../src/app/errors.js';
import { createToken } from '../../src/app/tokens.js';
import { changeUser } from '../../src/app/users.js';
import { depsOver, openDatabase } from '../../src/app/wiring.js';
import type { Probe, Trial, Vendor } from '../../src/domain/schemas.js';
import { SESSION_COOKIE } from '../../src/http/auth/cookies.js';
import { createApp } from '../../src/http/app.js';
import { AdvisoryLease } from '../../src/storage/postgres/lease.js';
import { LOCKS } from '../../src/storage/postgres/migrations.js';
import { addUser, TEST_PASSWORD } from '../accounts.js';
import { asBytes } from '../http/helpers.js';
import { freshDatabase } from '../support/postgres.js';

interface Instance {
  deps: AppDeps;
  /** The instance's address, http://127.0.0.1:<port>. */
  url: string;
}

/** An instance as the server runs one: its store, its use cases, its HTTP app listening on a port of its own. */
async function startInstance(databaseUrl: string): Promise<Instance> {
  const store = await openDatabase(databaseUrl);
  const deps = depsOver(store);
  const server = createApp(deps, {
    loginLimits: { perAddress: 1000, perAccount: 3, windowMs: 60_000, firstDelayMs: 60_000 },
  }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  onTestFinished(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      server.closeAllConnections();
    });
    await store.close();
  });
  return { deps, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Two instances on one new database, and an API token of an evaluator that both accept. */
async function twoInstances(): Promise<{ a: Instance; b: Instance; bearer: string }> {
  const databaseUrl = await freshDatabase();
  const a = await startInstance(databaseUrl);
  const b = await startInstance(databaseUrl);
  const evaluator = await addUser(a.deps, 'evaluator');
  const { secret } = await createToken(a.deps, { name: 'load balancer test', userId: evaluator.id });
  return { a, b, bearer: `Bearer ${secret}` };
}

const api = (instance: Instance, bearer: string) => ({
  get: (path: string) => request(instance.url).get(`/api/v1${path}`).set('Authorization', bearer),
  post: (path: string, body: object) =>
    request(instance.url).post(`/api/v1${path}`).set('Authorization', bearer).send(body),
});

const cookiePairs = (response: request.Response): string[] =>
  ((response.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map(
    (line) => line.split(';')[0] ?? '',
  );

/** The sign-in form as a browser submits it, through `instance`. */
async function signIn(instance: Instance, email: string, password: string): Promise<request.Response> {
  const page = await request(instance.url).get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  return request(instance.url)
    .post('/login')
    .set('Cookie', cookiePairs(page))
    .type('form')
    .send({ email, password, _csrf: csrf });
}

async function trialWithProbe(instance: Instance, bearer: string): Promise<{ trial: Trial; probe: Probe }> {
  const client = api(instance, bearer);
  const trial = (
    await client.post('/trials', { name: '音视频 SDK 选型', timezone: 'Asia/Shanghai' }).expect(201)
  ).body as Trial;
  const vendor = (await client.post(`/trials/${trial.id}/vendors`, { name: '声浪云 SonicWave' }).expect(201))
    .body as Vendor;
  const probe = (
    await client
      .post(`/trials/${trial.id}/probes`, {
        vendorId: vendor.id,
        title: '蓝牙耳机 1v1 通话回声',
        severity: 'P1',
        category: 'av-quality',
        difficulty: 'hard',
        channel: 'ticket',
        sentAt: '2026-11-20T10:00+08:00',
      })
      .expect(201)
  ).body as Probe;
  return { trial, probe };
}

describe('two instances on one PostgreSQL database', () => {
  it('when a trial, a vendor and a probe are created through one instance, then the other answers them at once', async () => {
    const { a, b, bearer } = await twoInstances();
    const { trial, probe } = await trialWithProbe(a, bearer);

    const fromB = api(b, bearer);
    expect(((await fromB.get('/trials').expect(200)).body as Trial[]).map((listed) => listed.id)).toEqual([
      trial.id,
    ]);
    expect((await fromB.get(`/probes/${probe.id}`).expect(200)).body).toMatchObject({
      id: probe.id,
      title: '蓝牙耳机 1v1 通话回声',
    });
    // And back: what B writes, A reads.
    await fromB.post(`/probes/${probe.id}/events`, { at: '2026-11-20T10:30+08:00', kind: 'ack' }).expect(201);
    const seenByA = (await api(a, bearer).get(`/probes/${probe.id}`).expect(200)).body as Probe;
    expect(seenByA.events.map((event) => event.kind)).toEqual(['ack']);
  });

  it('when both instances append events to one probe at once, then every event is kept, in both', async () => {
    const { a, b, bearer } = await twoInstances();
    const { probe } = await trialWithProbe(a, bearer);
    const notes = Array.from({ length: 40 }, (_, index) => ({
      at: `2026-11-20T11:${String(index).padStart(2, '0')}+08:00`,
      kind: 'note',
      note: `note ${index}`,
    }));

    const answers = await Promise.all(
      notes.map((note, index) =>
        api(index % 2 === 0 ? a : b, bearer).post(`/probes/${probe.id}/events`, note),
      ),
    );

    expect(answers.map((answer) => answer.status)).toEqual(notes.map(() => 201));
    for (const instance of [a, b]) {
      const stored = (await api(instance, bearer).get(`/probes/${probe.id}`).expect(200)).body as Probe;
      expect(stored.events.map((event) => event.note).sort()).toEqual(notes.map((note) => note.note).sort());
    }
  });

  it('when two admins demote each other through two instances at once, then exactly one change lands and an admin remains', async () => {
    const { a, b } = await twoInstances();
    const first = await addUser(a.deps, 'admin', 'first-admin@example.com');
    const second = await addUser(a.deps, 'admin', 'second-admin@example.com');

    const outcomes = await Promise.allSettled([
      changeUser(a.deps, first.id, { role: 'viewer' }),
      changeUser(b.deps, second.id, { role: 'viewer' }),
    ]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(AppError);
    expect((refused?.reason as AppError).code).toBe('last_admin');
    for (const instance of [a, b]) {
      const admins = (await instance.deps.repository.listUsers()).filter((user) => user.role === 'admin');
      expect(admins).toHaveLength(1);
    }
  });

  it('when a creating request is retried on the other instance with the same Idempotency-Key, then it gets the first answer and nothing is duplicated', async () => {
    const { a, b, bearer } = await twoInstances();
    const body = { name: 'RTC SDK selection 2026 Q4', timezone: 'Asia/Shanghai' };

    const first = await api(a, bearer).post('/trials', body).set('Idempotency-Key', 'retry-1').expect(201);
    const retried = await api(b, bearer).post('/trials', body).set('Idempotency-Key', 'retry-1');

    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    expect((await api(b, bearer).get('/trials').expect(200)).body).toHaveLength(1);
  });

  it('when someone signs in through one instance, then the session cookie works on the other', async () => {
    const { a, b } = await twoInstances();
    const viewer = await addUser(a.deps, 'viewer', 'viewer@example.com');
    const signedIn = await signIn(a, viewer.email, TEST_PASSWORD);
    expect(signedIn.status).toBe(303);
    const session = cookiePairs(signedIn).find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toBeDefined();

    const me = await request(b.url)
      .get('/api/v1/me')
      .set('Cookie', session ?? '');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'viewer@example.com' });
  });

  it('when sign-ins fail through both instances, then the limit counts them together', async () => {
    const { a, b } = await twoInstances();
    const viewer = await addUser(a.deps, 'viewer', 'viewer@example.com');
    const attempt = (instance: Instance) => signIn(instance, viewer.email, 'wrong password');

    // perAccount is 3: the fourth attempt from this address waits, wherever it arrives.
    for (const instance of [a, b, a]) expect((await attempt(instance)).status).toBe(401);
    const limited = await attempt(b);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('export and import on PostgreSQL', () => {
  it('when a trial with an evidence file is exported through one instance, deleted and imported through the other, then it comes back whole, file included', async () => {
    const { a, b, bearer } = await twoInstances();
    const { trial, probe } = await trialWithProbe(a, bearer);
    const event = (
      await api(a, bearer)
        .post(`/probes/${probe.id}/events`, { at: '2026-11-20T10:30+08:00', kind: 'info_request' })
        .expect(201)
    ).body as { id: string };
    const mail = Buffer.from('From: support@vendor.example\r\nSubject: 回声问题\r\n\r\n请提供日志。\r\n');
    const [attached] = (
      await request(a.url)
        .post(`/api/v1/probes/${probe.id}/events/${event.id}/attachments`)
        .set('Authorization', bearer)
        .attach('file', mail, 'reply.eml')
        .expect(201)
    ).body as { id: string }[];
    const exported = (await api(a, bearer).get(`/trials/${trial.id}/export`).expect(200)).body as object;
    await request(a.url).delete(`/api/v1/trials/${trial.id}`).set('Authorization', bearer).expect(204);

    await api(b, bearer).post('/trials/import', exported).expect(201);

    expect((await api(b, bearer).get(`/trials/${trial.id}/export`).expect(200)).body).toEqual(exported);
    const file = await request(a.url)
      .get(`/api/v1/attachments/${attached?.id ?? ''}`)
      .set('Authorization', bearer)
      .buffer(true)
      .parse(asBytes)
      .expect(200);
    expect(file.body).toEqual(mail);
  });
});

describe('the alert lease', () => {
  it('when two instances ask for the alert lease, then one holds it; when it stops, the other takes it', async () => {
    const databaseUrl = await freshDatabase();
    const first = new AdvisoryLease(databaseUrl, LOCKS.alerts);
    const second = new AdvisoryLease(databaseUrl, LOCKS.alerts);
    onTestFinished(() => Promise.all([first.close(), second.close()]).then(() => undefined));

    expect(await first.held()).toBe(true);
    expect(await second.held()).toBe(false);
    expect(await first.held()).toBe(true);

    await first.close();
    expect(await second.held()).toBe(true);
    expect(await first.held()).toBe(false);
  });
});
