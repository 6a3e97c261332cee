import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Trial, Vendor } from '../../src/domain/schemas.js';
import { formatScore } from '../../src/i18n/format.js';
import { thinEvidenceTrial } from '../fixtures/thinEvidence.js';
import { createTestApp, postEvent, postProbe, postTrial, postVendor } from './helpers.js';

const ZH = { Cookie: 'lang=zh-CN' };
const BROWSER = { Accept: 'text/html,application/xhtml+xml' };

async function loadSample(app: Express): Promise<{ trial: Trial; vendors: Vendor[] }> {
  const created = await request(app).post('/api/v1/trials/sample');
  expect(created.status).toBe(201);
  const trial = created.body as Trial;
  const vendors = (await request(app).get(`/api/v1/trials/${trial.id}/vendors`)).body as Vendor[];
  return { trial, vendors };
}

async function storedVendor(app: Express, vendorId: string): Promise<Vendor> {
  const response = await request(app).get(`/api/v1/vendors/${vendorId}`);
  expect(response.status).toBe(200);
  return response.body as Vendor;
}

/** A urlencoded form post, the way a browser sends it. */
function postForm(app: Express, url: string, fields: Record<string, string | string[]>, headers = {}) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return request(app).post(url).set(headers).type('form').send(body.toString());
}

const unescapeHtml = (text: string) =>
  text
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** What a browser would submit for a rendered form left as it is. */
function submittedFields(html: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [tag, name = ''] of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
    const value = unescapeHtml(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
    if (!tag.includes('type="checkbox"')) fields[name] = value;
    else if (tag.includes(' checked')) fields[name] = [fields[name] ?? [], value].flat();
  }
  for (const [, name = '', text = ''] of html.matchAll(
    /<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g,
  )) {
    fields[name] = unescapeHtml(text);
  }
  for (const [, name = '', value = ''] of html.matchAll(
    /<select[^>]*name="([^"]+)"[\s\S]*?<option value="([^"]+)" selected/g,
  )) {
    fields[name] = value;
  }
  return fields;
}

