/**
 * Independent evaluations in Chromium: two evaluators, each in their own browser, rate the same
 * probe; the second sees the first's rating only after submitting theirs, and a depth spread of
 * 2 shows the flag for discussion. In English and Chinese, on a laptop and on a phone.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, TEST_PASSWORD } from '../accounts.js';
import { openTab, postJson, SCREENSHOT_DIR, startApp, type Running, type Tab } from './harness.js';

describe('independent evaluations, in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp();
    const { repository } = running.deps;
    const first = await repository.findUserByEmail('evaluator@example.com');
    if (first) await repository.updateUser(first.id, (user) => ({ ...user, name: 'Chen Jing 陈静' }));
    const second = await addUser(running.deps, 'evaluator', 'lin.wei@example.com');
    await repository.updateUser(second.id, (user) => ({ ...user, name: 'Lin Wei 林伟' }));
  });
  afterAll(async () => {
    await running.stop();
  });

  async function newProbe(name: string): Promise<string> {
    const trial = await postJson(running, '/trials', { name, timezone: 'Asia/Shanghai' });
    const vendor = await postJson(running, `/trials/${trial.id}/vendors`, { name: 'NimbusRTC' });
    const probe = await postJson(running, `/trials/${trial.id}/probes`, {
      vendorId: vendor.id,
      title: 'Echo on Bluetooth headsets',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
      channel: 'ticket',
      sentAt: '2026-11-20T10:00:00+08:00',
    });
    return probe.id;
  }

  /** A browser of its own, signed in through the log-in page as `email`. */
  async function evaluatorTab(email: string, locale: string, width: number): Promise<Tab> {
    const tab = await openTab(running, { locale, width, height: width > 600 ? 768 : 844, as: 'anonymous' });
    await tab.page.goto(`${running.baseUrl}/login`);
    await tab.page.fill('#email', email);
    await tab.page.fill('#password', TEST_PASSWORD);
    await Promise.all([tab.page.waitForURL(/\/trials$/), tab.page.click('main button[type="submit"]')]);
    return tab;
  }

  async function rate(page: Page, depth: string, communication: string, note: string): Promise<void> {
    await page.selectOption('#evaluation-depth', depth);
    await page.selectOption('#evaluation-communication', communication);
    await page.fill('#evaluation-note', note);
    await Promise.all([page.waitForEvent('load'), page.click('#my-rating button[type="submit"]')]);
    expect(new URL(page.url()).hash).toBe('#ratings');
  }

  const shot = (page: Page, name: string) =>
    page.locator('#ratings').screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });

  it.each([
    {
      lang: 'en',
      locale: 'en-US',
      widths: [1366, 390],
      hidden: 'One colleague has rated.',
      flag: 'For discussion: the depth votes are 2 levels apart.',
      median: '2 — targeted diagnosis — the median of 2',
    },
    {
      lang: 'zh',
      locale: 'zh-CN',
      widths: [390, 1366],
      hidden: '已有 1 位同事评分。',
      flag: '待讨论：深度评分相差 2 级。',
      median: '2 — 针对性定位分析 — 2 位评估人深度评分的中位数',
    },
  ])(
    "when two evaluators rate the same probe in $lang, then the second sees the first's rating only after giving theirs, and a spread of 2 is flagged",
    async ({ lang, locale, widths, hidden, flag, median }) => {
      const probeId = await newProbe(`Ratings ${lang}`);
      const [firstWidth = 1366, secondWidth = 390] = widths;
      const first = await evaluatorTab('evaluator@example.com', locale, firstWidth);
      const second = await evaluatorTab('lin.wei@example.com', locale, secondWidth);
      const probeUrl = `${running.baseUrl}/probes/${probeId}`;

      // The first rates before anyone else: nothing to hide, nothing to show.
      await first.page.goto(probeUrl);
      await shot(first.page, `evaluations-before-${lang}-${firstWidth}`);
      await rate(first.page, '3', '4', 'Root cause found by their R&D on day two');
      expect(await first.page.getByTestId('evaluation').count()).toBe(1);

      // The second has not rated: only a count, not the rating or its note.
      await second.page.goto(probeUrl);
      const secondRatings = second.page.getByTestId('evaluations');
      expect(await secondRatings.getAttribute('data-revealed')).toBe('false');
      expect(await second.page.getByTestId('evaluations-hidden').textContent()).toContain(hidden);
      expect(await second.page.locator('#ratings').textContent()).not.toContain('Root cause found');
      expect(await second.page.getByTestId('discussion-flag').count()).toBe(0);
      await shot(second.page, `evaluations-before-${lang}-${secondWidth}`);

      // Once the second has rated two levels lower, both ratings, the spread and the flag show.
      await rate(second.page, '1', '4', '');
      expect(await secondRatings.getAttribute('data-revealed')).toBe('true');
      expect(await second.page.getByTestId('evaluation').count()).toBe(2);
      expect(await second.page.locator('#ratings').textContent()).toContain('Root cause found');
      expect(await second.page.getByTestId('discussion-flag').textContent()).toContain(flag);
      expect(await second.page.getByTestId('depth-used').textContent()).toContain(median);
      await shot(second.page, `evaluations-after-${lang}-${secondWidth}`);

      await first.page.reload();
      expect(await first.page.getByTestId('discussion-flag').isVisible()).toBe(true);
      await shot(first.page, `evaluations-after-${lang}-${firstWidth}`);

      // Nothing in the rating block is wider than the window.
      for (const { page } of [first, second]) {
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
      expect([...first.problems, ...second.problems]).toEqual([]);
      await first.context.close();
      await second.context.close();
    },
    60_000,
  );

  it.each([
    { lang: 'en', locale: 'en-US', width: 390 },
    { lang: 'zh', locale: 'zh-CN', width: 1366 },
  ])(
    'when a viewer, who cannot rate, opens a rated probe in $lang, then every rating shows and no rating form',
    async ({ lang, locale, width }) => {
      const probeId = await newProbe(`Viewer ${lang}`);
      const answer = await fetch(`${running.baseUrl}/api/v1/probes/${probeId}/evaluations/me`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...running.headers },
        body: JSON.stringify({ depth: 2, communication: 3, note: '<b>not bold</b> 回复慢' }),
      });
      expect(answer.status).toBe(200);
      const { page, problems, context } = await openTab(running, { as: 'viewer', locale, width });

      await page.goto(`${running.baseUrl}/probes/${probeId}`);

      expect(await page.getByTestId('evaluation').count()).toBe(1);
      expect(await page.locator('#ratings').textContent()).toContain('<b>not bold</b> 回复慢');
      expect(await page.locator('#ratings form').count()).toBe(0);
      await shot(page, `evaluations-viewer-${lang}-${width}`);
      expect(problems).toEqual([]);
      await context.close();
    },
    60_000,
  );
});
