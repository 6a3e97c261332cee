import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, paintedPixels, screenshot, startApp, type Running } from './harness.js';

describe('trials list and dashboard in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  it('when the sample trial is loaded, then the ranking shows and both charts are actually drawn', async () => {
    const { page, problems, context } = await openTab(running);
    await page.goto(`${running.baseUrl}/trials`);
    await page.getByTestId('load-sample').click();
    await page.waitForURL(/\/trials\/trial_/);

    const names = await page.locator('[data-testid="ranking"] tbody tr td.name a').allTextContents();
    expect(names).toEqual(['NimbusRTC', '声浪云 SonicWave', 'Relaylink Video', 'QuickPing Media']);
    await page.locator('canvas').nth(1).waitFor();
    await page.waitForTimeout(300);
    expect(await paintedPixels(page, '#chart-radar')).toBeGreaterThan(1000);
    expect(await paintedPixels(page, '#chart-bars')).toBeGreaterThan(1000);
    expect(
      await page.locator('[data-testid="sla-board"] tr[data-status="breached"]').count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'dashboard-en-1366');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when the user switches to Chinese, then labels are Chinese and the choice is remembered', async () => {
    const { page, problems, context } = await openTab(running);
    await page.goto(`${running.baseUrl}/trials`);
    await page.getByRole('link', { name: '中文' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('评估项目');
    await page.goto(`${running.baseUrl}/trials?again=1`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when a trial is created with no name and a bad zone, then the fields say why and keep what was typed', async () => {
    const { page, problems, context } = await openTab(running, { width: 390, height: 844 });
    await page.goto(`${running.baseUrl}/trials`);
    await page.fill('#name', '');
    await page.fill('#timezone', 'Mars/Olympus');
    await page.fill('#description', 'Keep me');
    await page.getByRole('button', { name: 'Create' }).click();

    await expect.poll(() => page.locator('#name-error').textContent()).toContain('Required');
    expect(await page.locator('#timezone-error').textContent()).toContain('IANA');
    expect(await page.inputValue('#timezone')).toBe('Mars/Olympus');
    expect(await page.inputValue('#description')).toBe('Keep me');
    expect(await page.getAttribute('#name', 'aria-invalid')).toBe('true');
    await screenshot(page, 'trials-invalid-en-390');
    expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
    await context.close();
  });
});
