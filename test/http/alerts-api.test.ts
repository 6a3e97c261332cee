/**
 * The alerts API (SPEC §8 `/trials/:trialId/webhooks`, §9): targets saved by admins only after
 * the SSRF rules, their secrets never in an answer or the audit log, a test message and a retry
 * queued through the outbox, the deliveries listed for admins.
 */
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { PublicWebhook } from '../../src/app/alerts/webhooks.js';
import { DEFAULT_ALERTS } from '../../src/app/alerts/settings.js';
import type { Role } from '../../src/domain/accounts.js';
import type { Delivery } from '../../src/domain/alerting.js';
import { addUser, asBrowser, createTestApp, FIXED_NOW, issuePaths, postTrial } from './helpers.js';
import { startSession } from '../../src/app/sessions.js';
import type { AppDeps } from '../../src/app/deps.js';
import { PUBLIC_TARGET } from './alerts-routes.js';

const SECRET = 'TOP-SECRET-signing-key-42';
/** A WeCom robot's key, carried in its URL's query. */
const ROBOT_KEY = 'robot-key-777-wecom';

/** An admin's app (the one that saves targets) and a browser of another role on the same data. */
async function appsWith(options: { allowPrivate?: boolean } = {}) {
  const test = await createTestApp({
    as: 'admin',
    alerts: { ...DEFAULT_ALERTS, allowPrivateTargets: options.allowPrivate ?? false },
  });
  const as = async (role: Role) =>
    asBrowser(test.bare, await startSession(test.deps, await addUser(test.deps, role)));
  return { ...test, as };
}

async function postWebhook(app: Express, trialId: string, body: Record<string, unknown>) {
  return request(app).post(`/api/v1/trials/${trialId}/webhooks`).send(body);
}

