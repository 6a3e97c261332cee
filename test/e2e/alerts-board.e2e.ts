/**
 * The alerts that fired, in Chromium: the live board's "Notified" column on a laptop (a column
 * of tags) and on a phone (a line of each probe's card), the whole board too, and the probe
 * page's "Alerts sent" read by a viewer, in English and Chinese.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertKey,
  type Alert,
  type AlertTarget,
  type AlertType,
  type Delivery,
} from '../../src/domain/alerting.js';
import { openTab, postJson, type Running, startApp, steadyScreenshot, sidewaysOverflow } from './harness.js';

const MINUTE_MS = 60_000;

/** The label a phone shows above a card's cell (its ::before content). */
function cellLabel(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => {
    const view = globalThis as unknown as {
      getComputedStyle(target: unknown, pseudo: string): { content: string };
    };
    return view.getComputedStyle(element, '::before').content;
  });
}

interface ProbeRef {
  id: string;
  trialId: string;
  vendorId: string;
}

function alertOf(probe: ProbeRef, type: AlertType, target: AlertTarget, minutesAgo: number): Alert {
  const at = new Date(Date.now() - minutesAgo * MINUTE_MS).toISOString();
  return {
    key: alertKey(probe.id, target, type),
    trialId: probe.trialId,
    probeId: probe.id,
    vendorId: probe.vendorId,
    type,
    target,
    at,
    firedAt: at,
  };
}

function deliveryOf(alert: Alert, over: Partial<Delivery> & { id: string }): Delivery {
  return {
    alertKey: alert.key,
    trialId: alert.trialId,
    webhookId: null,
    userId: null,
    channel: 'feishu',
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
    status: 'delivered',
    attempts: 1,
    nextAttemptAt: alert.firedAt,
    lastAttemptAt: alert.firedAt,
    lastStatus: 200,
    lastError: null,
    createdAt: alert.firedAt,
    deliveredAt: alert.firedAt,
    ...over,
  };
}

