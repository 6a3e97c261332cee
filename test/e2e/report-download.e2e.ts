import { readFile } from 'node:fs/promises';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, screenshot, startApp, type Running, sidewaysOverflow } from './harness.js';

async function pdfOf(download: Download): Promise<string> {
  const file = await download.path();
  return (await readFile(file)).subarray(0, 5).toString('latin1');
}

describe('PDF downloads in Chromium', () => {
  let running: Running;
  let trialId: string;
  beforeAll(async () => {
    running = await startApp();
    const created = await fetch(`${running.baseUrl}/api/v1/trials/sample`, {
      method: 'POST',
      headers: running.headers,
    });
    trialId = ((await created.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await running.stop();
  });

  it('when the report form is sent in English from the Chinese page, then the browser saves the English PDF under the trial name', async () => {
    const { page, problems, context } = await openTab(running, { locale: 'zh-CN' });
    await page.goto(`${running.baseUrl}/trials/${trialId}/report`);
    await page.selectOption('#report-lang', 'en');
    await page.getByLabel('图表').uncheck();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download').click(),
    ]);

    expect(download.suggestedFilename()).toBe('RTC SDK selection (sample) - report - en.pdf');
    expect(download.url()).toMatch(/lang=en&asOf=&sections=summary&sections=firstResponse/);
    expect(await pdfOf(download)).toBe('%PDF-');
    await screenshot(page, 'report-form-zh-1366');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when "as of" is picked in the date-time field, then the PDF is asked as of that time in the trial’s zone', async () => {
    const { page, problems, context } = await openTab(running);
    await page.goto(`${running.baseUrl}/trials/${trialId}/report`);
    await page.fill('#report-as-of', '2026-11-20T18:00');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download').click(),
    ]);

    expect(download.url()).toContain('asOf=2026-11-20T18%3A00');
    expect(await pdfOf(download)).toBe('%PDF-');
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([
    ['en-US', 1366, 'Tick at least one section.'],
    ['en-US', 390, 'Tick at least one section.'],
    ['zh-CN', 1366, '请至少勾选一个章节。'],
    ['zh-CN', 390, '请至少勾选一个章节。'],
  ])(
    'when the form is sent in %s at %i px with no section ticked, then the page comes back with the message by the sections and nothing sideways',
    async (locale, width, message) => {
      const { page, problems, context } = await openTab(running, { locale, width, height: 844 });
      await page.goto(`${running.baseUrl}/trials/${trialId}/report`);
      for (const box of await page.locator('input[name="sections"]').all()) await box.uncheck();
      await page.fill('#report-as-of', '2026-11-20T18:00');

      await Promise.all([page.waitForURL(/report\.pdf/), page.getByTestId('report-download').click()]);

      expect(await page.locator('#sections-error').textContent()).toBe(message);
      expect(await page.inputValue('#report-as-of')).toBe('2026-11-20T18:00');
      expect(await page.locator('#report-as-of-zone').isVisible()).toBe(true);
      expect(await sidewaysOverflow(page)).toBe(0);
      await screenshot(page, `report-form-error-${locale}-${String(width)}`);
      expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
      await context.close();
    },
  );

  it('when a Chinese-named vendor’s scorecard is downloaded in Chinese, then the file keeps the Chinese name', async () => {
    const { page, problems, context } = await openTab(running);
    await page.goto(`${running.baseUrl}/trials/${trialId}`);
    await page.getByRole('link', { name: '声浪云 SonicWave' }).first().click();
    await page.waitForURL(/\/vendors\//);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('scorecard-pdf-zh-CN').click(),
    ]);

    expect(download.suggestedFilename()).toBe('声浪云 SonicWave - scorecard - zh-CN.pdf');
    expect(await pdfOf(download)).toBe('%PDF-');
    expect(problems).toEqual([]);
    await context.close();
  });
});