async function savedWebhook(app: Express, trialId: string, body: Record<string, unknown> = {}) {
  const response = await postWebhook(app, trialId, {
    kind: 'json',
    url: PUBLIC_TARGET,
    secret: SECRET,
    ...body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as PublicWebhook;
}

/** A delivery put in a state, as the delivery loop would leave it. */
async function deliveryIn(deps: AppDeps, id: string, status: Delivery['status']) {
  await deps.repository.updateDelivery(id, (delivery) => ({
    ...delivery,
    status,
    attempts: 8,
    lastStatus: 500,
    lastError: 'The receiver answered 500.',
    lastAttemptAt: FIXED_NOW,
    deliveredAt: status === 'delivered' ? FIXED_NOW : null,
  }));
}

describe('saving a target', () => {
  it.each([
    ['json', 'https://203.0.113.7/hooks/sla', 'https://203.0.113.7/hooks/sla'],
    [
      'wecom',
      'https://203.0.113.7/cgi-bin/webhook/send?key=693a91f6-7xxx',
      'https://203.0.113.7/cgi-bin/webhook/send?key=…',
    ],
    [
      'dingtalk',
      'https://203.0.113.7/robot/send?access_token=abc123&x=1',
      'https://203.0.113.7/robot/send?access_token=…&x=…',
    ],
    [
      'feishu',
      'https://203.0.113.7/open-apis/bot/v2/hook/2f5b4b6e-1c7a-4f0e-9d8a-5b7c0e1d2f3a',
      'https://203.0.113.7/open-apis/bot/v2/hook/…',
    ],
    [
      'slack',
      'https://203.0.113.7/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'https://203.0.113.7/services/T00000000/B00000000/…',
    ],
  ])(
    'when an admin saves a %s target, then it answers 201 with the URL masked and no secret',
    async (kind, url, masked) => {
      // Arrange
      const { app } = await appsWith();
      const trial = await postTrial(app);

      // Act
      const response = await postWebhook(app, trial.id, { kind, url, secret: SECRET, label: 'Ops group' });

      // Assert
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String) as string,
        trialId: trial.id,
        kind,
        url: masked,
        label: 'Ops group',
        language: 'en',
        signed: true,
        createdAt: FIXED_NOW,
      });
    },
  );

  it.each([
    ['a text that is not a URL', { url: 'not a url' }, ['url']],
    ['an ftp address', { url: 'ftp://203.0.113.7/hook' }, ['url']],
    ['credentials in the URL', { url: 'https://bot:pw@203.0.113.7/hook' }, ['url']],
    ['a loopback address', { url: 'http://127.0.0.1:8080/hook' }, ['url']],
    ['a private network address', { url: 'http://10.1.2.3/hook' }, ['url']],
    ['an IPv4 address written as IPv6', { url: 'http://[::ffff:192.168.1.9]/hook' }, ['url']],
    ['a host that does not resolve', { url: 'https://no-such-host.invalid/hook' }, ['url']],
    ['an unknown kind', { kind: 'telegram' }, ['kind']],
    ['no URL', { url: undefined }, ['url']],
    ['an unknown language', { language: 'fr' }, ['language']],
    ['an unknown field', { colour: 'red' }, ['colour']],
    ['a line break inside the URL', { url: 'https://203.0.113.7/ho\nok' }, ['url']],
    ['a NUL in the label', { label: 'Ops\u0000group' }, ['label']],
    ['an unpaired surrogate in the secret', { secret: 'key\uD800' }, ['secret']],
  ])(
    'when the body has %s, then it answers 400 naming the field and saves nothing',
    async (_what, change, paths) => {
      // Arrange
      const { app, deps } = await appsWith();
      const trial = await postTrial(app);

      // Act
      const response = await postWebhook(app, trial.id, { kind: 'json', url: PUBLIC_TARGET, ...change });

      // Assert
      expect(issuePaths(response)).toEqual(paths);
      expect(await deps.repository.listWebhooks(trial.id)).toEqual([]);
    },
  );

  it.each([
    ['http://127.0.0.1:8080/hook', 'loopback or private network address'],
    ['ftp://203.0.113.7/hook', 'must be an http:// or https:// address'],
    ['https://bot:pw@203.0.113.7/hook', 'must not carry a user name or password'],
  ])('when the URL is %s, then the 400 on url says which rule it broke', async (url, message) => {
    // Arrange
    const { app } = await appsWith();
    const trial = await postTrial(app);

    // Act
    const response = await postWebhook(app, trial.id, { kind: 'json', url });

    // Assert
    const body = response.body as { issues: { path: string; message: string }[] };
    expect(body.issues).toEqual([
      {
        path: 'url',
        message: expect.stringContaining(message) as string,
      },
    ]);
  });

  it('when the server allows private targets (WEBHOOK_ALLOW_PRIVATE=1), then a loopback address is saved', async () => {
    // Arrange
    const { app } = await appsWith({ allowPrivate: true });
    const trial = await postTrial(app);

    // Act
    const response = await postWebhook(app, trial.id, { kind: 'slack', url: 'http://127.0.0.1:9/hook' });

    // Assert
    expect(response.status).toBe(201);
    expect((response.body as PublicWebhook).signed).toBe(false);
  });

  it('when the same save is sent twice with an Idempotency-Key, then one target exists and both answers are the same', async () => {
    // Arrange
    const { app, deps, user } = await appsWith();
    const trial = await postTrial(app);
    const send = () =>
      request(app)
        .post(`/api/v1/trials/${trial.id}/webhooks`)
        .set('Idempotency-Key', 'save-target-1')
        .send({ kind: 'json', url: PUBLIC_TARGET, secret: SECRET });

    // Act
    const first = await send();
    const again = await send();

    // Assert
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.text).not.toContain(SECRET);
    expect(await deps.repository.listWebhooks(trial.id)).toHaveLength(1);
    // The answer kept for retries is the target as shown, without its secret.
    const kept = await deps.repository.findIdempotencyRecord(`${user?.id ?? ''}:save-target-1`);
    expect(kept?.body).toEqual(first.body);
    expect(JSON.stringify(kept)).not.toContain(SECRET);
  });

  it("when a target is saved, then the audit log lists it in words, linked to the trial's alert settings, without its secret", async () => {
    const { app } = await appsWith();
    const trial = await postTrial(app);
    await postWebhook(app, trial.id, { kind: 'json', url: PUBLIC_TARGET, secret: SECRET, label: 'Ops room' });

    const log = await request(app).get('/admin/audit?entity=webhook');

    expect(log.status).toBe(200);
    expect(log.text).toContain(`href="/trials/${trial.id}/settings/alerts">Ops room</a>`);
    expect(log.text).toContain('Alert target');
    expect(log.text).not.toContain(SECRET);
  });

  it('when the trial does not exist, then it answers 404', async () => {
    // Arrange
    const { app } = await appsWith();

    // Act
    const response = await postWebhook(app, 'no-such-trial', { kind: 'json', url: PUBLIC_TARGET });

    // Assert
    expect(response.status).toBe(404);
  });

  it('when the trial is closed, then saving a target answers 409', async () => {
    // Arrange
    const { app } = await appsWith();
    const trial = await postTrial(app);
    await request(app).post(`/api/v1/trials/${trial.id}/close`).expect(200);

    // Act
    const response = await postWebhook(app, trial.id, { kind: 'json', url: PUBLIC_TARGET });

    // Assert
    expect(response.status).toBe(409);
  });
});

