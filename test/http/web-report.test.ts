import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Trial, Vendor } from '../../src/domain/schemas.js';
import type { Scorecard } from '../../src/domain/scoring/scorecard.js';
import { REPORT_SECTIONS, type ReportRenderer, type ReportRequest } from '../../src/reports/request.js';
import { createTestApp } from './helpers.js';
import { unescapeHtml } from './htmlForms.js';

const ZH = { Cookie: 'lang=zh-CN' };
const BROWSER = { Accept: 'text/html,application/xhtml+xml' };

async function sampleApp(overrides: { reports?: ReportRenderer } = {}) {
  const { app } = await createTestApp(overrides);
  const trial = (await request(app).post('/api/v1/trials/sample')).body as Trial;
  const vendors = (await request(app).get(`/api/v1/trials/${trial.id}/vendors`)).body as Vendor[];
  return { app, trial, vendors };
}

/** A renderer that keeps what it was asked and answers a tiny stand-in PDF. */
function recordingRenderer(): ReportRenderer & { requests: ReportRequest[] } {
  const requests: ReportRequest[] = [];
  return {
    requests,
    render: (report) => {
      requests.push(report);
      return Promise.resolve(new TextEncoder().encode('%PDF-1.3\n%stand-in\n'));
    },
  };
}

/** The message shown beside a field. */
const fieldError = (html: string, name: string) =>
  new RegExp(`<p class="field-error" id="${name}-error">([^<]*)</p>`).exec(html)?.[1];

/** The report form's action and the query a browser would send for it left as it is. */
function submittedReportForm(html: string): { action: string; query: string } {
  const form = /<form[^>]*data-testid="report-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const action = unescapeHtml(/action="([^"]+)"/.exec(form)?.[1] ?? '');
  const query = new URLSearchParams();
  const lang = /<select[^>]*name="lang"[\s\S]*?<option value="([^"]+)"[^>]*selected/.exec(form)?.[1];
  if (lang) query.append('lang', lang);
  for (const [tag, name = ''] of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
    const value = unescapeHtml(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
    if (!tag.includes('type="checkbox"') || tag.includes(' checked')) query.append(name, value);
  }
  return { action, query: query.toString() };
}

function pdfLinks(html: string): string[] {
  return [...html.matchAll(/href="([^"]*report\.pdf[^"]*)"/g)].map((match) => unescapeHtml(match[1] ?? ''));
}

