import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trial, Vendor } from '../../src/domain/schemas.js';
import { ReportPool } from '../../src/reports/pool.js';
import type { ReportRenderer, ReportRequest } from '../../src/reports/request.js';
import { addUser, createTestApp, FIXED_NOW, issuePaths, postTrial, postVendor } from './helpers.js';
import { pdfText } from './pdfText.js';

const SAMPLE_TRIAL = 'RTC SDK selection (sample)';
const CHINESE_VENDOR = '声浪云 SonicWave';

async function sampleApp(overrides: { reports?: ReportRenderer } = {}) {
  const { app } = await createTestApp(overrides);
  const created = await request(app).post('/api/v1/trials/sample');
  expect(created.status).toBe(201);
  const trial = created.body as Trial;
  const vendors = (await request(app).get(`/api/v1/trials/${trial.id}/vendors`)).body as Vendor[];
  return { app, trial, vendors };
}

const vendorNamed = (vendors: Vendor[], name: string): Vendor => {
  const vendor = vendors.find((candidate) => candidate.name === name);
  if (!vendor) throw new Error(`no vendor ${name}`);
  return vendor;
};

/** A GET that keeps the body as bytes (supertest leaves unknown types unparsed otherwise). */
function getPdf(app: Express, url: string) {
  return request(app).get(url).responseType('blob');
}

function expectPdf(response: request.Response): Uint8Array {
  expect(response.status, response.text).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['cache-control']).toBe('no-store');
  // No validator for a file no cache keeps (Express would hash the whole PDF for one).
  expect(response.headers['etag']).toBeUndefined();
  const bytes = new Uint8Array(response.body as Buffer);
  expect(response.headers['content-length']).toBe(String(bytes.length));
  expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  return bytes;
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

describe('PDF reports over the API', () => {
  it('when the comparison report of the sample trial is asked in English, then a PDF download names the trial in its text', async () => {
    const { app, trial } = await sampleApp();

    const response = await getPdf(app, `/api/v1/trials/${trial.id}/report.pdf?lang=en`);

    const pdf = expectPdf(response);
    expect(await pdfText(pdf)).toContain(SAMPLE_TRIAL);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${SAMPLE_TRIAL} - report - en.pdf"; filename*=UTF-8''RTC%20SDK%20selection%20%28sample%29%20-%20report%20-%20en.pdf`,
    );
  });

  it('when the comparison report is asked in Chinese, then a PDF comes back with the Chinese vendor name in its text', async () => {
    const { app, trial } = await sampleApp();

    const response = await getPdf(app, `/api/v1/trials/${trial.id}/report.pdf?lang=zh-CN`);

    const pdf = expectPdf(response);
    expect(await pdfText(pdf)).toContain(CHINESE_VENDOR);
    expect(response.headers['content-disposition']).toContain('- report - zh-CN.pdf');
  });

  it.each(['en', 'zh-CN'])(
    'when a vendor with a Chinese name has its scorecard downloaded in %s, then the file name is RFC 5987-encoded with an ASCII fallback that names the scorecard',
    async (lang) => {
      const { app, vendors } = await sampleApp();
      const vendor = vendorNamed(vendors, CHINESE_VENDOR);

      const response = await getPdf(app, `/api/v1/vendors/${vendor.id}/report.pdf?lang=${lang}`);

      expectPdf(response);
      const encoded = encodeURIComponent(`${CHINESE_VENDOR} - scorecard - ${lang}.pdf`);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="sla-probe-scorecard-${vendor.id}-${lang}.pdf"; filename*=UTF-8''${encoded}`,
      );
    },
  );

  it('when a vendor with a plain ASCII name has its scorecard downloaded, then both file names are the vendor’s', async () => {
    const { app, vendors } = await sampleApp();
    const vendor = vendorNamed(vendors, 'NimbusRTC');

    const response = await getPdf(app, `/api/v1/vendors/${vendor.id}/report.pdf?lang=zh-CN`);

    expectPdf(response);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="NimbusRTC - scorecard - zh-CN.pdf"; filename*=UTF-8''NimbusRTC%20-%20scorecard%20-%20zh-CN.pdf`,
    );
  });

  it('when a report is asked with lang, asOf and sections, then the renderer gets exactly that request', async () => {
    const renderer = recordingRenderer();
    const { app, trial, vendors } = await sampleApp({ reports: renderer });
    const vendor = vendorNamed(vendors, 'NimbusRTC');

    const comparison = await getPdf(
      app,
      `/api/v1/trials/${trial.id}/report.pdf?lang=zh-CN&asOf=2026-11-20T18:00%2B08:00&sections=methodology&sections=summary,charts`,
    );
    const scorecard = await getPdf(app, `/api/v1/vendors/${vendor.id}/report.pdf`);

    expectPdf(comparison);
    expectPdf(scorecard);
    const [first, second] = renderer.requests;
    expect(first).toMatchObject({
      kind: 'comparison',
      locale: 'zh-CN',
      asOfMs: Date.parse('2026-11-20T10:00:00Z'),
      generatedAtMs: Date.parse(FIXED_NOW),
      sections: ['summary', 'charts', 'methodology'],
    });
    expect(first?.data.trial.id).toBe(trial.id);
    expect(first?.data.vendors).toHaveLength(vendors.length);
    expect(second).toMatchObject({
      kind: 'vendor',
      vendorId: vendor.id,
      locale: 'en',
      asOfMs: Date.parse(FIXED_NOW),
    });
    expect(second?.sections).toBeUndefined();
  });

  it('when the report form is sent with an empty as-of field, then the report is as of now', async () => {
    const renderer = recordingRenderer();
    const { app, trial } = await sampleApp({ reports: renderer });

    const response = await getPdf(app, `/api/v1/trials/${trial.id}/report.pdf?lang=en&asOf=`);

    expectPdf(response);
    expect(renderer.requests[0]?.asOfMs).toBe(Date.parse(FIXED_NOW));
  });

  it('when a trial or vendor does not exist, then 404 JSON', async () => {
    const { app } = await createTestApp();

    const trial = await request(app).get('/api/v1/trials/trial_missing/report.pdf?lang=en');
    const vendor = await request(app).get('/api/v1/vendors/vendor_missing/report.pdf');

    for (const response of [trial, vendor]) {
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.body).toMatchObject({ error: 'not_found' });
    }
  });

  it.each([
    ['lang=fr', 'lang'],
    ['lang=', 'lang'],
    ['lang=en&lang=zh-CN', 'lang'],
    ['asOf=yesterday', 'asOf'],
    ['asOf=2026-11-20T18:00', 'asOf'],
    ['sections=summary,appendix', 'sections'],
    ['sections=', 'sections'],
  ])('when the query is %s, then 400 names %s', async (query, path) => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { name: 'Bad queries' });
    const vendor = await postVendor(app, trial.id);

    const comparison = await request(app).get(`/api/v1/trials/${trial.id}/report.pdf?${query}`);
    const scorecard = await request(app).get(`/api/v1/vendors/${vendor.id}/report.pdf?${query}`);

    expect(issuePaths(comparison)).toEqual([path]);
    expect(issuePaths(scorecard)).toEqual([path]);
  });

  it('when a trial name holds path separators and quotes, then the download name cannot leave its folder', async () => {
    const renderer = recordingRenderer();
    const { app } = await createTestApp({ reports: renderer });
    const trial = await postTrial(app, { name: '../etc/"passwd" <x>' });

    const response = await getPdf(app, `/api/v1/trials/${trial.id}/report.pdf`);

    expectPdf(response);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="_etc_passwd_ _x_ - report - en.pdf"; filename*=UTF-8''_etc_passwd_%20_x_%20-%20report%20-%20en.pdf`,
    );
  });
  it('when the file name is cut inside a surrogate pair, then the download header is still well-formed', async () => {
    // The API refuses half a pair in a name; the cut at 100 characters can still make one.
    const renderer = recordingRenderer();
    const { app } = await createTestApp({ reports: renderer });
    const trial = await postTrial(app, { name: `${'x'.repeat(99)}😀` });

    const response = await getPdf(app, `/api/v1/trials/${trial.id}/report.pdf`);

    expectPdf(response);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="sla-probe-report-${trial.id}-en.pdf"; filename*=UTF-8''${'x'.repeat(99)}%EF%BF%BD%20-%20report%20-%20en.pdf`,
    );
  });
});

