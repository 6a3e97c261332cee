import ExcelJS from 'exceljs';
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import { createApp } from '../../src/http/app.js';
import {
  addUser,
  asBrowser,
  createTestApp,
  issuePaths,
  postEvent,
  postProbe,
  postTrial,
  postVendor,
} from './helpers.js';

const FORMULA = '=HYPERLINK("http://x","click")';
const CHINESE_VENDOR = '声浪云 SonicWave';

/** A trial in Shanghai with a Chinese-named vendor, a vendor named like a formula and a formula note. */
async function seeded() {
  const { app, deps } = await createTestApp();
  const trial = await postTrial(app, { name: '选型 RTC 2026' });
  const chinese = await postVendor(app, trial.id, {
    name: CHINESE_VENDOR,
    sla: { responseTargets: { P0: { minutes: 30, coverage: '24x7' } }, serviceCredits: { offered: true } },
  });
  const formula = await postVendor(app, trial.id, { name: FORMULA });
  const probe = await postProbe(app, trial.id, chinese.id, {
    title: '推流失败',
    vendorRef: '#12345',
    sentAt: '2026-11-20T10:00+08:00',
  });
  await postEvent(app, probe.id, '2026-11-20T10:25+08:00', 'ack', { note: FORMULA, handler: 'L1' });
  await postProbe(app, trial.id, formula.id, { sentAt: '2026-11-21T09:30+08:00' });
  return { app, deps, trial };
}

/** A GET that keeps the body as bytes. */
function download(app: Express, url: string) {
  return request(app).get(url).responseType('blob');
}

async function workbookOf(response: request.Response): Promise<ExcelJS.Workbook> {
  expect(response.status, String(response.body)).toBe(200);
  expect(response.headers['content-type']).toBe(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  const workbook = new ExcelJS.Workbook();
  // A copy as an ArrayBuffer: exceljs types its input as one.
  await workbook.xlsx.load(new Uint8Array(response.body as Buffer).buffer);
  return workbook;
}

const headers = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);