describe('who may do what', () => {
  it.each([
    ['viewer', 'get', 'list', 200],
    ['evaluator', 'get', 'list', 200],
    ['viewer', 'post', 'list', 403],
    ['evaluator', 'post', 'list', 403],
    ['evaluator', 'delete', 'one', 403],
    ['evaluator', 'post', 'test', 403],
    ['evaluator', 'get', 'deliveries', 403],
    ['viewer', 'get', 'deliveries', 403],
    ['evaluator', 'post', 'retry', 403],
    ['admin', 'get', 'deliveries', 200],
  ] as const)(
    'when a %s sends %s to the %s route, then it answers %i',
    async (role, method, what, status) => {
      // Arrange
      const { app, deps, as } = await appsWith();
      const trial = await postTrial(app);
      const webhook = await savedWebhook(app, trial.id);
      const delivery = (await request(app).post(`/api/v1/webhooks/${webhook.id}/test`).expect(202))
        .body as Delivery;
      const caller = role === 'admin' ? app : await as(role);
      const url = {
        list: `/api/v1/trials/${trial.id}/webhooks`,
        one: `/api/v1/webhooks/${webhook.id}`,
        test: `/api/v1/webhooks/${webhook.id}/test`,
        deliveries: '/api/v1/deliveries',
        retry: `/api/v1/deliveries/${delivery.id}/retry`,
      }[what];
      const auditBefore = (await deps.repository.listAudit({ limit: 1 })).total;

      // Act
      const response = await request(caller)
        [method](url)
        .send(method === 'post' ? { kind: 'json', url: PUBLIC_TARGET } : undefined);

      // Assert
      expect(response.status).toBe(status);
      if (status === 403) {
        expect((response.body as { error: string }).error).toBe('forbidden');
        expect((await deps.repository.listAudit({ limit: 1 })).total).toBe(auditBefore);
      }
    },
  );
});

