import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, screenshot, startApp, type Running } from './harness.js';

const SAMPLE_TRIAL = 'RTC SDK selection (sample)';
const CHINESE_VENDOR = '声浪云 SonicWave';

describe('spreadsheet downloads in Chromium', () => {
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

  it.each([
    ['en-US', 'en', ['Scorecard', 'Probes', 'Events', 'SLA clauses'], 'Vendor'],
    ['zh-CN', 'zh-CN', ['评分卡', '问题单', '事件', 'SLA 条款'], '厂商'],
  ])(
    'when a viewer in %s clicks the dashboard’s XLSX link, then the saved workbook reads back with the page’s language and the Chinese vendor intact',
    async (browserLocale, lang, sheets, vendorHeader) => {
      const { page, problems, context } = await openTab(running, { locale: browserLocale, as: 'viewer' });
      await page.goto(`${running.baseUrl}/trials/${trialId}`);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-xlsx').click(),
      ]);

      expect(download.suggestedFilename()).toBe(`${SAMPLE_TRIAL} - ${lang}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(await readFile(await download.path())).buffer);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(sheets);
      const scorecard = workbook.worksheets[0];
      expect(scorecard?.getRow(1).getCell(2).value).toBe(vendorHeader);
      const vendors = scorecard?.getColumn(2).values ?? [];
      expect(vendors).toContain(CHINESE_VENDOR);
      expect(typeof scorecard?.getRow(2).getCell(1).value).toBe('number');
      await screenshot(page, `dashboard-spreadsheet-links-${lang}`);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it('when the CSV tables are opened on the Chinese dashboard and Probes is clicked, then the saved CSV starts with a BOM and Chinese headers', async () => {
    const { page, problems, context } = await openTab(running, { locale: 'zh-CN', as: 'viewer' });
    await page.goto(`${running.baseUrl}/trials/${trialId}`);
    await page.getByText('CSV 表格').click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv-probes').click(),
    ]);

    expect(download.suggestedFilename()).toBe(`${SAMPLE_TRIAL} - probes - zh-CN.csv`);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('厂商,标题,严重级别,')).toBe(true);
    expect(text).toContain(CHINESE_VENDOR);
    await screenshot(page, 'dashboard-csv-open-zh-CN');
    expect(problems).toEqual([]);
    await context.close();
  });
});