function rowWith(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Row {
  for (let number = 2; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    if ((row.values as unknown[]).includes(text)) return row;
  }
  throw new Error(`no row with ${text} in ${sheet.name}`);
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}: ${workbook.worksheets.map((s) => s.name).join(', ')}`);
  return found;
}

function csvText(response: request.Response): string {
  expect(response.status, String(response.body)).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers['etag']).toBeUndefined();
  const bytes = response.body as Buffer;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8');
}

describe('XLSX export', () => {
  it('when the workbook is asked in English, then it has the four sheets with English headers, bold and frozen', async () => {
    const { app, trial } = await seeded();

    const workbook = await workbookOf(await download(app, `/api/v1/trials/${trial.id}/export.xlsx?lang=en`));

    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Scorecard', 'Probes', 'Events', 'SLA clauses']);
    const scorecard = sheet(workbook, 'Scorecard');
    expect(headers(scorecard).slice(0, 4)).toEqual(['Rank', 'Vendor', 'Overall', 'Responsiveness']);
    expect(scorecard.getRow(1).font.bold).toBe(true);
    expect(scorecard.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(headers(sheet(workbook, 'Probes'))).toContain('Sent (Asia/Shanghai)');
    expect(headers(sheet(workbook, 'Events'))).toEqual([
      'Probe',
      'Vendor',
      'Time (Asia/Shanghai)',
      'Actor',
      'Event',
      'Handler',
      'Note',
    ]);
    expect(scorecard.getColumn(2).width).toBeGreaterThanOrEqual(CHINESE_VENDOR.length);
  });

  it('when the workbook is asked in Chinese, then sheet names and headers are Chinese and the Chinese vendor name is intact', async () => {
    const { app, trial } = await seeded();

    const workbook = await workbookOf(
      await download(app, `/api/v1/trials/${trial.id}/export.xlsx?lang=zh-CN`),
    );

    expect(workbook.worksheets.map((s) => s.name)).toEqual(['评分卡', '问题单', '事件', 'SLA 条款']);
    expect(headers(sheet(workbook, '评分卡')).slice(0, 3)).toEqual(['名次', '厂商', '综合得分']);
    expect(headers(sheet(workbook, '事件'))).toContain('时间（Asia/Shanghai）');
    expect(rowWith(sheet(workbook, '评分卡'), CHINESE_VENDOR).getCell(2).value).toBe(CHINESE_VENDOR);
  });

  it('when no lang is given, then the workbook is in the language the request asked for', async () => {
    const { app, trial } = await seeded();

    const response = await download(app, `/api/v1/trials/${trial.id}/export.xlsx`).set(
      'Accept-Language',
      'zh-CN,zh;q=0.9',
    );

    expect((await workbookOf(response)).worksheets[0]?.name).toBe('评分卡');
  });

  it('when a probe is exported, then numbers are numbers and times are Excel dates at the trial’s wall-clock time', async () => {
    const { app, trial } = await seeded();

    const workbook = await workbookOf(await download(app, `/api/v1/trials/${trial.id}/export.xlsx?lang=en`));

    const scorecard = sheet(workbook, 'Scorecard');
    expect(typeof rowWith(scorecard, CHINESE_VENDOR).getCell(1).value).toBe('number');
    const probes = sheet(workbook, 'Probes');
    const probe = rowWith(probes, '推流失败');
    const sent = probe.getCell(headers(probes).indexOf('Sent (Asia/Shanghai)') + 1);
    expect(sent.value).toBeInstanceOf(Date);
    expect((sent.value as Date).toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(sent.numFmt).toBe('yyyy-mm-dd hh:mm');
    const firstResponse = probe.getCell(headers(probes).indexOf('First response (Asia/Shanghai)') + 1);
    expect((firstResponse.value as Date).toISOString()).toBe('2026-11-20T10:25:00.000Z');
    expect(typeof probe.getCell(headers(probes).indexOf('Depth (0–4)') + 1).value).toBe('number');
    const clauses = sheet(workbook, 'SLA clauses');
    expect(
      rowWith(clauses, CHINESE_VENDOR).getCell(headers(clauses).indexOf('P0 response (min)') + 1).value,
    ).toBe(30);
  });

  it('when a vendor name and a note are formulas, then the workbook holds them as plain text, never as formulas', async () => {
    const { app, trial } = await seeded();

    const workbook = await workbookOf(await download(app, `/api/v1/trials/${trial.id}/export.xlsx?lang=en`));

    const vendorCell = rowWith(sheet(workbook, 'Scorecard'), FORMULA).getCell(2);
    const noteCell = rowWith(sheet(workbook, 'Events'), FORMULA).getCell(7);
    for (const cell of [vendorCell, noteCell]) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(FORMULA);
    }
  });

  it('when the workbook is downloaded, then it is an attachment named after the trial with an ASCII fallback', async () => {
    const { app, trial } = await seeded();

    const response = await download(app, `/api/v1/trials/${trial.id}/export.xlsx?lang=zh-CN`);

    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="sla-probe-${trial.id}-zh-CN.xlsx"; filename*=UTF-8''${encodeURIComponent('选型 RTC 2026 - zh-CN.xlsx')}`,
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('CSV export', () => {
  it.each([
    ['scorecard', 'Rank,Vendor,Overall,'],
    ['probes', 'Vendor,Title,Severity,'],
    ['events', 'Probe,Vendor,Time (Asia/Shanghai),Actor,Event,Handler,Note'],
  ])(
    'when the %s table is asked, then it is UTF-8 with a BOM, the sheet’s headers and CRLF lines',
    async (table, start) => {
      const { app, trial } = await seeded();

      const text = csvText(
        await download(app, `/api/v1/trials/${trial.id}/export.csv?table=${table}&lang=en`),
      );

      expect(text.startsWith(start)).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/(?<!")\n(?!")/);
      expect(text).toContain(table === 'events' ? '推流失败' : CHINESE_VENDOR);
    },
  );

  it('when a vendor name and a note are formulas, then each is quoted and starts with an apostrophe', async () => {
    const { app, trial } = await seeded();

    const scorecard = csvText(
      await download(app, `/api/v1/trials/${trial.id}/export.csv?table=scorecard&lang=en`),
    );
    const events = csvText(
      await download(app, `/api/v1/trials/${trial.id}/export.csv?table=events&lang=zh-CN`),
    );

    const quoted = `"'=HYPERLINK(""http://x"",""click"")"`;
    expect(scorecard).toContain(`,${quoted},`);
    expect(events).toContain(`,2026-11-20 10:25,厂商,已回复,一线支持,${quoted}\r\n`);
    expect(events).not.toMatch(/,=HYPERLINK/);
    expect(events.startsWith('问题单,厂商,时间（Asia/Shanghai）')).toBe(true);
  });

  it('when the CSV is downloaded, then its file name says the table and language', async () => {
    const { app, trial } = await seeded();

    const response = await download(app, `/api/v1/trials/${trial.id}/export.csv?table=probes&lang=en`);

    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('选型 RTC 2026 - probes - en.csv')}`,
    );
  });
});

describe('export refusals', () => {
  it.each([
    ['export.csv?table=vendors', 'table'],
    ['export.csv?table=clauses', 'table'],
    ['export.csv', 'table'],
    ['export.csv?table=events&lang=fr', 'lang'],
    ['export.xlsx?lang=fr', 'lang'],
  ])('when %s is asked, then 400 names %s', async (path, field) => {
    const { app, trial } = await seeded();

    const response = await request(app).get(`/api/v1/trials/${trial.id}/${path}`);

    expect(issuePaths(response)).toContain(field);
  });

  it.each(['export.xlsx', 'export.csv?table=events'])(
    'when %s of an unknown trial is asked, then 404',
    async (path) => {
      const { app } = await createTestApp({ as: 'viewer' });

      const response = await request(app).get(`/api/v1/trials/no-such-trial/${path}`);

      expect(response.status).toBe(404);
    },
  );
});

describe('spreadsheet links on the dashboard', () => {
  it('when a viewer opens the dashboard in Chinese, then it offers the workbook and each CSV in Chinese, and the workbook link downloads', async () => {
    const { deps, trial } = await seeded();
    const viewer = asBrowser(createApp(deps), await startSession(deps, await addUser(deps, 'viewer')));

    const page = await request(viewer).get(`/trials/${trial.id}`).set('Accept-Language', 'zh-CN');

    expect(page.status).toBe(200);
    const xlsx = `/api/v1/trials/${trial.id}/export.xlsx?lang=zh-CN`;
    expect(page.text).toContain(`href="${xlsx}"`);
    expect(page.text).toContain('电子表格（XLSX）');
    for (const table of ['scorecard', 'probes', 'events']) {
      expect(page.text).toContain(`/export.csv?table=${table}&amp;lang=zh-CN`);
    }
    const workbook = await workbookOf(await download(viewer, xlsx));
    expect(workbook.worksheets[0]?.name).toBe('评分卡');
  });
});
