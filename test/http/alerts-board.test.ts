/**
 * The alerts that fired, where people look: the live board's "Notified" column and the probe
 * page's "Alerts sent". Alerts are recorded the way the triggers record them (recordAlerts),
 * in a real app over a real store.
 */
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { checkTriggers } from '../../src/app/alerts/triggers.js';
import { startSession } from '../../src/app/sessions.js';
import {
  alertKey,
  type Alert,
  type AlertTarget,
  type AlertType,
  type Delivery,
  type Webhook,
} from '../../src/domain/alerting.js';
import { addUser, asBrowser, createTestApp, postProbe, postTrial, postVendor } from './helpers.js';

const RECEIVER_SAID = 'upstream gateway said: token=abc123 SECRET-BODY';
const WEBHOOK_URL = 'https://open.feishu.example/open-apis/bot/v2/hook/secret-hook-id';

function buildAlert(
  probe: { id: string; trialId: string; vendorId: string },
  over: Partial<Alert> & {
    type: AlertType;
    target: AlertTarget;
  },
): Alert {
  return {
    key: alertKey(probe.id, over.target, over.type),
    trialId: probe.trialId,
    probeId: probe.id,
    vendorId: probe.vendorId,
    at: '2026-11-24T03:45:00.000Z',
    firedAt: '2026-11-24T03:45:30.000Z',
    ...over,
  };
}

function buildDelivery(alert: Alert, over: Partial<Delivery> & { id: string }): Delivery {
  return {
    alertKey: alert.key,
    trialId: alert.trialId,
    webhookId: null,
    userId: null,
    channel: 'json',
    message: {
      type: alert.type,
      trialId: alert.trialId,
      probeId: alert.probeId,
      vendorId: alert.vendorId,
      target: alert.target,
      at: alert.at,
      url: `/probes/${alert.probeId}`,
      text: 'A probe needs attention',
    },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: alert.firedAt,
    lastAttemptAt: null,
    lastStatus: null,
    lastError: null,
    createdAt: alert.firedAt,
    deliveredAt: null,
    ...over,
  };
}

/**
 * As of Tuesday 2026-11-24 12:00 in Shanghai: a P0 sent 11:30 that went at risk (11:41) and then
 * breached (11:45) its 15-minute first response, each alert told to a Feishu group and the
 * breach also by e-mail; and a calm P1 sent 11:50 that nothing fired for.
 */
async function alertedApp() {
  const testApp = await createTestApp();
  const { app, deps, user } = testApp;
  const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
  const vendor = await postVendor(app, trial.id, { name: 'Alpha RTC' });
  const late = await postProbe(app, trial.id, vendor.id, {
    title: 'Alpha late P0',
    severity: 'P0',
    sentAt: '2026-11-24T11:30+08:00',
  });
  const calm = await postProbe(app, trial.id, vendor.id, {
    title: 'Alpha calm P1',
    severity: 'P1',
    sentAt: '2026-11-24T11:50+08:00',
  });
  const webhook: Webhook = {
    id: 'wh-procurement',
    trialId: trial.id,
    kind: 'feishu',
    url: WEBHOOK_URL,
    secret: 'signing-secret-value',
    label: 'Procurement group',
    language: 'zh-CN',
    createdAt: '2026-11-24T01:00:00.000Z',
    createdBy: null,
  };
  await deps.repository.insertWebhook(webhook);
  const atRisk = buildAlert(late, {
    type: 'probe.at_risk',
    target: 'first_response',
    at: '2026-11-24T03:41:15.000Z',
    firedAt: '2026-11-24T03:42:00.000Z',
  });
  const breached = buildAlert(late, { type: 'probe.breached', target: 'first_response' });
  await deps.repository.recordAlerts([
    {
      alert: atRisk,
      deliveries: [
        buildDelivery(atRisk, {
          id: 'dl-risk-feishu',
          webhookId: webhook.id,
          channel: 'feishu',
          status: 'dead',
          attempts: 8,
          lastAttemptAt: '2026-11-24T03:58:00.000Z',
          lastStatus: 502,
          lastError: RECEIVER_SAID,
        }),
      ],
    },
    {
      alert: breached,
      deliveries: [
        buildDelivery(breached, {
          id: 'dl-breach-feishu',
          webhookId: webhook.id,
          channel: 'feishu',
          status: 'delivered',
          attempts: 1,
          lastAttemptAt: '2026-11-24T03:46:00.000Z',
          lastStatus: 200,
          deliveredAt: '2026-11-24T03:46:00.000Z',
        }),
        buildDelivery(breached, {
          id: 'dl-breach-mail',
          userId: user?.id ?? null,
          channel: 'email',
          attempts: 2,
          nextAttemptAt: '2026-11-24T04:05:00.000Z',
        }),
      ],
    },
  ]);
  return { ...testApp, trial, late, calm, webhook, breached };
}

