/**
 * The trial's Alerts settings page and the admin page of deliveries (SPEC §9): field errors
 * beside the field with what was typed kept (never the secret), targets listed without their
 * secrets, forms for admins only, the deliveries page refused to everyone else.
 */
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sendTestMessage } from '../../src/app/alerts/adminActions.js';
import { createWebhook, type AlertCaller } from '../../src/app/alerts/webhooks.js';
import { startSession } from '../../src/app/sessions.js';
import type { Role } from '../../src/domain/accounts.js';
import { PUBLIC_TARGET } from './alerts-routes.js';
import { addUser, asBrowser, createTestApp, FIXED_NOW, postTrial } from './helpers.js';

const SECRET = 'page-secret-never-shown';
const KEYED_URL = 'https://203.0.113.7/cgi-bin/webhook/send?key=wecom-robot-key-123';
const BROWSER = { Accept: 'text/html,application/xhtml+xml' };
const ZH = { ...BROWSER, Cookie: 'lang=zh-CN' };
const ADMIN: AlertCaller = { userId: 'pages-admin', role: 'admin' };

/** A urlencoded form post, the way a browser sends it. */
function postForm(app: Express, url: string, fields: Record<string, string>, headers = {}) {
  return request(app)
    .post(url)
    .set({ ...BROWSER, ...headers })
    .type('form')
    .send(new URLSearchParams(fields).toString());
}

/** The message shown beside a field. */
const fieldError = (html: string, name: string) =>
  new RegExp(`<p class="field-error" id="${name}-error">([^<]*)</p>`).exec(html)?.[1];