describe('GET /vendors/:vendorId', () => {
  it('when a sample vendor is opened in English, then it shows its name, scores and why each probe scored', async () => {
    // Arrange
    const { app } = await createTestApp({ now: () => new Date() });
    const { trial, vendors } = await loadSample(app);
    const vendor = vendors.find((candidate) => candidate.name === '声浪云 SonicWave');
    if (!vendor) throw new Error('sample vendor missing');

    // Act
    const response = await request(app).get(`/vendors/${vendor.id}`);

    // Assert
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    expect(response.text).toContain('<h1>声浪云 SonicWave');
    expect(response.text).toContain(`href="/trials/${trial.id}"`);
    expect(response.text).toContain('Scorecard');
    expect(response.text).toMatch(/\d+ of 4/);
    expect(response.text).toContain('Why this score');
    for (const dimension of ['Responsiveness', 'Resolution', 'Escalation', 'Commitment']) {
      expect(response.text).toContain(`<th scope="col">${dimension}</th>`);
    }
    expect(response.text).toMatch(/href="\/probes\/[^"]+">Stream push fails/);
    expect(response.text).toContain('First reply after');
    expect(response.text).toContain('SLA strength by clause');
    expect(response.text).toContain('Written root-cause analysis');
    expect(response.text).toContain('P0 故障 10 分钟内响应，7×24 小时。');
    expect(response.text).toContain(`/trials/${trial.id}/probes/new?vendorId=${vendor.id}`);
    expect(response.text).not.toMatch(/vendor\.[a-zA-Z]+\.[a-zA-Z]/);
  });

  it('when a sample vendor is opened in Chinese, then the page speaks Chinese', async () => {
    // Arrange
    const { app } = await createTestApp({ now: () => new Date() });
    const { vendors } = await loadSample(app);
    const vendor = vendors[0];
    if (!vendor) throw new Error('sample vendor missing');

    // Act
    const response = await request(app).get(`/vendors/${vendor.id}`).set(ZH);

    // Assert
    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang="zh-CN">');
    expect(response.text).toContain('评分卡');
    expect(response.text).toContain('得分依据');
    expect(response.text).toContain('<th scope="col">响应速度</th>');
    expect(response.text).toContain('首次回复用时');
    expect(response.text).toContain('已记录的 SLA 条款');
    expect(response.text).not.toContain('Why this score');
  });

  it('when no probe has tested the vendor yet, then escalation and commitment say they rest on the SLA alone', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, {
      sla: {
        responseTargets: { P0: { minutes: 30, coverage: '24x7' } },
        escalationPath: [{ level: 'L2', contact: 'l2@example.com', afterMinutes: 60 }],
      },
    });

    // Act
    const english = await request(app).get(`/vendors/${vendor.id}`);
    const chinese = await request(app).get(`/vendors/${vendor.id}`).set(ZH);

    // Assert
    expect(english.text).toContain('Based on the SLA document only');
    expect(english.text).toContain('Strength only: no response promise has been measured yet.');
    expect(english.text).toContain('No probes sent to this vendor yet.');
    expect(chinese.text).toContain('仅依据 SLA 文件');
  });

  it('when a clause earns part of its points, then strength by clause shows them with the score format', async () => {
    // Arrange: a P0 promise within twice the 15-minute target earns half of its 6.25 points.
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, {
      sla: { responseTargets: { P0: { minutes: 30, coverage: '24x7' } } },
    });

    // Act
    const english = await request(app).get(`/vendors/${vendor.id}`);
    const chinese = await request(app).get(`/vendors/${vendor.id}`).set(ZH);

    // Assert
    const strength = (html: string) => /<ul class="vendor-strength">[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    const points = (earned: number, max: number, locale: 'en' | 'zh-CN') =>
      `${formatScore(earned, locale)} / ${formatScore(max, locale)}`;
    expect(strength(english.text)).toContain(points(3.125, 6.25, 'en'));
    expect(strength(english.text)).toContain(points(10, 10, 'en'));
    expect(strength(english.text)).not.toMatch(/3\.125|6\.25/);
    expect(strength(chinese.text)).toContain(points(3.125, 6.25, 'zh-CN'));
  });

  it('when the SLA fails a gate of the trial, then the page marks the vendor disqualified and names the gate', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app, { knockouts: { serviceCredits: true, maxP0ResponseMinutes: 30 } });
    const vendor = await postVendor(app, trial.id, {
      sla: { responseTargets: { P0: { minutes: 60, coverage: '24x7' } } },
    });

    // Act
    const english = await request(app).get(`/vendors/${vendor.id}`);
    const chinese = await request(app).get(`/vendors/${vendor.id}`).set(ZH);

    // Assert
    expect(english.text).toContain('<span class="badge disqualified">Disqualified</span>');
    expect(english.text).toContain('Service credits offered');
    expect(english.text).toContain('P0 response promise within the limit (≤ 30 min)');
    expect(chinese.text).toContain('未通过门槛');
    expect(chinese.text).toContain('提供服务赔偿');
  });

  it('when a probe is still waiting for a reply, then its cells say pending with the reason', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);
    await postProbe(app, trial.id, vendor.id, { severity: 'P3', sentAt: '2026-11-24T11:00+08:00' });

    // Act
    const response = await request(app).get(`/vendors/${vendor.id}`);

    // Assert
    expect(response.text).toContain('why-pending');
    expect(response.text).toContain('No reply yet after');
  });

  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;', '<img src=x'],
    ['声浪云 "RTC"', '声浪云 &#34;RTC&#34;', '声浪云 "RTC"'],
  ])(
    'when a vendor is named %s, then the vendor page and its form show the name escaped',
    async (name, escaped, raw) => {
      // Arrange
      const { app } = await createTestApp();
      const trial = await postTrial(app);
      const vendor = await postVendor(app, trial.id, { name, notes: name, contact: name });

      // Act
      const page = await request(app).get(`/vendors/${vendor.id}`);
      const form = await request(app).get(`/vendors/${vendor.id}/edit`);

      // Assert
      for (const response of [page, form]) {
        expect(response.status).toBe(200);
        expect(response.text).toContain(escaped);
        expect(response.text).not.toContain(raw);
      }
    },
  );

  it('when the vendor does not exist, then the not-found page answers 404', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const responses = await Promise.all([
      request(app).get('/vendors/vendor_nope').set(BROWSER),
      request(app).get('/vendors/vendor_nope/edit').set(BROWSER),
      request(app).get('/trials/trial_nope/vendors/new').set(BROWSER),
      request(app).post('/vendors/vendor_nope/delete').set(BROWSER).type('form').send(''),
    ]);

    // Assert
    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(response.type).toBe('text/html');
      expect(response.text).toContain('Not found');
    }
  });
});

