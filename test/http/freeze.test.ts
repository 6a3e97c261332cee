/**
 * Frozen trials (SPEC §2, §8): closing stores the snapshot; every write route of the API and
 * of the pages that touches a closed trial answers 409 with nothing written and nothing
 * audited (the freeze matrix, over the whole route inventory of ./routes.ts: a new write
 * route without an expectation here fails); only an admin reopens; the hash is stable across
 * a restart and changes with any edit once reopened; a trial closed before freezing existed
 * gets its snapshot at start.
 */
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import { startSession } from '../../src/app/sessions.js';
import { closeTrial, verifyTrial } from '../../src/app/trialFreeze.js';
import { createVendor } from '../../src/app/vendors.js';
import { depsOver, openDataFolder, withDataFolder } from '../../src/app/wiring.js';
import type { Snapshot, Trial, TrialExport } from '../../src/domain/schemas.js';
import { createApp } from '../../src/http/app.js';
import { SESSION_COOKIE } from '../../src/http/auth/cookies.js';
import { csrfTokenFor } from '../../src/http/auth/csrf.js';
import { addUser } from '../accounts.js';
import { tempDir } from '../tempDir.js';
import {
  asBrowser,
  createTestApp,
  FIXED_NOW,
  postEvent,
  postProbe,
  postTrial,
  postVendor,
} from './helpers.js';
import { isApi, ROUTES, routeKey, seedWorld, type Call, type RouteCase, type World } from './routes.js';

/**
 * What each write route does to a closed trial. `refused`: 409, nothing written, nothing
 * audited. `untouched`: it does not change an existing trial (it creates a new one, previews
 * without storing, or works on accounts): it may answer anything below 500, and the closed
 * trial stays as it was. `reopen`: the one change a closed trial takes (tested below).
 */
type FreezeExpectation = 'refused' | 'reopen' | { untouched: string };

const NEW_TRIAL = { untouched: 'creates a new trial' };
const PREVIEW = { untouched: 'a preview stores nothing; its confirmation is refused' };
const ACCOUNTS = { untouched: 'accounts, not trial data' };
/** A closed trial gets no new alert target, but one may still be removed or tested (a leaked robot key). */
const ALERTS = {
  untouched: 'alert targets and deliveries, not trial data; nothing fires for a closed trial',
};