describe('secrets', () => {
  it('when a signed target is saved, listed, tested and audited, then neither its secret nor the key in its URL appears in any answer', async () => {
    // Arrange
    const { app } = await appsWith();
    const trial = await postTrial(app);

    // Act
    const created = await postWebhook(app, trial.id, {
      kind: 'wecom',
      url: `${PUBLIC_TARGET}?key=${ROBOT_KEY}`,
      secret: SECRET,
    });
    const webhookId = (created.body as PublicWebhook).id;
    const answers = [
      created,
      await request(app).get(`/api/v1/trials/${trial.id}/webhooks`),
      await request(app).post(`/api/v1/webhooks/${webhookId}/test`),
      await request(app).get('/api/v1/deliveries'),
      await request(app).get(`/api/v1/audit?entity=webhook`),
      await request(app).get(`/api/v1/audit?entity=delivery`),
      await request(app).get(`/api/v1/trials/${trial.id}/export`),
    ];

    // Assert
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(300);
      expect(answer.text).not.toContain(SECRET);
      expect(answer.text).not.toContain(ROBOT_KEY);
    }
  });

  it('when a target is saved and removed, then the audit log has both, naming whether it was signed', async () => {
    // Arrange
    const { app } = await appsWith();
    const trial = await postTrial(app);
    const webhook = await savedWebhook(app, trial.id, { label: 'Ops group' });

    // Act
    await request(app).delete(`/api/v1/webhooks/${webhook.id}`).expect(204);
    const audit = await request(app).get(`/api/v1/audit?entity=webhook`).expect(200);

    // Assert
    const entries = (
      audit.body as {
        entries: {
          action: string;
          entityId: string;
          label: string;
          changes: { path: string; after: string | null }[];
        }[];
      }
    ).entries;
    expect(entries.map((entry) => [entry.action, entry.entityId, entry.label])).toEqual([
      ['delete', webhook.id, 'Ops group'],
      ['create', webhook.id, 'Ops group'],
    ]);
    const created = entries[1];
    expect(created?.changes.find((change) => change.path === 'signed')?.after).toBe('true');
    expect(created?.changes.some((change) => change.path === 'secret')).toBe(false);
  });
});

describe('removing a target', () => {
  it('when a target with a pending message is removed, then it answers 204, the message is dead and a second removal is 404', async () => {
    // Arrange
    const { app, deps } = await appsWith();
    const trial = await postTrial(app);
    const webhook = await savedWebhook(app, trial.id);
    const queued = (await request(app).post(`/api/v1/webhooks/${webhook.id}/test`).expect(202))
      .body as Delivery;

    // Act
    const removed = await request(app).delete(`/api/v1/webhooks/${webhook.id}`);
    const again = await request(app).delete(`/api/v1/webhooks/${webhook.id}`);

    // Assert
    expect(removed.status).toBe(204);
    expect(again.status).toBe(404);
    expect((await request(app).get(`/api/v1/trials/${trial.id}/webhooks`)).body).toEqual([]);
    expect((await deps.repository.getDelivery(queued.id))?.status).toBe('dead');
  });
});

describe('a test message', () => {
  it.each([
    ['en', 'Test message from SLA Probe for RTC SDK selection 2026 Q4'],
    ['zh-CN', '来自 SLA Probe 的测试消息：RTC SDK selection 2026 Q4'],
  ])(
    'when an admin tests a target in %s, then a test delivery is queued due now in that language and audited',
    async (language, text) => {
      // Arrange
      const { app, deps } = await appsWith();
      const trial = await postTrial(app);
      const webhook = await savedWebhook(app, trial.id, { kind: 'feishu', language });

      // Act
      const response = await request(app).post(`/api/v1/webhooks/${webhook.id}/test`);

      // Assert
      expect(response.status).toBe(202);
      const delivery = response.body as Delivery;
      expect(delivery).toMatchObject({
        alertKey: null,
        trialId: trial.id,
        webhookId: webhook.id,
        userId: null,
        channel: 'feishu',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: FIXED_NOW,
        message: { type: 'test', trialId: trial.id, probeId: null, text, url: `/trials/${trial.id}` },
      });
      expect(await deps.repository.getDelivery(delivery.id)).toEqual(delivery);
      const audit = await deps.repository.listAudit({ entity: 'delivery', limit: 5 });
      expect(audit.entries.map((entry) => [entry.action, entry.entityId])).toEqual([['create', delivery.id]]);
    },
  );

  it('when the target does not exist, then it answers 404', async () => {
    // Arrange
    const { app } = await appsWith();

    // Act
    const response = await request(app).post('/api/v1/webhooks/nope/test');

    // Assert
    expect(response.status).toBe(404);
  });
});