describe('GET /vendors/:vendorId — certainty in the scorecard', () => {
  /** The vendor summary (overall, rank, range, confidence, shares), tags removed. */
  const summaryOf = (html: string) =>
    (/<dl class="vendor-stats">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();

  it.each([
    ['en', 'insufficient evidence (1 probe)', 'Likely range'],
    ['zh-CN', '证据不足（1 个问题单）', '可能区间'],
  ])(
    'when a vendor has one counted probe, then in %s its page says so instead of a range or a share',
    async (lang, insufficient, rangeTerm) => {
      // Arrange
      const { app } = await createTestApp();
      const data = thinEvidenceTrial('trial-thin-vendor');
      await request(app).post('/api/v1/trials/import').send(data).expect(201);

      // Act
      const solo = await request(app).get('/vendors/trial-thin-vendor-solo').set('Cookie', `lang=${lang}`);
      const steady = await request(app)
        .get('/vendors/trial-thin-vendor-steady')
        .set('Cookie', `lang=${lang}`);

      // Assert
      const soloSummary = summaryOf(solo.text);
      expect(soloSummary).toContain(insufficient);
      expect(soloSummary).not.toContain(rangeTerm);
      expect(soloSummary).not.toMatch(/%|\d–\d/);
      const steadySummary = summaryOf(steady.text);
      expect(steadySummary).toContain(rangeTerm);
      expect(steadySummary).toMatch(/\d+\.\d–\d+\.\d/);
      expect(steadySummary).toMatch(/\d%/);
      expect(steadySummary).not.toContain(insufficient);
    },
  );
});

describe('POST /trials/:trialId/vendors', () => {
  it('when only a name is given, then the vendor is stored and the browser goes to its page', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const form = await request(app).get(`/trials/${trial.id}/vendors/new`).set(ZH);

    // Act
    const response = await postForm(app, `/trials/${trial.id}/vendors`, {
      name: '  声浪云 SonicWave  ',
      'supportHours.timezone': 'Asia/Shanghai',
      'sla.responseTargets.P0.coverage': '24x7',
      'sla.escalationPath.0.level': '',
      'sla.quotes.0.ref': '',
    });

    // Assert
    expect(form.status).toBe(200);
    expect(form.text).toContain('新增厂商');
    expect(response.status).toBe(303);
    const location = response.headers['location'] as string;
    expect(location).toMatch(/^\/vendors\/[^/]+$/);
    const vendor = await storedVendor(app, location.split('/')[2] ?? '');
    expect(vendor).toMatchObject({ trialId: trial.id, name: '声浪云 SonicWave', sla: {} });
    expect(vendor.supportHours).toBeUndefined();
  });

  it('when the name is already taken in the trial, then 409 shows the form again with the message beside the name', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    await postVendor(app, trial.id, { name: 'NimbusRTC' });

    // Act
    const response = await postForm(app, `/trials/${trial.id}/vendors`, {
      name: 'nimbusrtc',
      product: 'Voice SDK',
    });

    // Assert
    expect(response.status).toBe(409);
    expect(response.text).toContain('id="name-error"');
    expect(response.text).toContain('A vendor with this name already exists in this trial.');
    expect(response.text).toContain('value="Voice SDK"');
  });
});