const FREEZE_MATRIX: Record<string, FreezeExpectation> = {
  // API
  'POST /api/v1/trials/import': NEW_TRIAL,
  'POST /api/v1/trials': NEW_TRIAL,
  'POST /api/v1/trials/sample': NEW_TRIAL,
  'PATCH /api/v1/trials/:trialId': 'refused',
  'DELETE /api/v1/trials/:trialId': 'refused',
  'PUT /api/v1/trials/:trialId/decision': 'refused',
  'POST /api/v1/trials/:trialId/decision/approvals': 'refused',
  'POST /api/v1/trials/:trialId/vendors': 'refused',
  'PATCH /api/v1/vendors/:vendorId': 'refused',
  'DELETE /api/v1/vendors/:vendorId': 'refused',
  'POST /api/v1/trials/:trialId/scenarios': 'refused',
  'POST /api/v1/trials/:trialId/probes': 'refused',
  'PATCH /api/v1/probes/:probeId': 'refused',
  'DELETE /api/v1/probes/:probeId': 'refused',
  'POST /api/v1/probes/:probeId/events': 'refused',
  'PUT /api/v1/probes/:probeId/evaluations/me': 'refused',
  'DELETE /api/v1/probes/:probeId/events/:eventId': 'refused',
  'POST /api/v1/trials/:trialId/imports': PREVIEW,
  'POST /api/v1/imports/:importId/commit': 'refused',
  'POST /api/v1/probes/:probeId/events/:eventId/attachments': 'refused',
  'DELETE /api/v1/probes/:probeId/events/:eventId/attachments/:attachmentId': 'refused',
  'POST /api/v1/trials/:trialId/close': 'refused',
  'POST /api/v1/trials/:trialId/reopen': 'reopen',
  // Pages
  'POST /setup': ACCOUNTS,
  'POST /login': ACCOUNTS,
  'POST /logout': ACCOUNTS,
  'POST /trials': NEW_TRIAL,
  'POST /trials/sample': NEW_TRIAL,
  'POST /trials/:trialId/duplicate': { untouched: 'copies the closed trial into a new one' },
  'POST /trials/:trialId/archive': 'refused',
  'POST /trials/:trialId/restore': 'refused',
  'POST /trials/:trialId/delete': 'refused',
  'POST /trials/:trialId/scenarios': 'refused',
  'POST /trials/:trialId/matrix/send-all': 'refused',
  'POST /trials/:trialId/probes': 'refused',
  'POST /probes/:probeId/edit': 'refused',
  'POST /probes/:probeId/delete': 'refused',
  'POST /probes/:probeId/events': 'refused',
  'POST /probes/:probeId/events/:eventId/edit': 'refused',
  'POST /probes/:probeId/events/:eventId/delete': 'refused',
  'POST /probes/:probeId/evaluations/me': 'refused',
  'POST /probes/:probeId/ratings': 'refused',
  'POST /trials/:trialId/decision': 'refused',
  'POST /trials/:trialId/decision/approvals': 'refused',
  'POST /trials/:trialId/settings/model': 'refused',
  'POST /trials/:trialId/settings/:section': 'refused',
  'POST /trials/:trialId/vendors': 'refused',
  'POST /vendors/:vendorId/edit': 'refused',
  'POST /vendors/:vendorId/delete': 'refused',
  'POST /trials/:trialId/imports': PREVIEW,
  'POST /imports/:importId/mapping': PREVIEW,
  'POST /imports/:importId/update': PREVIEW,
  'POST /imports/:importId/commit': 'refused',
  'POST /probes/:probeId/events/:eventId/attachments': 'refused',
  'POST /probes/:probeId/events/:eventId/attachments/:attachmentId/delete': 'refused',
  'POST /trials/:trialId/calendar/fill': PREVIEW,
  'POST /trials/:trialId/calendar/fill/confirm': 'refused',
  'POST /vendors/:vendorId/hours/fill': PREVIEW,
  'POST /vendors/:vendorId/hours/fill/confirm': 'refused',
  'POST /admin/users': ACCOUNTS,
  'POST /admin/users/:userId': ACCOUNTS,
  'POST /admin/users/:userId/active': ACCOUNTS,
  'POST /admin/tokens': ACCOUNTS,
  'POST /admin/tokens/:tokenId/revoke': ACCOUNTS,
  'POST /trials/:trialId/close': 'refused',
  'POST /trials/:trialId/reopen': 'reopen',
  // Diligence (SPEC §2): the trial's questionnaire and each vendor's answers.
  'POST /trials/:trialId/settings/diligence': 'refused',
  'POST /vendors/:vendorId/diligence/team': 'refused',
  'POST /vendors/:vendorId/diligence/references': 'refused',
  'POST /vendors/:vendorId/diligence/references/:index': 'refused',
  'POST /vendors/:vendorId/diligence/checks': 'refused',
  // Alerts (SPEC §9).
  'POST /api/v1/trials/:trialId/webhooks': 'refused',
  'DELETE /api/v1/webhooks/:webhookId': ALERTS,
  'POST /api/v1/webhooks/:webhookId/test': ALERTS,
  'POST /api/v1/deliveries/:deliveryId/retry': ALERTS,
  'POST /trials/:trialId/settings/alerts': 'refused',
  'POST /trials/:trialId/settings/alerts/:webhookId/delete': ALERTS,
  'POST /trials/:trialId/settings/alerts/:webhookId/test': ALERTS,
  'POST /admin/deliveries/:deliveryId/retry': ALERTS,
  'POST /vendors/:vendorId/diligence/references/:index/delete': 'refused',
};

const WRITE_ROUTES = ROUTES.filter((route) => route.method !== 'GET');

interface Shared {
  app: Express;
  deps: AppDeps;
  close: () => Promise<void>;
}
let shared: Shared | undefined;
let counter = 0;
const the = (): Shared => {
  if (!shared) throw new Error('the app is not set up');
  return shared;
};

beforeAll(async () => {
  const dataDir = await tempDir('sla-probe-freeze-');
  const store = await openDataFolder(dataDir);
  const deps = depsOver(store, { now: () => new Date(FIXED_NOW) });
  const bare = createApp(deps, { loginLimits: { perAddress: 1000, perAccount: 1000, windowMs: 60_000 } });
  // An admin may use every route: what answers here is the freeze, never the role.
  const admin = await addUser(deps, 'admin');
  for (const role of ['viewer', 'evaluator'] as const) await addUser(deps, role);
  shared = { app: asBrowser(bare, await startSession(deps, admin)), deps, close: () => store.close() };
});
afterAll(async () => shared?.close());