describe('the deliveries and a retry', () => {
  it.each(['dead', 'pending'] as const)(
    'when an admin retries a %s delivery, then it is pending again with no attempts, due now, and audited',
    async (status) => {
      // Arrange
      const { app, deps } = await appsWith();
      const trial = await postTrial(app);
      const webhook = await savedWebhook(app, trial.id);
      const queued = (await request(app).post(`/api/v1/webhooks/${webhook.id}/test`).expect(202))
        .body as Delivery;
      await deliveryIn(deps, queued.id, status);
      const auditBefore = (await deps.repository.listAudit({ entity: 'delivery', limit: 1 })).total;

      // Act
      const response = await request(app).post(`/api/v1/deliveries/${queued.id}/retry`);

      // Assert
      expect(response.status).toBe(202);
      expect(await deps.repository.getDelivery(queued.id)).toMatchObject({
        status: 'pending',
        attempts: 0,
        nextAttemptAt: FIXED_NOW,
      });
      expect((await deps.repository.listAudit({ entity: 'delivery', limit: 1 })).total).toBe(auditBefore + 1);
    },
  );

  it.each([
    ['a delivered delivery', 'delivered', 409],
    ['an unknown delivery', 'unknown', 404],
  ] as const)('when an admin retries %s, then it answers %i', async (_what, kind, status) => {
    // Arrange
    const { app, deps } = await appsWith();
    const trial = await postTrial(app);
    const webhook = await savedWebhook(app, trial.id);
    const queued = (await request(app).post(`/api/v1/webhooks/${webhook.id}/test`).expect(202))
      .body as Delivery;
    if (kind === 'delivered') await deliveryIn(deps, queued.id, 'delivered');

    // Act
    const response = await request(app).post(
      `/api/v1/deliveries/${kind === 'unknown' ? 'nope' : queued.id}/retry`,
    );

    // Assert
    expect(response.status).toBe(status);
  });

  it('when the deliveries are filtered by status and trial, then only those are listed, newest first', async () => {
    // Arrange
    let clock = Date.parse(FIXED_NOW);
    const test = await createTestApp({ as: 'admin', now: () => new Date(clock) });
    const { app, deps } = test;
    const [one, two] = [await postTrial(app, { name: 'One' }), await postTrial(app, { name: 'Two' })];
    const ids: string[] = [];
    for (const trial of [one, one, two]) {
      const webhook = await savedWebhook(app, trial.id);
      clock += 60_000;
      ids.push(
        ((await request(app).post(`/api/v1/webhooks/${webhook.id}/test`).expect(202)).body as Delivery).id,
      );
    }
    await deliveryIn(deps, ids[0] ?? '', 'dead');

    // Act
    const all = await request(app).get('/api/v1/deliveries');
    const ofOne = await request(app).get(`/api/v1/deliveries?trialId=${one.id}`);
    const dead = await request(app).get('/api/v1/deliveries?status=dead');
    const pendingOfOne = await request(app).get(`/api/v1/deliveries?status=pending&trialId=${one.id}`);

    // Assert
    const idsOf = (response: request.Response) =>
      (response.body as Delivery[]).map((delivery) => delivery.id);
    expect(idsOf(all)).toEqual([ids[2], ids[1], ids[0]]);
    expect(idsOf(ofOne)).toEqual([ids[1], ids[0]]);
    expect(idsOf(dead)).toEqual([ids[0]]);
    expect(idsOf(pendingOfOne)).toEqual([ids[1]]);
  });

  it.each([
    ['status=lost', ['status']],
    ['limit=0', ['limit']],
    ['limit=abc', ['limit']],
  ])('when the deliveries are asked with %s, then it answers 400 naming it', async (query, paths) => {
    // Arrange
    const { app } = await appsWith();

    // Act
    const response = await request(app).get(`/api/v1/deliveries?${query}`);

    // Assert
    expect(issuePaths(response)).toEqual(paths);
  });
});
