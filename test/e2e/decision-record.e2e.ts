/**
 * The decision record in Chromium (SPEC §5.4): the lead records the recommendation in English
 * and names two approvers — an evaluator and a viewer (the CFO) — who each answer in a browser
 * of their own, one approving, one objecting with a reason; the Chinese page then shows the
 * whole record. On a laptop (1366 px) and on a phone (390 px).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, TEST_PASSWORD } from '../accounts.js';
import {
  openTab,
  postJson,
  screenshot,
  SCREENSHOT_DIR,
  startApp,
  type Running,
  type Tab,
} from './harness.js';

describe('the decision record, in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp();
    const { repository } = running.deps;
    const lead = await repository.findUserByEmail('evaluator@example.com');
    if (lead) await repository.updateUser(lead.id, (user) => ({ ...user, name: 'Chen Jing 陈静' }));
    const cfo = await repository.findUserByEmail('viewer@example.com');
    if (cfo) await repository.updateUser(cfo.id, (user) => ({ ...user, name: 'Wang Fang 王芳' }));
    const engineer = await addUser(running.deps, 'evaluator', 'lin.wei@example.com');
    await repository.updateUser(engineer.id, (user) => ({ ...user, name: 'Lin Wei 林伟' }));
  });
  afterAll(async () => {
    await running.stop();
  });

  /** A browser of its own, signed in through the log-in page as `email`. */
  async function tabOf(email: string, locale: string, width: number): Promise<Tab> {
    const tab = await openTab(running, { locale, width, height: width > 600 ? 768 : 844, as: 'anonymous' });
    await tab.page.goto(`${running.baseUrl}/login`);
    await tab.page.fill('#email', email);
    await tab.page.fill('#password', TEST_PASSWORD);
    await Promise.all([tab.page.waitForURL(/\/trials$/), tab.page.click('main button[type="submit"]')]);
    return tab;
  }

  const shot = (page: Page, name: string) =>
    page.locator('#decision-record').screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });

  /** Sends a form of the record and waits for the page it leads to. */
  async function send(page: Page, form: '#decision-edit' | '#decision-answer'): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.click(`${form} button[type="submit"]`)]);
  }

  async function noOverflow(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
    });
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
  }

  it('when the lead records a decision and two approvers answer, then every answer shows, in English and in Chinese', async () => {
    const trial = await postJson(running, '/trials', {
      name: 'RTC SDK selection 2026 Q4',
      timezone: 'Asia/Shanghai',
    });
    await postJson(running, `/trials/${trial.id}/vendors`, { name: 'NimbusRTC' });
    const volta = await postJson(running, `/trials/${trial.id}/vendors`, { name: 'VoltaCall' });
    const decisionUrl = `${running.baseUrl}/trials/${trial.id}/decision`;

    // The lead, on a laptop in English: nothing recorded yet; an empty form is refused field by field.
    const lead = await tabOf('evaluator@example.com', 'en-US', 1366);
    await lead.page.goto(decisionUrl);
    expect(await lead.page.getByTestId('decision-none').textContent()).toContain(
      'No recommendation is recorded yet.',
    );
    await lead.page.fill('#decision-rationale', '   ');
    await send(lead.page, '#decision-edit');
    expect(await lead.page.locator('#vendorId-error').textContent()).toContain('Required.');
    expect(await lead.page.locator('#rationale-error').textContent()).toContain('Required.');
    await shot(lead.page, 'decision-record-refused-en-1366');
    await screenshot(lead.page, 'decision-record-refused-page-en-1366');

    await lead.page.selectOption('#decision-vendor', volta.id);
    await lead.page.fill(
      '#decision-rationale',
      'VoltaCall answered every P0 within 10 minutes and is the only vendor with a 24x7 hotline.\nCost is 12% above NimbusRTC.',
    );
    await lead.page.getByLabel('Lin Wei 林伟').check();
    await lead.page.getByLabel('Wang Fang 王芳').check();
    await send(lead.page, '#decision-edit');
    expect(new URL(lead.page.url()).pathname).toBe(`/trials/${trial.id}/decision`);
    expect(await lead.page.getByTestId('decision-vendor').textContent()).toContain('VoltaCall');
    expect(await lead.page.getByTestId('decision-counts').textContent()).toContain(
      '0 approved · 0 objected · 2 pending',
    );
    await shot(lead.page, 'decision-record-recorded-en-1366');

    // The engineer (an evaluator) on a phone approves.
    const engineer = await tabOf('lin.wei@example.com', 'en-US', 390);
    await engineer.page.goto(decisionUrl);
    await engineer.page.getByLabel('Approve', { exact: true }).check();
    await send(engineer.page, '#decision-answer');
    expect(
      await engineer.page.locator('[data-testid="decision-approver"][data-state="approved"]').textContent(),
    ).toContain('Lin Wei 林伟');
    await noOverflow(engineer.page);
    await shot(engineer.page, 'decision-record-approved-en-390');

    // The CFO (a viewer) on a phone in Chinese: may answer, not edit; an objection needs a reason.
    const cfo = await tabOf('viewer@example.com', 'zh-CN', 390);
    await cfo.page.goto(decisionUrl);
    expect(await cfo.page.locator('#decision-edit').count()).toBe(0);
    await cfo.page.getByLabel('反对', { exact: true }).check();
    await send(cfo.page, '#decision-answer');
    expect(await cfo.page.locator('#note-error').textContent()).toContain('请说明反对的理由。');
    await noOverflow(cfo.page);
    await shot(cfo.page, 'decision-record-objection-refused-zh-390');
    await cfo.page.fill('#decision-note', '年费超出预算 12%，请先与 VoltaCall 议价。');
    await send(cfo.page, '#decision-answer');
    const objected = cfo.page.locator('[data-testid="decision-approver"][data-state="objected"]');
    expect(await objected.textContent()).toContain('年费超出预算 12%');
    await noOverflow(cfo.page);
    await shot(cfo.page, 'decision-record-objected-zh-390');

    // The record in Chinese on a laptop: the recommendation, who recorded it, both answers.
    const reader = await tabOf('evaluator@example.com', 'zh-CN', 1366);
    await reader.page.goto(decisionUrl);
    const record = reader.page.getByTestId('decision-record');
    expect(await record.textContent()).toContain('决策记录');
    expect(await reader.page.getByTestId('decision-vendor').textContent()).toContain('VoltaCall');
    expect(await reader.page.getByTestId('decision-decided').textContent()).toContain('由 Chen Jing 陈静');
    expect(await reader.page.getByTestId('decision-counts').textContent()).toContain(
      '已批准 1 · 反对 1 · 待审批 0',
    );
    await shot(reader.page, 'decision-record-zh-1366');

    // The English laptop page, reloaded, shows both answers too.
    await lead.page.reload();
    expect(await lead.page.getByTestId('decision-counts').textContent()).toContain(
      '1 approved · 1 objected · 0 pending',
    );
    await shot(lead.page, 'decision-record-answered-en-1366');

    // Every step is in the audit log, its fields named in words.
    const admin = await openTab(running, { width: 1366 });
    await admin.page.goto(`${running.baseUrl}/admin/audit?trialId=${trial.id}&entity=trial`);
    const log = (await admin.page.locator('main').textContent()) ?? '';
    expect(log).toContain('Decision › Approvals');
    expect(log).toContain('Decision › Rationale');
    await screenshot(admin.page, 'decision-record-audit-en-1366');

    const tabs = [lead, engineer, cfo, reader, admin];
    // The two refused forms answer 400, which the browser logs; nothing else went wrong.
    const problems = tabs.flatMap((tab) => tab.problems);
    expect(problems.filter((problem) => problem.includes('status of 400'))).toHaveLength(2);
    expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
    for (const tab of tabs) await tab.context.close();
  }, 90_000);
});
