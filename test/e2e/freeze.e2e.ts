/**
 * Closing a trial in Chromium: an evaluator closes it from its dashboard (answering the
 * question), then every page of it shows the read-only banner with the snapshot hash and no
 * edit controls, in English and in Chinese; an admin reopens it from the banner and the
 * controls come back. Screenshots of each state in both languages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirming, openTab, postJson, screenshot, startApp, type Running } from './harness.js';

interface Seeded {
  trialId: string;
  vendorId: string;
  probeId: string;
}

/** Forms that change something, in the page's main part (the header's sign-out is outside). */
const mainForms = (page: Page) => page.locator('main form[method="post"]').count();

describe('closing a trial in Chromium', () => {
  let running: Running;
  let seeded: Seeded;

  beforeAll(async () => {
    running = await startApp(() => new Date('2026-11-24T04:00:00.000Z'));
    const trial = await postJson(running, '/trials', {
      name: 'RTC SDK selection 2026 Q4',
      timezone: 'Asia/Shanghai',
      status: 'running',
    });
    const vendor = await postJson(running, `/trials/${trial.id}/vendors`, { name: '声网 NimbusRTC' });
    const probe = await postJson(running, `/trials/${trial.id}/probes`, {
      vendorId: vendor.id,
      title: 'Stream push fails for all users',
      severity: 'P1',
      category: 'server-outage',
      difficulty: 'known',
      channel: 'ticket',
      sentAt: '2026-11-20T10:00+08:00',
    });
    seeded = { trialId: trial.id, vendorId: vendor.id, probeId: probe.id };
  });

  afterAll(async () => {
    await running.stop();
  });

  it('when an evaluator closes the trial, then its pages are read-only with the banner in English and Chinese, and an admin reopens it', async () => {
    const { baseUrl } = running;
    const dashboard = `${baseUrl}/trials/${seeded.trialId}`;

    // Act: the evaluator closes it from the dashboard, answering the question.
    const evaluator = await openTab(running, { as: 'evaluator' });
    await evaluator.page.goto(dashboard);
    expect(await evaluator.page.locator('[data-testid="frozen-banner"]').count()).toBe(0);
    const question = await confirming(evaluator, () =>
      Promise.all([
        evaluator.page.waitForURL(dashboard),
        evaluator.page.click('[data-testid="close-trial"] button'),
      ]),
    );

    // Assert: the question said what closing does; the banner shows the hash; no edit controls.
    expect(question).toContain('only an admin can reopen it');
    const banner = evaluator.page.locator('[data-testid="frozen-banner"]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('This trial is closed and frozen since');
    expect(await banner.locator('[data-testid="frozen-sha256"]').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await banner.locator('[data-testid="reopen-form"]').count()).toBe(0);
    expect(await evaluator.page.locator('[data-testid="close-trial"]').count()).toBe(0);
    expect(await evaluator.page.getByRole('link', { name: 'Add vendor' }).count()).toBe(0);
    expect(await mainForms(evaluator.page)).toBe(0);
    await screenshot(evaluator.page, 'freeze-dashboard-en');
    for (const path of [
      `/probes/${seeded.probeId}`,
      `/vendors/${seeded.vendorId}`,
      `/trials/${seeded.trialId}/decision`,
      `/trials/${seeded.trialId}/matrix`,
    ]) {
      await evaluator.page.goto(`${baseUrl}${path}`);
      expect(await evaluator.page.locator('[data-testid="frozen-banner"]').count(), path).toBe(1);
      expect(await mainForms(evaluator.page), `${path}: forms`).toBe(0);
    }
    await screenshot(evaluator.page, 'freeze-matrix-en');
    await evaluator.page.goto(`${dashboard}/settings`);
    expect(await evaluator.page.locator('fieldset[disabled][data-testid="settings-frozen"]').count()).toBe(1);
    expect(await evaluator.page.locator('main button[type="submit"]:enabled').count()).toBe(0);

    // Assert: the same in Chinese, on a phone.
    const chinese = await openTab(running, { as: 'evaluator', locale: 'zh-CN', width: 390, height: 844 });
    await chinese.page.goto(`${baseUrl}/probes/${seeded.probeId}`);
    const zhBanner = chinese.page.locator('[data-testid="frozen-banner"]');
    expect(await zhBanner.textContent()).toContain('此试用已于');
    expect(await zhBanner.textContent()).toContain('管理员可以重新开启它');
    expect(await mainForms(chinese.page)).toBe(0);
    await screenshot(chinese.page, 'freeze-probe-zh-phone');
    await chinese.page.goto(dashboard);
    await screenshot(chinese.page, 'freeze-dashboard-zh-phone');

    // Act: an admin reopens it from the banner, in Chinese.
    const admin = await openTab(running, { as: 'admin', locale: 'zh-CN' });
    await admin.page.goto(dashboard);
    const reopen = admin.page.locator('[data-testid="reopen-form"]');
    expect(await reopen.locator('button').textContent()).toContain('重新开启（管理员）');
    await screenshot(admin.page, 'freeze-dashboard-zh-admin');
    await Promise.all([admin.page.waitForURL(dashboard), reopen.locator('button').click()]);

    // Assert: running again, the controls are back and the banner is gone.
    expect(await admin.page.locator('[data-testid="frozen-banner"]').count()).toBe(0);
    expect(await admin.page.locator('[data-testid="close-trial"]').count()).toBe(1);
    expect(await admin.page.locator('.page-head .badge').first().textContent()).toBe('进行中');
    await screenshot(admin.page, 'freeze-reopened-zh');

    // Assert: the trials list shows the trial running again, and nothing went wrong anywhere.
    await evaluator.page.goto(`${baseUrl}/trials`);
    expect(
      await evaluator.page.locator(`li[data-trial-id="${seeded.trialId}"] .badge`).first().textContent(),
    ).toBe('Running');
    await screenshot(evaluator.page, 'freeze-trials-en');
    for (const tab of [evaluator, chinese, admin]) expect(tab.problems).toEqual([]);
  });
});