describe('POST /vendors/:vendorId/edit', () => {
  it('when the SLA clauses are typed, then they are stored with durations in minutes and empty rows skipped', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, { name: 'NimbusRTC', product: 'Old SDK' });

    // Act
    const response = await postForm(app, `/vendors/${vendor.id}/edit`, {
      name: 'NimbusRTC',
      product: '',
      'supportPlan.name': 'Enterprise',
      'supportPlan.annualCost': '120000',
      'supportPlan.currency': 'CNY',
      'sla.source.document': 'Nimbus SLA',
      'sla.source.version': '2026.2',
      'sla.severityDefinitions': 'on',
      'sla.responseTargets.P0.minutes': '1 h',
      'sla.responseTargets.P0.coverage': '24x7',
      'sla.responseTargets.P1.minutes': '',
      'sla.responseTargets.P1.coverage': '24x7',
      'sla.responseTargets.P2.minutes': '240',
      'sla.responseTargets.P2.coverage': 'business',
      'sla.resolutionTargets.P0.minutes': '4 h',
      'sla.updateCadence.P0.minutes': '30',
      'sla.escalationPath.0.level': 'L2 engineer',
      'sla.escalationPath.0.contact': 'l2@nimbus.example',
      'sla.escalationPath.0.afterMinutes': '30',
      'sla.escalationPath.1.level': '',
      'sla.escalationPath.1.contact': '',
      'sla.escalationPath.1.afterMinutes': '',
      'sla.escalationPath.2.level': '研发 R&D',
      'sla.escalationPath.2.afterMinutes': '2 h',
      'sla.serviceCredits.offered': 'on',
      'sla.serviceCredits.terms': '10% per breach',
      'sla.channels.hotline24x7': 'on',
      'sla.channels.imGroup': 'on',
      'sla.rcaCommitment': 'on',
      'sla.quotes.0.ref': '§3.1',
      'sla.quotes.0.text': 'P0: first response within 60 minutes, 24x7.',
      'sla.quotes.1.ref': '',
      'sla.quotes.1.text': '',
      'supportHours.enabled': 'on',
      'supportHours.timezone': 'Asia/Shanghai',
      'supportHours.days': ['1', '2', '3', '4', '5', '6'],
      'supportHours.start': '09:00',
      'supportHours.end': '17:30',
      'supportHours.holidays': '2026-10-01, 2026-10-02\n2026-10-03',
      'supportHours.extraWorkdays': '2026-09-27',
    });

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(`/vendors/${vendor.id}`);
    const stored = await storedVendor(app, vendor.id);
    expect(stored.product).toBeUndefined();
    expect(stored.supportPlan).toEqual({ name: 'Enterprise', annualCost: 120000, currency: 'CNY' });
    expect(stored.sla).toEqual({
      source: { document: 'Nimbus SLA', version: '2026.2' },
      severityDefinitions: true,
      responseTargets: {
        P0: { minutes: 60, coverage: '24x7' },
        P2: { minutes: 240, coverage: 'business' },
      },
      resolutionTargets: { P0: { minutes: 240 } },
      updateCadence: { P0: { minutes: 30 } },
      escalationPath: [
        { level: 'L2 engineer', contact: 'l2@nimbus.example', afterMinutes: 30 },
        { level: '研发 R&D', afterMinutes: 120 },
      ],
      serviceCredits: { offered: true, terms: '10% per breach' },
      channels: { hotline24x7: true, imGroup: true },
      rcaCommitment: true,
      quotes: [{ ref: '§3.1', text: 'P0: first response within 60 minutes, 24x7.' }],
    });
    expect(stored.supportHours).toEqual({
      timezone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5, 6],
      start: '09:00',
      end: '17:30',
      holidays: ['2026-10-01', '2026-10-02', '2026-10-03'],
      extraWorkdays: ['2026-09-27'],
    });
  });

  it('when the stored clauses are edited again, then the form shows them as typed and saving unchanged keeps them', async () => {
    // Arrange
    const { app } = await createTestApp({ now: () => new Date() });
    const { vendors } = await loadSample(app);
    const vendor = vendors.find((candidate) => candidate.supportHours !== undefined);
    if (!vendor) throw new Error('sample vendor with support hours missing');

    // Act
    const form = await request(app).get(`/vendors/${vendor.id}/edit`);
    const fields = submittedFields(form.text);
    const response = await postForm(app, `/vendors/${vendor.id}/edit`, fields);

    // Assert
    expect(form.status).toBe(200);
    expect(response.status).toBe(303);
    const stored = await storedVendor(app, vendor.id);
    expect(stored.sla).toEqual(vendor.sla);
    expect(stored.supportHours).toEqual(vendor.supportHours);
    expect(stored.supportPlan).toEqual(vendor.supportPlan);
    expect(stored.notes).toEqual(vendor.notes);
  });

  it('when a response promise is not a duration, then 400 shows the message beside that field and keeps what was typed', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);

    // Act
    const response = await postForm(
      app,
      `/vendors/${vendor.id}/edit`,
      {
        name: 'NimbusRTC',
        product: 'Voice SDK 5',
        'supportPlan.name': 'Pro',
        'supportPlan.annualCost': 'lots',
        'sla.responseTargets.P0.minutes': 'abc',
        'sla.responseTargets.P0.coverage': 'business',
        'sla.escalationPath.0.level': '',
        'sla.escalationPath.1.contact': 'orphan@example.com',
        'supportHours.enabled': 'on',
        'supportHours.timezone': 'Asia/Shanghai',
        'supportHours.days': ['1', '2'],
        'supportHours.start': '18:00',
        'supportHours.end': '09:00',
        'supportHours.holidays': '2026-10-01 tomorrow',
      },
      ZH,
    );

    // Assert
    expect(response.status).toBe(400);
    const html = response.text;
    expect(html).toMatch(
      /id="sla-responseTargets-P0-minutes"[^>]*value="abc"[^>]*aria-describedby="sla-responseTargets-P0-minutes-error"[^>]*aria-invalid="true"/,
    );
    expect(html).toContain('<p class="field-error" id="sla-responseTargets-P0-minutes-error">请输入分钟数');
    expect(html).toMatch(/<option value="business" selected>/);
    expect(html).toContain('value="Voice SDK 5"');
    expect(html).toContain('id="supportPlan-annualCost-error">请输入数字。');
    // The orphan contact moved up to the first row, its missing level flagged there.
    expect(html).toMatch(/id="sla-escalationPath-0-contact"[^>]*value="orphan@example.com"/);
    expect(html).toContain('id="sla-escalationPath-0-level-error"');
    expect(html).toContain('id="supportHours-end-error">结束时间必须晚于开始时间。');
    expect(html).toContain('id="supportHours-holidays-error">日期格式为 YYYY-MM-DD。');
    expect(html).toContain('2026-10-01 tomorrow</textarea>');
    expect(html).toMatch(/id="supportHours-days-2"[^>]*checked/);
    expect((await storedVendor(app, vendor.id)).product).toBeUndefined();
  });
});

describe('POST /vendors/:vendorId/delete', () => {
  it('when a vendor is deleted, then it and its probes are gone and the browser goes to the trial dashboard', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);
    const other = await postVendor(app, trial.id, { name: 'QuickPing' });
    const probe = await postProbe(app, trial.id, vendor.id);
    await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'ack');
    await postProbe(app, trial.id, other.id);
    const page = await request(app).get(`/vendors/${vendor.id}`);

    // Act
    const response = await request(app).post(`/vendors/${vendor.id}/delete`).type('form').send('');

    // Assert
    expect(page.text).toMatch(/<form method="post" action="\/vendors\/[^"]+\/delete" data-confirm="[^"]+">/);
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(`/trials/${trial.id}`);
    expect((await request(app).get(`/api/v1/vendors/${vendor.id}`)).status).toBe(404);
    expect((await request(app).get(`/api/v1/probes/${probe.id}`)).status).toBe(404);
    const remaining = (await request(app).get(`/api/v1/trials/${trial.id}/probes`)).body as {
      vendorId: string;
    }[];
    expect(remaining.map((item) => item.vendorId)).toEqual([other.id]);
  });
});
