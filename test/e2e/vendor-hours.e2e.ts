/**
 * The vendor form's support hours: disabled and greyed while "the vendor has its own support
 * hours" is unticked, usable once ticked; without script, changing them unticked is reported.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, postJson, type Running, screenshot, signIn, startApp, submit } from './harness.js';

/** An element's computed opacity (the test program itself has no DOM types). */
function opacityOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (element) => {
    const view = globalThis as unknown as { getComputedStyle(element: unknown): { opacity: string } };
    return Number(view.getComputedStyle(element).opacity);
  });
}

async function vendorsOf(running: Running, trialId: string) {
  const response = await fetch(`${running.baseUrl}/api/v1/trials/${trialId}/vendors`, {
    headers: running.headers,
  });
  return (await response.json()) as { name: string; supportHours?: { start: string } }[];
}

describe('vendor form: support hours, in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  it.each([
    { locale: 'en-US', width: 1366, height: 768, lang: 'en' },
    { locale: 'zh-CN', width: 390, height: 844, lang: 'zh' },
  ])(
    'when the box is unticked in $lang at $width px, then the hours are disabled and greyed; ticked, they are typed and saved',
    async ({ locale, width, height, lang }) => {
      const trial = await postJson(running, '/trials', { name: `Hours ${lang}`, timezone: 'Asia/Shanghai' });
      const { page, problems, context } = await openTab(running, { locale, width, height });
      await page.goto(`${running.baseUrl}/trials/${trial.id}/vendors/new`);
      const start = page.locator('#supportHours-start');
      const toggle = page.locator('#supportHours-enabled');

      expect(await start.isDisabled()).toBe(true);
      expect(await page.locator('#supportHours-holidays').isDisabled()).toBe(true);
      expect(await opacityOf(page, 'fieldset[data-hours-fields]')).toBeLessThan(1);
      await screenshot(page, `vendor-hours-off-${lang}-${width}`);

      await toggle.check();
      expect(await start.isEnabled()).toBe(true);
      expect(await opacityOf(page, 'fieldset[data-hours-fields]')).toBe(1);
      await start.fill('08:30');
      await toggle.uncheck();
      expect(await start.isDisabled()).toBe(true);
      await toggle.check();

      await page.fill('#name', `Hours vendor ${lang}`);
      const answer = await submit(page, 'main form button[type="submit"].button');
      expect(answer.status()).toBe(200);
      expect(page.url()).toMatch(/\/vendors\/vendor_/);
      const [vendor] = await vendorsOf(running, trial.id);
      expect(vendor?.supportHours?.start).toBe('08:30');
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it('when script is off and the hours are changed with the box unticked, then the form says they would not be saved and keeps them', async () => {
    const trial = await postJson(running, '/trials', { name: 'Hours no script', timezone: 'Asia/Shanghai' });
    const context = await running.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, running.baseUrl, 'admin');
    await page.goto(`${running.baseUrl}/trials/${trial.id}/vendors/new`);
    expect(await page.locator('#supportHours-start').isEnabled()).toBe(true);

    await page.fill('#name', 'Unticked hours');
    await page.fill('#supportHours-start', '07:00');
    const answer = await submit(page, 'main form button[type="submit"].button');

    expect(answer.status()).toBe(400);
    expect(await page.locator('#supportHours-enabled-error').textContent()).toContain(
      'this box is not ticked',
    );
    expect(await page.inputValue('#supportHours-start')).toBe('07:00');
    expect(await vendorsOf(running, trial.id)).toEqual([]);
    await screenshot(page, 'vendor-hours-noscript-en-1366');
    await context.close();
  });
});