describe('report page', () => {
  it('when opened in English, then a GET form asks the web route for the PDF with every section and English preselected', async () => {
    const { app, trial } = await sampleApp();

    const response = await request(app).get(`/trials/${trial.id}/report`);

    expect(response.status).toBe(200);
    expect(response.text).toContain('<h1>PDF reports</h1>');
    expect(response.text).toMatch(new RegExp(`<form method="get" action="/trials/${trial.id}/report\\.pdf"`));
    expect(response.text).toMatch(/<option value="en" lang="en" selected>English<\/option>/);
    const checked = [...response.text.matchAll(/name="sections" value="(\w+)" checked/g)].map((m) => m[1]);
    expect(checked).toEqual(['summary', 'charts', 'firstResponse', 'clauses', 'vendors', 'methodology']);
    expect(response.text).toMatch(/<a href="[^"]*\/report" aria-current="page">Report<\/a>/);
  });

  it.each([
    ['en', {}, 'Time in Asia/Shanghai (UTC+08:00)'],
    ['zh-CN', ZH, 'Asia/Shanghai 时间（UTC+08:00）'],
  ])(
    'when opened in %s, then "as of" is a date-time field with the trial’s time zone beside it',
    async (_locale, headers, zone) => {
      const { app, trial } = await sampleApp();

      const response = await request(app).get(`/trials/${trial.id}/report`).set(headers);

      expect(response.text).toMatch(/<input id="report-as-of" name="asOf" type="datetime-local" value=""/);
      expect(response.text).toContain(`<span class="input-zone" id="report-as-of-zone">${zone}</span>`);
    },
  );

  it('when opened in Chinese, then the page is Chinese and Chinese is the preselected report language', async () => {
    const { app, trial } = await sampleApp();

    const response = await request(app).get(`/trials/${trial.id}/report`).set(ZH);

    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang="zh-CN">');
    for (const text of ['PDF 报告', '对比报告', '报告语言', '厂商评分卡', '下载 PDF']) {
      expect(response.text).toContain(text);
    }
    expect(response.text).toMatch(/<option value="zh-CN" lang="zh-CN" selected>中文<\/option>/);
  });

  it('when the form is sent as it is, then the PDF comes back under the trial’s name', async () => {
    const { app, trial } = await sampleApp();
    const page = await request(app).get(`/trials/${trial.id}/report`).set(ZH);

    const { action, query } = submittedReportForm(page.text);
    const response = await request(app).get(`${action}?${query}`).set(BROWSER).responseType('blob');

    expect(query).toContain('lang=zh-CN');
    expect(query).toContain('asOf=&');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      `filename="RTC SDK selection (sample) - report - zh-CN.pdf"`,
    );
  });

  it.each([
    ['2026-12-01T10:00', '2026-12-01T02:00:00Z'],
    ['2026-12-01 10:00', '2026-12-01T02:00:00Z'],
    ['2026-07-01T09:30', '2026-07-01T01:30:00Z'],
  ])('when "as of" is %s, then the report is as of that time in the trial’s zone', async (typed, instant) => {
    const renderer = recordingRenderer();
    const { app, trial } = await sampleApp({ reports: renderer });

    const response = await request(app)
      .get(`/trials/${trial.id}/report.pdf`)
      .query({ lang: 'en', asOf: typed, sections: ['summary', 'charts'] })
      .set(BROWSER)
      .responseType('blob');

    expect(response.status).toBe(200);
    expect(renderer.requests[0]).toMatchObject({
      asOfMs: Date.parse(instant),
      locale: 'en',
      sections: ['summary', 'charts'],
    });
  });

  it.each([
    ['en', {}, 'Enter a date and time.'],
    ['zh-CN', ZH, '请输入日期和时间。'],
  ])(
    'when "as of" cannot be read (%s), then the page comes back with the message beside the field and every choice kept',
    async (_locale, headers, message) => {
      const renderer = recordingRenderer();
      const { app, trial } = await sampleApp({ reports: renderer });

      const response = await request(app)
        .get(`/trials/${trial.id}/report.pdf`)
        .query({ lang: 'en', asOf: 'next Tuesday', sections: ['clauses', 'methodology'] })
        .set({ ...BROWSER, ...headers });

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(fieldError(response.text, 'asOf')).toBe(message);
      expect(response.text).toMatch(
        /name="asOf" type="datetime-local" value="next Tuesday"[^>]*aria-invalid="true"/,
      );
      expect(response.text).toMatch(/<option value="en" lang="en" selected>/);
      const checked = [...response.text.matchAll(/name="sections" value="(\w+)" checked/g)].map((m) => m[1]);
      expect(checked).toEqual(['clauses', 'methodology']);
      expect(renderer.requests).toEqual([]);
    },
  );

  it('when no section is ticked, then the page asks for one instead of building a report', async () => {
    const renderer = recordingRenderer();
    const { app, trial } = await sampleApp({ reports: renderer });

    const response = await request(app)
      .get(`/trials/${trial.id}/report.pdf`)
      .query({ chosen: 'sections', lang: 'zh-CN', asOf: '' })
      .set({ ...BROWSER, ...ZH });

    expect(response.status).toBe(400);
    expect(fieldError(response.text, 'sections')).toBe('请至少勾选一个章节。');
    expect(response.text).not.toMatch(/name="sections" value="\w+" checked/);
    expect(renderer.requests).toEqual([]);
  });

  it('when the trial has vendors, then each has its scorecard to download in both languages', async () => {
    const { app, trial, vendors } = await sampleApp();

    const response = await request(app).get(`/trials/${trial.id}/report`);

    const links = pdfLinks(response.text);
    for (const vendor of vendors) {
      for (const lang of ['en', 'zh-CN']) {
        expect(links).toContain(`/vendors/${encodeURIComponent(vendor.id)}/report.pdf?lang=${lang}`);
      }
    }
    expect(response.text).toContain('aria-label="Scorecard of 声浪云 SonicWave as PDF in Chinese"');
  });

  it('when the report page lists the scorecards, then the vendors come in rank order with their rank, as on the dashboard', async () => {
    const { app, trial } = await sampleApp();
    const card = (await request(app).get(`/api/v1/trials/${trial.id}/scorecard`)).body as Scorecard;

    const response = await request(app).get(`/trials/${trial.id}/report`);

    const table =
      /<table[^>]*data-testid="scorecard-downloads"[\s\S]*?<\/table>/.exec(response.text)?.[0] ?? '';
    const rows = [...table.matchAll(/<td class="num">(\d+)<\/td>\s*<th scope="row"><a [^>]*>([^<]+)<\/a>/g)];
    expect(rows.map((row) => [Number(row[1]), unescapeHtml(row[2] ?? '')])).toEqual(
      card.vendors.map((vendor) => [vendor.rank, vendor.name]),
    );
    expect(card.vendors.map((vendor) => vendor.name)).not.toEqual(
      card.vendors.map((vendor) => vendor.name).sort(),
    );
  });

  it('when a scorecard link is followed, then the vendor’s PDF comes back named after the vendor', async () => {
    const { app, vendors } = await sampleApp();
    const vendor = vendors.find((candidate) => candidate.name === '声浪云 SonicWave') as Vendor;

    const response = await request(app)
      .get(`/vendors/${vendor.id}/report.pdf?lang=zh-CN`)
      .set(BROWSER)
      .responseType('blob');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="sla-probe-scorecard-${vendor.id}-zh-CN.pdf"; filename*=UTF-8''${encodeURIComponent('声浪云 SonicWave - scorecard - zh-CN.pdf')}`,
    );
  });

  it('when the trial does not exist, then a 404 page', async () => {
    const { app } = await createTestApp();

    const response = await request(app).get('/trials/trial_missing/report').set(BROWSER);

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('PDF download links on other pages', () => {
  async function linksOn(app: Express, url: string): Promise<string[]> {
    const response = await request(app).get(url);
    expect(response.status).toBe(200);
    return pdfLinks(response.text);
  }

  it('when the dashboard is opened, then it offers the comparison report in both languages', async () => {
    const { app, trial } = await sampleApp();

    const links = await linksOn(app, `/trials/${trial.id}`);

    expect(links).toEqual([
      `/trials/${trial.id}/report.pdf?lang=en`,
      `/trials/${trial.id}/report.pdf?lang=zh-CN`,
    ]);
  });

  it('when the dashboard’s download link is followed, then the whole comparison report comes back', async () => {
    const renderer = recordingRenderer();
    const { app, trial } = await sampleApp({ reports: renderer });

    const response = await request(app).get(`/trials/${trial.id}/report.pdf?lang=zh-CN`).set(BROWSER);

    expect(response.status).toBe(200);
    expect(response.type).toBe('application/pdf');
    expect(renderer.requests).toEqual([expect.objectContaining({ sections: [...REPORT_SECTIONS] })]);
  });

  it('when a vendor page is opened, then it offers that vendor’s scorecard in both languages', async () => {
    const { app, vendors } = await sampleApp();
    const vendor = vendors[0] as Vendor;

    const links = await linksOn(app, `/vendors/${vendor.id}`);

    expect(links).toEqual([
      `/vendors/${vendor.id}/report.pdf?lang=en`,
      `/vendors/${vendor.id}/report.pdf?lang=zh-CN`,
    ]);
  });
});