describe('PDF reports through the worker pool', () => {
  let pool: ReportPool;
  beforeAll(() => {
    pool = new ReportPool({ size: 1 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('when four reports are asked at once, then every one is a PDF of the trial', async () => {
    const { app, trial, vendors } = await sampleApp({ reports: pool });
    const vendor = vendorNamed(vendors, CHINESE_VENDOR);

    const responses = await Promise.all([
      getPdf(app, `/api/v1/trials/${trial.id}/report.pdf?lang=en`),
      getPdf(app, `/api/v1/trials/${trial.id}/report.pdf?lang=zh-CN`),
      getPdf(app, `/api/v1/vendors/${vendor.id}/report.pdf?lang=en`),
      getPdf(app, `/api/v1/vendors/${vendor.id}/report.pdf?lang=zh-CN`),
    ]);

    for (const response of responses) expect(await pdfText(expectPdf(response))).toContain(SAMPLE_TRIAL);
  }, 60_000); // four real reports, one after another in the single worker

  it('when the worker cannot render a request, then that job fails alone and the next report still comes', async () => {
    const { app, trial } = await sampleApp({ reports: pool });
    const broken = { kind: 'comparison', data: {}, asOfMs: 0, generatedAtMs: 0, locale: 'en' };

    const failed = pool.render(broken as unknown as ReportRequest);
    await expect(failed).rejects.toThrow(/could not be rendered/);
    const response = await getPdf(app, `/api/v1/trials/${trial.id}/report.pdf?lang=en`);

    expectPdf(response);
  });
});

describe('the names in a report of a trial with a decision', () => {
  it('when the decision names users, then the report request carries their names (or e-mail) and nobody else’s', async () => {
    // Arrange
    const renderer = recordingRenderer();
    const { app, deps } = await createTestApp({ reports: renderer });
    const trial = await postTrial(app);
    const lead = await addUser(deps, 'evaluator', 'lead@example.com');
    const approver = await addUser(deps, 'viewer', 'cfo@example.com');
    await addUser(deps, 'viewer', 'bystander@example.com');
    await deps.repository.updateUser(approver.id, (user) => ({ ...user, name: 'Zhang Min' }));
    await deps.repository.updateTrial(trial.id, (stored) => ({
      ...stored,
      decision: {
        vendorId: null,
        rationale: 'None fits yet.',
        decidedAt: FIXED_NOW,
        decidedBy: lead.id,
        approvers: [approver.id],
        approvals: [{ by: approver.id, at: FIXED_NOW, verdict: 'approve' }],
      },
    }));

    // Act
    const response = await getPdf(app, `/api/v1/trials/${trial.id}/report.pdf?lang=en`);

    // Assert
    expectPdf(response);
    expect(renderer.requests[0]?.people).toEqual({
      [lead.id]: 'lead@example.com',
      [approver.id]: 'Zhang Min',
    });
  });
});