function send(route: RouteCase, call: Call) {
  const agent = request(the().app);
  const pending = {
    GET: () => agent.get(call.url),
    POST: () => agent.post(call.url),
    PUT: () => agent.put(call.url),
    PATCH: () => agent.patch(call.url),
    DELETE: () => agent.delete(call.url),
  }
    [route.method]()
    .set('Accept', isApi(route) ? 'application/json' : 'text/html,application/xhtml+xml');
  if (call.attach !== undefined) {
    let upload = pending;
    for (const [name, value] of Object.entries(call.body ?? {})) upload = upload.field(name, String(value));
    for (const file of call.attach) upload = upload.attach(file.field, Buffer.from(file.content), file.name);
    return upload;
  }
  if (call.body === undefined) return pending;
  return isApi(route) ? pending.send(call.body) : pending.type('form').send(call.body);
}

const auditTotal = async () => (await the().deps.repository.listAudit({ limit: 1 })).total;

/** The trials' data as stored now, by id (undefined for one that is gone). */
async function exportsOf(trialIds: readonly string[]): Promise<(TrialExport | undefined)[]> {
  return Promise.all(trialIds.map((trialId) => the().deps.repository.getTrialData(trialId)));
}

/**
 * The route's valid request over worlds of its own, then every trial it named closed: the
 * request is built while the trials are open (some set up a decision or an evidence file
 * first) and sent once they are frozen.
 */
async function frozenCall(route: RouteCase): Promise<{ call: Call; trialIds: string[] }> {
  const { deps } = the();
  const worlds: World[] = [];
  const world = async () => {
    const made = await seedWorld(deps, `freeze ${String(++counter)}`);
    worlds.push(made);
    return made;
  };
  const call = await route.call({
    world: await world(),
    fresh: world,
    caller: 'admin',
    deps,
    unique: () => `f${String(++counter)}`,
  });
  const trialIds: string[] = [];
  for (const { trial } of worlds) {
    if (!(await deps.repository.getTrial(trial.id))) continue; // the import route removes its own first
    // A vendor without probes: "send to every vendor" then has something to send.
    await createVendor(deps, trial.id, { name: `Second vendor ${String(++counter)}` });
    await closeTrial(deps, trial.id);
    trialIds.push(trial.id);
  }
  return { call, trialIds };
}

describe('the freeze matrix', () => {
  it('when the write routes are listed, then each has a freeze expectation and each expectation a route', () => {
    // Arrange
    const writes = WRITE_ROUTES.map(routeKey);

    // Act
    const missing = writes.filter((key) => !(key in FREEZE_MATRIX));
    const stale = Object.keys(FREEZE_MATRIX).filter((key) => !writes.includes(key));

    // Assert
    expect(missing, 'write routes without a freeze expectation').toEqual([]);
    expect(stale, 'freeze expectations without a route').toEqual([]);
  });

  const refused = WRITE_ROUTES.filter((route) => FREEZE_MATRIX[routeKey(route)] === 'refused');
  it.each(refused.map((route) => [routeKey(route), route] as const))(
    'when %s is asked of a closed trial, then 409, nothing written and nothing audited',
    async (_key, route) => {
      // Arrange
      const { call, trialIds } = await frozenCall(route);
      const before = await exportsOf(trialIds);
      const auditBefore = await auditTotal();

      // Act
      const response = await send(route, call);

      // Assert
      const said = `${route.method} ${call.url} → ${String(response.status)} ${response.text.slice(0, 300)}`;
      expect(response.status, said).toBe(409);
      if (isApi(route)) {
        const body = response.body as { error: string; message: string };
        expect(Object.keys(body).sort()).toEqual(['error', 'message']);
        expect(body.error).toBe('conflict');
        expect(body.message).toMatch(/closed \(frozen\).*admin can reopen/);
      } else {
        expect(response.text).toContain('This trial is closed');
      }
      expect(await exportsOf(trialIds)).toEqual(before);
      expect(await auditTotal(), 'audit entries after a refused change').toBe(auditBefore);
    },
  );

  const untouched = WRITE_ROUTES.filter((route) => typeof FREEZE_MATRIX[routeKey(route)] === 'object');
  it.each(untouched.map((route) => [routeKey(route), route] as const))(
    'when %s is asked beside a closed trial, then the closed trial stays as it was',
    async (_key, route) => {
      // Arrange
      const { call, trialIds } = await frozenCall(route);
      const before = await exportsOf(trialIds);

      // Act
      const response = await send(route, call);

      // Assert
      expect(response.status).toBeLessThan(500);
      expect(await exportsOf(trialIds)).toEqual(before);
    },
  );
});