const get = (app: Express, path: string, lang = 'en') => request(app).get(path).set('Cookie', `lang=${lang}`);

/** The board row of one probe, as HTML. */
function boardRow(html: string, probeId: string): string {
  return (
    new RegExp(`<tr class="board-row[^"]*" data-probe="${probeId}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ''
  );
}

/** The tags of a row's notify column: [label, title] pairs, newest first. */
function notifiedTags(row: string): [string, string][] {
  const cell = /data-testid="board-notified">([\s\S]*?)<\/td>/.exec(row)?.[1] ?? '';
  return [...cell.matchAll(/<li class="badge[^"]*" data-alert="[^"]+" title="([^"]*)">([^<]*)<\/li>/g)].map(
    (match) => [match[2] ?? '', match[1] ?? ''],
  );
}

/** The probe page's "Alerts sent" section. */
function alertsSection(html: string): string {
  return /<section class="panel" id="alerts-sent"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
}

const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the live board\'s "Notified" column', () => {
  it.each([
    {
      lang: 'en',
      header: '<th scope="col">Notified</th>',
      tags: [
        ['breached · first response', 'Since Tue 24 Nov, 11:45; notified Tue 24 Nov, 11:45'],
        ['at risk · first response', 'Since Tue 24 Nov, 11:41; notified Tue 24 Nov, 11:42'],
      ],
      none: 'No alerts sent',
    },
    {
      lang: 'zh-CN',
      header: '<th scope="col">已提醒</th>',
      tags: [
        ['首次响应已超时', '自 11月24日 周二 11:45 起；11月24日 周二 11:45 已提醒'],
        ['首次响应即将超时', '自 11月24日 周二 11:41 起；11月24日 周二 11:42 已提醒'],
      ],
      none: '未发出提醒',
    },
  ])(
    'when alerts fired for a probe and the dashboard is opened in $lang, then its row shows them newest first with their times, and a probe without alerts shows none',
    async ({ lang, header, tags, none }) => {
      // Arrange
      const { app, trial, late, calm } = await alertedApp();

      // Act
      const response = await get(app, `/trials/${trial.id}`, lang);

      // Assert
      expect(response.status).toBe(200);
      expect(response.text).toContain(header);
      expect(notifiedTags(boardRow(response.text, late.id))).toEqual(tags);
      const calmRow = boardRow(response.text, calm.id);
      expect(notifiedTags(calmRow)).toEqual([]);
      expect(calmRow).toContain(`—</span><span class="visually-hidden">${none}</span>`);
    },
  );

  it.each([[''], ['?board=all'], ['?status=breached']])(
    'when the 30-second fragment is asked for%s, then it carries the notify column too',
    async (query) => {
      const { app, trial, late } = await alertedApp();

      const response = await get(app, `/trials/${trial.id}/board${query}`);

      expect(response.status).toBe(200);
      expect(notifiedTags(boardRow(response.text, late.id)).map(([label]) => label)).toEqual([
        'breached · first response',
        'at risk · first response',
      ]);
    },
  );

  it.each([['/trials/:trial'], ['/trials/:trial/board']])(
    'when an alert is recorded within the minute %s was last shown, then the next request shows it at once',
    async (path) => {
      // Arrange: the clock stands still, so both requests fall in the same minute.
      const { app, deps, trial, calm } = await alertedApp();
      const url = path.replace(':trial', trial.id);
      const before = await get(app, url);
      expect(notifiedTags(boardRow(before.text, calm.id))).toEqual([]);

      // Act
      const waiting = buildAlert(calm, {
        type: 'probe.waiting_on_us',
        target: 'our_answer',
        at: '2026-11-24T03:55:00.000Z',
        firedAt: '2026-11-24T03:59:00.000Z',
      });
      await deps.repository.recordAlerts([{ alert: waiting, deliveries: [] }]);
      const after = await get(app, url);

      // Assert
      expect(notifiedTags(boardRow(after.text, calm.id))).toEqual([
        ['waiting on us', 'Since Tue 24 Nov, 11:55; notified Tue 24 Nov, 11:59'],
      ]);
    },
  );

  it.each([
    ['escalation.due', 'escalation', 'escalate now', 'badge bad'],
    ['probe.waiting_on_us', 'our_answer', 'waiting on us', 'badge '],
    ['probe.at_risk', 'vendor_resolution', 'at risk · promised resolution', 'badge risk'],
    ['probe.breached', 'vendor_first_response', 'breached · promised first response', 'badge bad'],
  ] as const)('when a %s alert on %s fired, then the tag reads "%s"', async (type, target, label, badge) => {
    const { app, deps, trial, calm } = await alertedApp();
    await deps.repository.recordAlerts([{ alert: buildAlert(calm, { type, target }), deliveries: [] }]);

    const response = await get(app, `/trials/${trial.id}/board`);

    expect(notifiedTags(boardRow(response.text, calm.id))).toEqual([
      [label, 'Since Tue 24 Nov, 11:45; notified Tue 24 Nov, 11:45'],
    ]);
    expect(boardRow(response.text, calm.id)).toContain(`<li class="${badge}" data-alert="${type}"`);
  });
});

describe('the probe page\'s "Alerts sent"', () => {
  it.each([
    {
      lang: 'en',
      texts: [
        'Alerts sent',
        'breached · first response',
        'Since Tue 24 Nov, 11:45; notified Tue 24 Nov, 11:45',
        'E-mail to evaluator@example.com Pending 2 attempts · next attempt Tue 24 Nov, 12:05',
        'Procurement group (Feishu) Delivered 1 attempt · delivered Tue 24 Nov, 11:46',
        'at risk · first response',
        'Procurement group (Feishu) Gave up 8 attempts · last attempt Tue 24 Nov, 11:58',
      ],
    },
    {
      lang: 'zh-CN',
      texts: [
        '已发出的提醒',
        '首次响应已超时',
        '发邮件给 evaluator@example.com 待发送 尝试 2 次 · 下次尝试 11月24日 周二 12:05',
        'Procurement group（飞书） 已送达 尝试 1 次 · 11月24日 周二 11:46 送达',
        '首次响应即将超时',
        'Procurement group（飞书） 已放弃 尝试 8 次 · 最后尝试 11月24日 周二 11:58',
      ],
    },
  ])(
    'when a probe had alerts and its page is opened in $lang, then each alert shows with its deliveries, newest first',
    async ({ lang, texts }) => {
      // Arrange
      const { app, late } = await alertedApp();

      // Act
      const response = await get(app, `/probes/${late.id}`, lang);

      // Assert
      expect(response.status).toBe(200);
      const section = plain(alertsSection(response.text));
      let from = 0;
      for (const text of texts) {
        const found = section.indexOf(text, from);
        expect(found, `${text} after ${String(from)} in: ${section}`).toBeGreaterThanOrEqual(0);
        from = found + text.length;
      }
    },
  );

  it("when a delivery failed, then neither what the receiver answered nor the target's address or secret is on the page", async () => {
    const { app, late } = await alertedApp();

    const response = await get(app, `/probes/${late.id}`);

    expect(response.text).toContain('Gave up');
    expect(response.text).not.toContain(RECEIVER_SAID);
    expect(response.text).not.toContain('SECRET-BODY');
    expect(response.text).not.toContain('502');
    expect(response.text).not.toContain('secret-hook-id');
    expect(response.text).not.toContain('signing-secret-value');
  });

  it.each([
    ['en', 'No alerts have fired for this probe.'],
    ['zh-CN', '此问题单尚未触发提醒。'],
  ])('when nothing fired for a probe and its page is opened in %s, then it says so', async (lang, none) => {
    const { app, calm } = await alertedApp();

    const response = await get(app, `/probes/${calm.id}`, lang);

    expect(response.status).toBe(200);
    expect(alertsSection(response.text)).toContain(none);
    expect(alertsSection(response.text)).not.toContain('alert-deliveries');
  });

  it('when a viewer opens the probe page, then the alerts sent are there to read, with nothing to change them', async () => {
    // Arrange
    const { bare, deps, late } = await alertedApp();
    const viewer = asBrowser(bare, await startSession(deps, await addUser(deps, 'viewer')));

    // Act
    const response = await get(viewer, `/probes/${late.id}`);

    // Assert
    expect(response.status).toBe(200);
    const section = alertsSection(response.text);
    expect(plain(section)).toContain('Procurement group (Feishu) Delivered');
    expect(section).not.toMatch(/<form|<button/);
  });

  it('when the target an alert went to was removed, then its deliveries say so', async () => {
    const { app, deps, late, webhook } = await alertedApp();
    await deps.repository.deleteWebhook(webhook.id);

    const response = await get(app, `/probes/${late.id}`);

    expect(plain(alertsSection(response.text))).toContain('A removed target (Feishu) Delivered 1 attempt');
  });

  it("when a target's label or a person's name holds markup, then the page shows it as plain text", async () => {
    // Arrange
    const { app, deps, calm } = await alertedApp();
    const hostile = '<img src=x onerror=alert(1)>';
    await deps.repository.insertWebhook({
      id: 'wh-hostile',
      trialId: calm.trialId,
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.example/robot/send?access_token=x',
      secret: null,
      label: hostile,
      language: 'en',
      createdAt: '2026-11-24T01:00:00.000Z',
      createdBy: null,
    });
    const due = buildAlert(calm, { type: 'escalation.due', target: 'escalation' });
    await deps.repository.recordAlerts([
      {
        alert: due,
        deliveries: [buildDelivery(due, { id: 'dl-hostile', webhookId: 'wh-hostile', channel: 'dingtalk' })],
      },
    ]);

    // Act
    const response = await get(app, `/probes/${calm.id}`);

    // Assert
    expect(alertsSection(response.text)).toContain('&lt;img src=x onerror=alert(1)&gt; (DingTalk)');
    expect(response.text).not.toContain(hostile);
  });

  it('when an alert has no deliveries (no target then), then it says nobody was sent it', async () => {
    const { app, deps, calm } = await alertedApp();
    const due = buildAlert(calm, { type: 'escalation.due', target: 'escalation' });
    await deps.repository.recordAlerts([{ alert: due, deliveries: [] }]);

    const response = await get(app, `/probes/${calm.id}`);

    expect(plain(alertsSection(response.text))).toContain('escalate now');
    expect(alertsSection(response.text)).toContain('Nobody was sent this one');
  });
});

describe('alerts from the real trigger check', () => {
  it('when the check finds a P0 past its first-response target, then the board and the probe page show what it fired and the delivery it queued', async () => {
    // Arrange: a P0 sent 11:30 without a reply, as of 12:00, and a Slack target.
    const { app, deps } = await createTestApp();
    const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
    const vendor = await postVendor(app, trial.id, { name: 'Alpha RTC' });
    const probe = await postProbe(app, trial.id, vendor.id, {
      title: 'Alpha late P0',
      severity: 'P0',
      sentAt: '2026-11-24T11:30+08:00',
    });
    await deps.repository.insertWebhook({
      id: 'wh-slack',
      trialId: trial.id,
      kind: 'slack',
      url: 'https://hooks.slack.example/services/T0/B0/x',
      secret: null,
      label: 'rtc-eval',
      language: 'en',
      createdAt: '2026-11-24T01:00:00.000Z',
      createdBy: null,
    });

    // Act
    const fired = await checkTriggers(deps);
    const board = await get(app, `/trials/${trial.id}/board`);
    const page = await get(app, `/probes/${probe.id}`);

    // Assert
    expect(fired.map((alert) => alert.type)).toContain('probe.breached');
    const labels = notifiedTags(boardRow(board.text, probe.id)).map(([label]) => label);
    expect(labels).toContain('breached · first response');
    expect(labels).toHaveLength(fired.length);
    expect(plain(alertsSection(page.text))).toContain('rtc-eval (Slack) Pending 0 attempts');
  });
});
