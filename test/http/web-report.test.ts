import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Trial, Vendor } from '../../src/domain/schemas.js';
import { createTestApp } from './helpers.js';

const ZH = { Cookie: 'lang=zh-CN' };
const BROWSER = { Accept: 'text/html,application/xhtml+xml' };

async function sampleApp() {
  const { app } = await createTestApp();
  const trial = (await request(app).post('/api/v1/trials/sample')).body as Trial;
  const vendors = (await request(app).get(`/api/v1/trials/${trial.id}/vendors`)).body as Vendor[];
  return { app, trial, vendors };
}

const unescapeHtml = (text: string) =>
  text
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

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
  it('when opened in English, then a GET form asks the API for the PDF with every section and English preselected', async () => {
    const { app, trial } = await sampleApp();

    const response = await request(app).get(`/trials/${trial.id}/report`);

    expect(response.status).toBe(200);
    expect(response.text).toContain('<h1>PDF reports</h1>');
    expect(response.text).toMatch(
      new RegExp(`<form method="get" action="/api/v1/trials/${trial.id}/report\\.pdf"`),
    );
    expect(response.text).toMatch(/<option value="en" lang="en" selected>English<\/option>/);
    const checked = [...response.text.matchAll(/name="sections" value="(\w+)" checked/g)].map((m) => m[1]);
    expect(checked).toEqual(['summary', 'charts', 'firstResponse', 'clauses', 'vendors', 'methodology']);
    expect(response.text).toContain('<code class="instant">2026-11-24T12:00+08:00</code>');
    expect(response.text).toMatch(/<a href="[^"]*\/report" aria-current="page">Report<\/a>/);
  });

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

  it('when the form is sent as it is, then the API answers the PDF', async () => {
    const { app, trial } = await sampleApp();
    const page = await request(app).get(`/trials/${trial.id}/report`).set(ZH);

    const { action, query } = submittedReportForm(page.text);
    const response = await request(app).get(`${action}?${query}`).responseType('blob');

    expect(query).toContain('lang=zh-CN');
    expect(query).toContain('asOf=&');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
  });

  it('when the trial has vendors, then each has its scorecard to download in both languages', async () => {
    const { app, trial, vendors } = await sampleApp();

    const response = await request(app).get(`/trials/${trial.id}/report`);

    const links = pdfLinks(response.text);
    for (const vendor of vendors) {
      for (const lang of ['en', 'zh-CN']) {
        expect(links).toContain(`/api/v1/vendors/${encodeURIComponent(vendor.id)}/report.pdf?lang=${lang}`);
      }
    }
    expect(response.text).toContain('aria-label="Scorecard of 声浪云 SonicWave as PDF in Chinese"');
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
      `/api/v1/trials/${trial.id}/report.pdf?lang=en`,
      `/api/v1/trials/${trial.id}/report.pdf?lang=zh-CN`,
    ]);
  });

  it('when a vendor page is opened, then it offers that vendor’s scorecard in both languages', async () => {
    const { app, vendors } = await sampleApp();
    const vendor = vendors[0] as Vendor;

    const links = await linksOn(app, `/vendors/${vendor.id}`);

    expect(links).toEqual([
      `/api/v1/vendors/${vendor.id}/report.pdf?lang=en`,
      `/api/v1/vendors/${vendor.id}/report.pdf?lang=zh-CN`,
    ]);
  });
});