describe('closing, verifying and reopening', () => {
  it('when a trial is closed, then 200 with its snapshot, verify matches and the audit names the close', async () => {
    // Arrange
    const { app, deps } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);
    await postProbe(app, trial.id, vendor.id);

    // Act
    const closed = await request(app).post(`/api/v1/trials/${trial.id}/close`);
    const verified = await request(app).get(`/api/v1/trials/${trial.id}/verify`);

    // Assert
    expect(closed.status).toBe(200);
    const body = closed.body as Trial;
    expect(body.status).toBe('closed');
    expect(body.snapshot?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(body.snapshot?.at).toBe(FIXED_NOW);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ sha256: body.snapshot?.sha256, snapshot: body.snapshot, matches: true });
    const [entry] = (await deps.repository.listAudit({ limit: 1 })).entries;
    expect(entry).toMatchObject({ action: 'update', entity: 'trial', entityId: trial.id });
    expect(entry?.changes).toContainEqual({ path: 'status', before: 'planning', after: 'closed' });
  });

  it.each([
    ['the trial is unknown', 404, 'nope'],
    ['the trial is already closed', 409, 'closed'],
  ])('when closing and %s, then %i', async (_when, status, which) => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    await request(app).post(`/api/v1/trials/${trial.id}/close`).expect(200);
    const trialId = which === 'closed' ? trial.id : 'nope';

    // Act
    const response = await request(app).post(`/api/v1/trials/${trialId}/close`);

    // Assert
    expect(response.status).toBe(status);
  });

  it('when an evaluator reopens, then 403; when an admin reopens, then 200 running, audited, and the old snapshot kept', async () => {
    // Arrange
    const { app, bare, deps } = await createTestApp();
    const trial = await postTrial(app);
    const closed = (await request(app).post(`/api/v1/trials/${trial.id}/close`)).body as Trial;
    const admin = asBrowser(bare, await startSession(deps, await addUser(deps, 'admin')));

    // Act
    const byEvaluator = await request(app).post(`/api/v1/trials/${trial.id}/reopen`).send({});
    const byAdmin = await request(admin).post(`/api/v1/trials/${trial.id}/reopen`).send({});

    // Assert
    expect(byEvaluator.status).toBe(403);
    expect(byEvaluator.body).toMatchObject({ error: 'forbidden' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ status: 'running', snapshot: closed.snapshot });
    const [entry] = (await deps.repository.listAudit({ limit: 1 })).entries;
    expect(entry).toMatchObject({
      entity: 'trial',
      entityId: trial.id,
      actor: { via: 'session', email: 'admin@example.com' },
    });
    expect(entry?.changes).toContainEqual({ path: 'status', before: 'closed', after: 'running' });
  });

  it.each([
    ['the trial is not closed', 409, {}],
    ['the status is not one to reopen to', 400, { status: 'closed' }],
    ['the body has an unknown field', 400, { reason: 'why' }],
  ])('when an admin reopens and %s, then %i', async (_when, status, body) => {
    // Arrange
    const { app } = await createTestApp({ as: 'admin' });
    const trial = await postTrial(app);
    if (status === 400) await request(app).post(`/api/v1/trials/${trial.id}/close`).expect(200);

    // Act
    const response = await request(app).post(`/api/v1/trials/${trial.id}/reopen`).send(body);

    // Assert
    expect(response.status).toBe(status);
  });

  it('when reopened and a probe is edited, then verify no longer matches the old snapshot; closing again stores the new hash', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);
    const probe = await postProbe(app, trial.id, vendor.id);
    const first = ((await request(app).post(`/api/v1/trials/${trial.id}/close`)).body as Trial).snapshot;
    await request(app).post(`/api/v1/trials/${trial.id}/reopen`).send({}).expect(200);

    // Act
    await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'ack');
    const afterEdit = (await request(app).get(`/api/v1/trials/${trial.id}/verify`)).body as {
      sha256: string;
      snapshot: Snapshot;
      matches: boolean;
    };
    const again = ((await request(app).post(`/api/v1/trials/${trial.id}/close`)).body as Trial).snapshot;

    // Assert
    expect(afterEdit.snapshot).toEqual(first);
    expect(afterEdit.matches).toBe(false);
    expect(afterEdit.sha256).not.toBe(first?.sha256);
    expect(again?.sha256).not.toBe(first?.sha256);
    expect((await request(app).get(`/api/v1/trials/${trial.id}/verify`)).body).toMatchObject({
      matches: true,
    });
    expect(deps.now().toISOString()).toBe(FIXED_NOW);
  });

  it.each([
    ['en', {}, 'This trial is closed', 'An admin can reopen it to make changes.'],
    ['zh-CN', { Cookie: 'lang=zh-CN' }, '此试用已结束', '管理员可以重新开启后再修改。'],
  ])(
    'when a page form changes a closed trial (%s), then 409 with a page that says why',
    async (_lang, headers, heading, text) => {
      // Arrange
      const { app } = await createTestApp();
      const trial = await postTrial(app);
      await request(app).post(`/api/v1/trials/${trial.id}/close`).expect(200);

      // Act
      const response = await request(app)
        .post(`/trials/${trial.id}/scenarios`)
        .set(headers)
        .set('Accept', 'text/html')
        .type('form')
        .send({ title: 'Echo', severity: 'P2', category: 'network', difficulty: 'known' });

      // Assert
      expect(response.status).toBe(409);
      expect(response.text).toContain(heading);
      expect(response.text).toContain(text);
      expect(response.text).toContain('data-testid="frozen-banner"');
    },
  );

  it('when PATCH sets the status to closed, then 400 on status and the trial stays open', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app).patch(`/api/v1/trials/${trial.id}`).send({ status: 'closed' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation', issues: [{ path: 'status' }] });
    expect(((await request(app).get(`/api/v1/trials/${trial.id}`)).body as Trial).status).toBe('planning');
  });
});