describe('alerts on the live board and the probe page in Chromium', () => {
  let running: Running;
  let trialId: string;
  let late: ProbeRef;
  let waiting: ProbeRef;
  let calm: ProbeRef;

  beforeAll(async () => {
    running = await startApp();
    const trial = await postJson(running, '/trials', { name: 'Alerted board', timezone: 'Asia/Shanghai' });
    trialId = trial.id;
    const vendor = await postJson(running, `/trials/${trialId}/vendors`, { name: 'Nimbus RTC 云通信' });
    const probe = async (title: string, severity: string, minutesAgo: number): Promise<ProbeRef> => {
      const created = await postJson(running, `/trials/${trialId}/probes`, {
        vendorId: vendor.id,
        title,
        severity,
        category: 'server-outage',
        difficulty: 'known',
        channel: 'im',
        sentAt: new Date(Date.now() - minutesAgo * MINUTE_MS).toISOString(),
      });
      return { id: created.id, trialId, vendorId: vendor.id };
    };
    late = await probe('All pushes fail in the Singapore region', 'P0', 40);
    waiting = await probe('Echo on Bluetooth headsets', 'P1', 300);
    calm = await probe('SDK size on iOS', 'P2', 2);
    const { repository } = running.deps;
    await repository.insertWebhook({
      id: 'wh-team',
      trialId,
      kind: 'feishu',
      url: 'https://open.feishu.example/open-apis/bot/v2/hook/e2e',
      secret: null,
      label: 'RTC selection group',
      language: 'zh-CN',
      createdAt: new Date().toISOString(),
      createdBy: null,
    });
    const atRisk = alertOf(late, 'probe.at_risk', 'first_response', 29);
    const breached = alertOf(late, 'probe.breached', 'first_response', 25);
    const escalate = alertOf(late, 'escalation.due', 'escalation', 5);
    const onUs = alertOf(waiting, 'probe.waiting_on_us', 'our_answer', 30);
    const vendorPromise = alertOf(waiting, 'probe.breached', 'vendor_resolution', 20);
    await repository.recordAlerts([
      { alert: atRisk, deliveries: [deliveryOf(atRisk, { id: 'dl-1', webhookId: 'wh-team' })] },
      {
        alert: breached,
        deliveries: [
          deliveryOf(breached, { id: 'dl-2', webhookId: 'wh-team' }),
          deliveryOf(breached, {
            id: 'dl-3',
            webhookId: 'wh-team',
            status: 'dead',
            attempts: 8,
            deliveredAt: null,
            lastStatus: 500,
            lastError: 'HTTP 500',
          }),
        ],
      },
      {
        alert: escalate,
        deliveries: [
          deliveryOf(escalate, {
            id: 'dl-4',
            webhookId: 'wh-team',
            status: 'pending',
            attempts: 2,
            deliveredAt: null,
            nextAttemptAt: new Date(Date.now() + 2 * MINUTE_MS).toISOString(),
          }),
        ],
      },
      { alert: onUs, deliveries: [] },
      { alert: vendorPromise, deliveries: [] },
    ]);
  });
  afterAll(async () => {
    await running.stop();
  });

  it.each([
    {
      locale: 'en-US',
      header: 'Notified',
      tags: ['escalate now', 'breached · first response', 'at risk · first response'],
      none: 'No alerts sent',
    },
    {
      locale: 'zh-CN',
      header: '已提醒',
      tags: ['立即升级', '首次响应已超时', '首次响应即将超时'],
      none: '未发出提醒',
    },
  ])(
    "when the dashboard is opened in $locale at 1366 px, then the Notified column shows each probe's alerts beside its clocks",
    async ({ locale, header, tags, none }) => {
      const { page, problems, context } = await openTab(running, { locale, width: 1366, height: 900 });
      await page.goto(`${running.baseUrl}/trials/${trialId}`);
      const board = page.getByTestId('sla-board');

      expect(await board.getByRole('columnheader', { name: header }).isVisible()).toBe(true);
      const lateTags = board.locator(`tr[data-probe="${late.id}"] [data-testid="board-notified"] li`);
      expect(await lateTags.allTextContents()).toEqual(tags);
      expect(await lateTags.nth(1).getAttribute('title')).toMatch(/\d\d:\d\d/);
      for (const tag of await lateTags.all()) expect(await tag.isVisible()).toBe(true);
      const calmCell = board.locator(`tr[data-probe="${calm.id}"] [data-testid="board-notified"]`);
      // A dash to the eye, words to a screen reader.
      expect(await calmCell.locator('[aria-hidden="true"]').textContent()).toBe('—');
      expect(await calmCell.locator('.visually-hidden').textContent()).toBe(none);
      // The column fits the laptop's window: the board does not scroll sideways.
      expect(await sidewaysOverflow(page)).toBe(0);
      const wrap = await page.$eval('[data-testid="sla-board"]', (table) => {
        const parent = (table as unknown as { parentElement: { scrollWidth: number; clientWidth: number } })
          .parentElement;
        return parent.scrollWidth - parent.clientWidth;
      });
      expect(wrap).toBe(0);
      await steadyScreenshot(page, `alerts-board-${locale}-1366`);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each([
    { locale: 'en-US', header: 'Notified', tag: 'waiting on us' },
    { locale: 'zh-CN', header: '已提醒', tag: '等待我方' },
  ])(
    'when the whole board is opened in $locale on a 390 px phone, then each card has a Notified line with its tags and nothing sticks out',
    async ({ locale, header, tag }) => {
      const { page, problems, context } = await openTab(running, { locale, width: 390, height: 844 });
      await page.goto(`${running.baseUrl}/trials/${trialId}?board=all`);

      const cell = `[data-testid="sla-board"] tr[data-probe="${waiting.id}"] [data-testid="board-notified"]`;
      expect(await cellLabel(page, cell)).toBe(`"${header}"`);
      const waitingTag = page.locator(`${cell} li[data-alert="probe.waiting_on_us"]`);
      await waitingTag.scrollIntoViewIfNeeded();
      expect(await waitingTag.textContent()).toBe(tag);
      const box = await waitingTag.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
      expect(await sidewaysOverflow(page)).toBe(0);
      await steadyScreenshot(page, `alerts-board-${locale}-390`);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each([
    {
      locale: 'en-US',
      width: 1366,
      title: 'Alerts sent',
      lines: ['RTC selection group (Feishu)', 'Delivered', 'Gave up', 'Pending'],
    },
    {
      locale: 'zh-CN',
      width: 390,
      title: '已发出的提醒',
      lines: ['RTC selection group（飞书）', '已送达', '已放弃', '待发送'],
    },
  ])(
    'when a viewer opens an alerted probe in $locale at $width px, then "Alerts sent" lists each alert and its deliveries',
    async ({ locale, width, title, lines }) => {
      const { page, problems, context } = await openTab(running, {
        locale,
        width,
        height: 844,
        as: 'viewer',
      });
      await page.goto(`${running.baseUrl}/probes/${late.id}`);
      const section = page.getByTestId('alerts-sent');

      await section.scrollIntoViewIfNeeded();
      expect(await section.getByRole('heading', { name: title }).isVisible()).toBe(true);
      expect(await section.locator(':scope > ul > li').count()).toBe(3);
      const text = await section.innerText();
      for (const line of lines) expect(text).toContain(line);
      expect(text).not.toContain('HTTP 500');
      expect(await section.locator('form, button').count()).toBe(0);
      expect(await sidewaysOverflow(page)).toBe(0);
      await steadyScreenshot(page, `alerts-probe-${locale}-${width}`);

      await page.goto(`${running.baseUrl}/probes/${calm.id}`);
      expect(await page.getByTestId('alerts-sent-none').isVisible()).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    },
  );
});
