import { readFile } from 'node:fs/promises';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, screenshot, startApp, type Running } from './harness.js';

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