describe('the snapshot across restarts', () => {
  it('when the server stops and starts on the same data folder, then the hash is the same and still matches', async () => {
    // Arrange
    const { app, dataDir, close } = await createTestApp();
    const trial = await postTrial(app, { description: '音视频 SDK 选型' });
    const vendor = await postVendor(app, trial.id, { name: '声网 Agora' });
    const probe = await postProbe(app, trial.id, vendor.id);
    await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'ack', { note: '已收到' });
    const closed = (await request(app).post(`/api/v1/trials/${trial.id}/close`)).body as Trial;
    await close();

    // Act
    const store = await openDataFolder(dataDir);
    const deps = depsOver(store, { now: () => new Date(FIXED_NOW) });
    const restarted = createApp(deps);
    const [user] = await deps.repository.listUsers();
    if (!user) throw new Error('no user');
    const token = await startSession(deps, user);
    const verified = await request(restarted)
      .get(`/api/v1/trials/${trial.id}/verify`)
      .set('Cookie', `${SESSION_COOKIE}=${token}`)
      .set('X-CSRF-Token', csrfTokenFor(token));
    await store.close();

    // Assert
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      sha256: closed.snapshot?.sha256,
      snapshot: closed.snapshot,
      matches: true,
    });
  });

  it('when a trial was stored closed without a snapshot, then it gets one at start, audited as the system', async () => {
    // Arrange
    const { deps, dataDir, close } = await createTestApp();
    const world = await seedWorld(deps, 'old');
    const exported = await deps.repository.getTrialData(world.trial.id);
    if (!exported) throw new Error('no trial');
    await deps.repository.deleteTrial(world.trial.id);
    await deps.repository.importTrial({ ...exported, trial: { ...exported.trial, status: 'closed' } });
    await close();

    // Act
    const [stored, verification, audit] = await withDataFolder(
      dataDir,
      async (opened) =>
        [
          await opened.repository.getTrial(world.trial.id),
          await verifyTrial(opened, world.trial.id),
          (await opened.repository.listAudit({ limit: 1 })).entries[0],
        ] as const,
      { now: () => new Date('2026-12-01T00:00:00.000Z') },
    );

    // Assert
    expect(stored?.snapshot).toEqual({ sha256: verification.sha256, at: '2026-12-01T00:00:00.000Z' });
    expect(stored?.updatedAt).toBe(exported.trial.updatedAt);
    expect(verification.matches).toBe(true);
    expect(audit).toMatchObject({ actor: { via: 'system' }, entityId: world.trial.id });
  });
});
