/**
 * Wide tables on a phone (390 px): the settings targets become one card per severity and the
 * weights preview fits, so nothing is cut off or hidden to the right; the dashboard ranking
 * fits; the scenario matrix keeps its scenario column in place and says that it scrolls.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, screenshot, startApp, type Running } from './harness.js';

interface Box {
  left: number;
  right: number;
}

/** Elements under `selector` whose box ends right of the window (the test program has no DOM types). */
function outOfWindow(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(`${selector}, ${selector} *`, (elements) => {
    const view = globalThis as unknown as { innerWidth: number };
    return elements
      .map((element) => {
        const item = element as unknown as { tagName: string; id: string; getBoundingClientRect(): Box };
        const box = item.getBoundingClientRect();
        return { name: `${item.tagName.toLowerCase()}#${item.id}`, box };
      })
      .filter(({ box }) => box.right > view.innerWidth + 1 || box.left < -1)
      .map(({ name, box }) => `${name} ${Math.round(box.left)}–${Math.round(box.right)}px`);
  });
}

/** Headings whose text is wider than their cell: cut off. */
function clippedHeadings(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(`${selector} th`, (cells) =>
    cells
      .map(
        (cell) => cell as unknown as { scrollWidth: number; clientWidth: number; textContent: string | null },
      )
      .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => cell.textContent ?? ''),
  );
}

async function inWindow(locator: Locator, width: number): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.width > 0 && box.x >= 0 && box.x + box.width <= width + 1;
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
}

describe('wide tables on a phone, in Chromium', () => {
  let running: Running;
  let trialId: string;
  beforeAll(async () => {
    running = await startApp();
    const response = await fetch(`${running.baseUrl}/api/v1/trials/sample`, {
      method: 'POST',
      headers: running.headers,
    });
    trialId = ((await response.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await running.stop();
  });

  it.each([
    { locale: 'en-US', lang: 'en', escalation: 'Escalation after our request', clock: 'Clock' },
    { locale: 'zh-CN', lang: 'zh', escalation: '我方要求后升级', clock: '计时方式' },
  ])(
    'when the settings are opened in $lang at 390 px, then every target field, Escalation and Clock included, is in view with its label, and the preview is not cut off',
    async ({ locale, lang, escalation, clock }) => {
      const { page, problems, context } = await openTab(running, { locale, width: 390, height: 844 });
      await page.goto(`${running.baseUrl}/trials/${trialId}/settings`);

      expect(await pageWidth(page)).toBeLessThanOrEqual(391);
      expect(await outOfWindow(page, '#targets')).toEqual([]);
      for (const severity of ['P0', 'P1', 'P2', 'P3']) {
        for (const field of ['firstResponseMinutes', 'resolutionMinutes', 'escalationMinutes', 'clock']) {
          const input = page.locator(`#targets-${severity}-${field}`);
          await input.scrollIntoViewIfNeeded();
          expect.soft(await input.isVisible(), `${severity} ${field} visible`).toBe(true);
          expect.soft(await inWindow(input, 390), `${severity} ${field} inside the window`).toBe(true);
        }
      }
      const labels = page.locator('#targets .target-label');
      expect(await labels.filter({ hasText: escalation }).first().isVisible()).toBe(true);
      expect(await labels.filter({ hasText: clock }).first().isVisible()).toBe(true);

      expect(await outOfWindow(page, '[data-preview]')).toEqual([]);
      expect(await clippedHeadings(page, '[data-preview]')).toEqual([]);
      await page.locator('#targets').scrollIntoViewIfNeeded();
      await screenshot(page, `phone-settings-${lang}-390`);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each([
    { locale: 'en-US', lang: 'en' },
    { locale: 'zh-CN', lang: 'zh' },
  ])(
    'when the dashboard is opened in $lang at 390 px, then the ranking fits the window',
    async ({ locale }) => {
      const { page, problems, context } = await openTab(running, { locale, width: 390, height: 844 });
      await page.goto(`${running.baseUrl}/trials/${trialId}`);

      expect(await pageWidth(page)).toBeLessThanOrEqual(391);
      expect(await outOfWindow(page, '[data-testid="ranking"]')).toEqual([]);
      const wrap = page.locator('.table-wrap', { has: page.getByTestId('ranking') });
      const scrolls = await wrap.evaluate((element) => {
        const box = element as unknown as { scrollWidth: number; clientWidth: number };
        return box.scrollWidth > box.clientWidth + 1;
      });
      expect(scrolls).toBe(false);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each([
    { locale: 'en-US', lang: 'en', hint: 'Scroll sideways to see all 4 vendors' },
    { locale: 'zh-CN', lang: 'zh', hint: '左右滑动可查看全部 4 家厂商' },
  ])(
    'when the matrix is opened in $lang at 390 px, then it says it scrolls, the scenario column stays, and the last vendor can be reached',
    async ({ locale, lang, hint }) => {
      const { page, problems, context } = await openTab(running, { locale, width: 390, height: 844 });
      await page.goto(`${running.baseUrl}/trials/${trialId}/matrix`);
      const wrap = page.locator('.matrix-wrap');

      expect(await pageWidth(page)).toBeLessThanOrEqual(391);
      const cue = page.getByTestId('matrix-scroll-hint');
      expect(await cue.isVisible()).toBe(true);
      expect(await cue.textContent()).toContain(hint);
      expect(
        await wrap.evaluate((element) => {
          const box = element as unknown as { scrollWidth: number; clientWidth: number };
          return box.scrollWidth > box.clientWidth;
        }),
      ).toBe(true);

      // The one pair not sent yet is in the last vendor's column, off to the right.
      const send = page.locator('td[data-state="not-sent"] a').first();
      expect(await inWindow(send, 390)).toBe(false);
      await send.scrollIntoViewIfNeeded();
      expect(await inWindow(send, 390)).toBe(true);
      const scenario = page.locator('table.matrix th[scope="row"]').last();
      const scenarioBox = await scenario.boundingBox();
      const wrapBox = await wrap.boundingBox();
      expect(Math.abs((scenarioBox?.x ?? -100) - (wrapBox?.x ?? 0))).toBeLessThanOrEqual(1);
      await screenshot(page, `phone-matrix-scrolled-${lang}-390`);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it('when the settings and matrix are opened at 1366 px, then the targets are a table and no scroll hint shows', async () => {
    const { page, problems, context } = await openTab(running);
    await page.goto(`${running.baseUrl}/trials/${trialId}/settings`);
    expect(await page.locator('#targets thead').isVisible()).toBe(true);
    expect(await page.locator('#targets .target-label').first().boundingBox()).toMatchObject({ width: 1 });

    await page.goto(`${running.baseUrl}/trials/${trialId}/matrix`);
    expect(await page.getByTestId('matrix-scroll-hint').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });
});