const inputValue = (html: string, id: string) =>
  new RegExp(`<input id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1];

async function world() {
  const test = await createTestApp({ as: 'admin' });
  const trial = await postTrial(test.app);
  const as = async (role: Role) =>
    asBrowser(test.bare, await startSession(test.deps, await addUser(test.deps, role)));
  return { ...test, trial, url: `/trials/${trial.id}/settings/alerts`, as };
}

const FORM = { kind: 'wecom', url: KEYED_URL, secret: SECRET, label: 'Ops group', language: 'zh-CN' };

describe('the Alerts settings page', () => {
  it.each([
    ['a URL with credentials', { url: 'https://bot:pw@203.0.113.7/hook' }, 'url', 'user name or password'],
    ['a loopback URL', { url: 'http://127.0.0.1:3000/hook' }, 'url', 'WEBHOOK_ALLOW_PRIVATE=1'],
    ['an ftp URL', { url: 'ftp://203.0.113.7/hook' }, 'url', 'http:// or https://'],
    ['no URL', { url: '' }, 'url', 'Required'],
    ['an unknown kind', { kind: 'pager' }, 'kind', 'not valid'],
  ])(
    'when an admin submits %s, then the page answers 400 with the error beside the field, keeps what was typed and drops the secret',
    async (_what, change, field, message) => {
      // Arrange
      const { app, url, deps, trial } = await world();

      // Act
      const response = await postForm(app, url, { ...FORM, ...change });

      // Assert
      expect(response.status).toBe(400);
      expect(fieldError(response.text, field)).toContain(message);
      expect(inputValue(response.text, 'webhook-label')).toBe('Ops group');
      expect(inputValue(response.text, 'webhook-secret')).toBe('');
      expect(response.text).not.toContain(SECRET);
      expect(response.text).toMatch(/<option value="zh-CN" selected>/);
      expect(await deps.repository.listWebhooks(trial.id)).toEqual([]);
    },
  );

  it('when the refused URL is shown in Chinese, then its message is Chinese', async () => {
    // Arrange
    const { app, url } = await world();

    // Act
    const response = await postForm(app, url, { ...FORM, url: 'http://10.0.0.8/hook' }, ZH);

    // Assert
    expect(fieldError(response.text, 'url')).toContain('内网');
  });

  it('when an admin adds a target, then it is listed masked and signed, and the secret and URL key appear nowhere', async () => {
    // Arrange
    const { app, url } = await world();

    // Act
    const added = await postForm(app, url, FORM);
    const page = await request(app).get(`${url}?done=added`).set(BROWSER);

    // Assert
    expect(added.status).toBe(303);
    expect(added.headers['location']).toBe(`${url}?done=added`);
    expect(page.text).toContain('Ops group');
    expect(page.text).toContain('https://203.0.113.7/cgi-bin/webhook/send?key=…');
    expect(page.text).toContain('data-testid="signed"');
    expect(page.text).toContain('Target added.');
    expect(page.text).not.toContain(SECRET);
    expect(page.text).not.toContain('wecom-robot-key-123');
  });

  it.each(['viewer', 'evaluator'] as const)(
    'when a %s opens the page, then the targets show without any form and adding one is refused',
    async (role) => {
      // Arrange
      const { url, deps, trial, as } = await world();
      await createWebhook(
        deps,
        trial.id,
        { kind: 'json', url: PUBLIC_TARGET, secret: SECRET, label: 'Ops' },
        ADMIN,
      );
      const browser = await as(role);

      // Act
      const page = await request(browser).get(url).set(BROWSER);
      const posted = await postForm(browser, url, FORM);

      // Assert
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-testid="webhook-list"');
      expect(page.text).toContain('data-testid="read-only"');
      expect(page.text).not.toContain('data-testid="add-webhook"');
      expect(page.text).not.toContain('/delete"');
      expect(page.text).not.toContain(SECRET);
      expect(posted.status).toBe(403);
      expect(await deps.repository.listWebhooks(trial.id)).toHaveLength(1);
    },
  );

  it('when an admin removes a target, then it is gone and the removal is in the audit log', async () => {
    // Arrange
    const { app, url, deps, trial } = await world();
    const webhook = await createWebhook(deps, trial.id, { kind: 'slack', url: PUBLIC_TARGET }, ADMIN);

    // Act
    const removed = await postForm(app, `${url}/${webhook.id}/delete`, {});

    // Assert
    expect(removed.status).toBe(303);
    expect(removed.headers['location']).toBe(`${url}?done=deleted`);
    expect(await deps.repository.listWebhooks(trial.id)).toEqual([]);
    const audit = await deps.repository.listAudit({ entity: 'webhook', action: 'delete', limit: 5 });
    expect(audit.entries.map((entry) => entry.entityId)).toEqual([webhook.id]);
  });

  it("when a target of another trial is named in this trial's address, then it is not found and nothing changes", async () => {
    // Arrange
    const { app, url, deps } = await world();
    const other = await postTrial(app, { name: 'Another trial' });
    const webhook = await createWebhook(deps, other.id, { kind: 'json', url: PUBLIC_TARGET }, ADMIN);

    // Act
    const removed = await postForm(app, `${url}/${webhook.id}/delete`, {});
    const tested = await postForm(app, `${url}/${webhook.id}/test`, {});

    // Assert
    expect([removed.status, tested.status]).toEqual([404, 404]);
    expect(await deps.repository.listWebhooks(other.id)).toHaveLength(1);
    expect(await deps.repository.listDeliveries({ limit: 10 })).toEqual([]);
  });

  it('when an admin sends a test message, then it is queued and the page says where to see it', async () => {
    // Arrange
    const { app, url, deps, trial } = await world();
    const webhook = await createWebhook(deps, trial.id, { kind: 'dingtalk', url: PUBLIC_TARGET }, ADMIN);

    // Act
    const sent = await postForm(app, `${url}/${webhook.id}/test`, {});
    const page = await request(app).get(String(sent.headers['location'])).set(BROWSER);

    // Assert
    expect(sent.status).toBe(303);
    expect(page.text).toContain('Test message queued.');
    expect(page.text).toContain(`/admin/deliveries?trialId=${trial.id}`);
    const [delivery] = await deps.repository.listDeliveries({ limit: 10 });
    expect(delivery).toMatchObject({ webhookId: webhook.id, status: 'pending', message: { type: 'test' } });
  });

  it('when the trial is closed, then the admin sees no add form and adding answers 409, but a target can still be removed', async () => {
    // Arrange
    const { app, url, deps, trial } = await world();
    const webhook = await createWebhook(deps, trial.id, { kind: 'json', url: PUBLIC_TARGET }, ADMIN);
    await request(app).post(`/api/v1/trials/${trial.id}/close`).expect(200);

    // Act
    const page = await request(app).get(url).set(BROWSER);
    const added = await postForm(app, url, FORM);
    const removed = await postForm(app, `${url}/${webhook.id}/delete`, {});

    // Assert
    expect(page.text).not.toContain('data-testid="add-webhook"');
    expect(page.text).toContain('data-testid="delete-webhook"');
    expect(added.status).toBe(409);
    expect(removed.status).toBe(303);
    expect(await deps.repository.listWebhooks(trial.id)).toEqual([]);
  });

  it('when a label holds markup, then the settings and deliveries pages show it as text', async () => {
    // Arrange
    const { app, url, deps, trial } = await world();
    const label = '<img src=x onerror=alert(1)>';
    const webhook = await createWebhook(deps, trial.id, { kind: 'json', url: PUBLIC_TARGET, label }, ADMIN);
    await sendTestMessage(deps, webhook.id, ADMIN);

    // Act
    const pages = [
      await request(app).get(url).set(BROWSER),
      await request(app).get('/admin/deliveries').set(BROWSER),
    ];

    // Assert
    for (const page of pages) {
      expect(page.text).not.toContain(label);
      expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });

  it('when the page is read in Chinese, then what fires is explained in Chinese with the waiting time', async () => {
    // Arrange
    const { app, url } = await world();

    // Act
    const page = await request(app).get(url).set(ZH);

    // Assert
    expect(page.text).toContain('等待我方：供应商等待我方答复已超过 240 分钟。');
    expect(page.text).toContain('X-SLA-Probe-Signature');
  });
});

describe('the admin page of deliveries', () => {
  it.each(['viewer', 'evaluator'] as const)('when a %s opens it, then it is refused', async (role) => {
    // Arrange
    const { as } = await world();

    // Act
    const response = await request(await as(role))
      .get('/admin/deliveries')
      .set(BROWSER);

    // Assert
    expect(response.status).toBe(403);
  });

  it('when an admin filters by status and trial, then only those rows show, newest first, with a retry for the dead one', async () => {
    // Arrange
    const { app, deps, trial } = await world();
    const other = await postTrial(app, { name: 'Another trial' });
    const ours = await createWebhook(
      deps,
      trial.id,
      { kind: 'feishu', url: PUBLIC_TARGET, label: 'Ops' },
      ADMIN,
    );
    const theirs = await createWebhook(deps, other.id, { kind: 'slack', url: PUBLIC_TARGET }, ADMIN);
    const dead = await sendTestMessage(deps, ours.id, ADMIN);
    const pending = await sendTestMessage(deps, ours.id, ADMIN);
    await sendTestMessage(deps, theirs.id, ADMIN);
    await deps.repository.updateDelivery(dead.id, (delivery) => ({
      ...delivery,
      status: 'dead',
      attempts: 8,
      lastStatus: 503,
      lastError: 'The receiver answered 503.',
      lastAttemptAt: FIXED_NOW,
    }));

    // Act
    const ofTrial = await request(app).get(`/admin/deliveries?trialId=${trial.id}`).set(BROWSER);
    const deadOnly = await request(app).get(`/admin/deliveries?status=dead`).set(BROWSER);

    // Assert
    const rows = (html: string) => [...html.matchAll(/<tr data-delivery="([^"]*)" data-status="([^"]*)"/g)];
    expect(
      rows(ofTrial.text)
        .map((match) => match[2])
        .sort(),
    ).toEqual(['dead', 'pending']);
    expect(rows(ofTrial.text).map((match) => match[1])).toContain(pending.id);
    expect(rows(deadOnly.text).map((match) => match[1])).toEqual([dead.id]);
    expect(deadOnly.text).toContain('503');
    expect(deadOnly.text).toContain('The receiver answered 503.');
    expect(deadOnly.text).toContain(`/admin/deliveries/${dead.id}/retry`);
  });

  it('when an admin retries a dead delivery, then it is pending again and the page keeps the filters', async () => {
    // Arrange
    const { app, deps, trial } = await world();
    const webhook = await createWebhook(
      deps,
      trial.id,
      { kind: 'json', url: PUBLIC_TARGET, secret: SECRET },
      ADMIN,
    );
    const delivery = await sendTestMessage(deps, webhook.id, ADMIN);
    await deps.repository.updateDelivery(delivery.id, (stored) => ({
      ...stored,
      status: 'dead',
      attempts: 8,
    }));

    // Act
    const retried = await postForm(app, `/admin/deliveries/${delivery.id}/retry`, {
      status: 'dead',
      trialId: trial.id,
    });
    const page = await request(app).get(String(retried.headers['location'])).set(ZH);

    // Assert
    expect(retried.status).toBe(303);
    expect(retried.headers['location']).toBe(
      `/admin/deliveries?status=dead&trialId=${trial.id}&done=retried`,
    );
    expect(await deps.repository.getDelivery(delivery.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(page.text).toContain('投递已重新排队');
    expect(page.text).not.toContain(SECRET);
  });

  it('when the status filter is not one of the statuses, then the page answers 400 with the error beside it', async () => {
    // Arrange
    const { app } = await world();

    // Act
    const response = await request(app).get('/admin/deliveries?status=lost').set(BROWSER);

    // Assert
    expect(response.status).toBe(400);
    expect(fieldError(response.text, 'status')).toBeDefined();
  });
});
