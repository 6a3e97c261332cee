/**
 * The trial's scoring model on the pages (SPEC §2, §5, §6, §7): dashboard, footer and PDF name
 * the trial's own model; the methodology page explains both; the settings preview shows the
 * ranking under both models and the switch is saved, audited and refused to viewers.
 */
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { ScoringModel, Trial } from '../../src/domain/schemas.js';
import { startSession } from '../../src/app/sessions.js';
import { createApp } from '../../src/http/app.js';
import { addUser, asBrowser, createTestApp } from './helpers.js';
import { pdfText } from './pdfText.js';

const ZH = { Cookie: 'lang=zh-CN' };

interface CardVendor {
  vendorId: string;
  name: string;
  rank: number;
  overall: number | null;
}

async function sampleTrial(app: Express): Promise<Trial> {
  const response = await request(app).post('/api/v1/trials/sample');
  expect(response.status).toBe(201);
  return response.body as Trial;
}

async function setModel(app: Express, trialId: string, model: ScoringModel): Promise<void> {
  const response = await request(app).patch(`/api/v1/trials/${trialId}`).send({ model });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function ranking(app: Express, trialId: string): Promise<CardVendor[]> {
  const response = await request(app).get(`/api/v1/trials/${trialId}/scorecard`);
  expect(response.status).toBe(200);
  return (response.body as { vendors: CardVendor[] }).vendors;
}

/** The preview table's cell of one vendor, by its data-testid. */
function cell(html: string, vendorId: string, testId: string): string | undefined {
  const row = new RegExp(`<tr data-vendor="${vendorId}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
  return new RegExp(`data-testid="${testId}">([^<]*)<`).exec(row)?.[1];
}

/** A page's one-decimal score against the API's two-decimal one (each rounded from the same figure). */
function expectScore(shown: string | undefined, overall: number | null): void {
  if (overall === null) expect(shown).toBe('—');
  else expect(Math.abs(Number(shown) - overall)).toBeLessThanOrEqual(0.055);
}

describe('the trial’s model on its pages', () => {
  it.each(['sla-score/1', 'sla-score/2'] as const)(
    'when the trial uses %s, then its dashboard and the footer of its pages (vendor page too) name that model, and a page outside any trial names the newest',
    async (model) => {
      const { app } = await createTestApp();
      const trial = await sampleTrial(app);
      await setModel(app, trial.id, model);

      const dashboard = await request(app).get(`/trials/${trial.id}`);
      const trials = await request(app).get('/trials');
      const [vendor] = (await request(app).get(`/api/v1/trials/${trial.id}/vendors`)).body as {
        id: string;
      }[];
      const vendorPage = await request(app).get(`/vendors/${vendor?.id ?? ''}`);

      expect(dashboard.text).toContain(`Scored with ${model}`);
      expect(dashboard.text).toMatch(new RegExp(`data-testid="footer-model">Scoring model ${model}<`));
      expect(vendorPage.text).toMatch(new RegExp(`data-testid="footer-model">Scoring model ${model}<`));
      expect(trials.text).toMatch(/data-testid="footer-model">Scoring model sla-score\/2</);
    },
  );

  it('when the dashboard is read in Chinese, then the model is named in Chinese words', async () => {
    const { app } = await createTestApp();
    const trial = await sampleTrial(app);
    await setModel(app, trial.id, 'sla-score/1');

    const dashboard = await request(app).get(`/trials/${trial.id}`).set(ZH);

    expect(dashboard.text).toContain('评分模型 sla-score/1');
  });

  it.each([
    ['sla-score/1', 'en'],
    ['sla-score/2', 'zh-CN'],
  ] as const)(
    'when the comparison PDF of a trial using %s is read back (%s), then its cover names that model',
    async (model, lang) => {
      const { app } = await createTestApp();
      const trial = await sampleTrial(app);
      await setModel(app, trial.id, model);

      const response = await request(app)
        .get(`/api/v1/trials/${trial.id}/report.pdf?lang=${lang}`)
        .responseType('blob');

      expect(response.status).toBe(200);
      const text = await pdfText(new Uint8Array(response.body as Buffer));
      const cover = text.split('\n')[0] ?? '';
      expect(cover).toContain(model);
      expect(cover).not.toContain(model === 'sla-score/1' ? 'sla-score/2' : 'sla-score/1');
    },
    60_000,
  );
});

describe('the methodology page explains both models', () => {
  it.each([
    ['en', {}, 'Two models: sla-score/1 and sla-score/2', 'What a wait is'],
    ['zh-CN', ZH, '两个模型：sla-score/1 与 sla-score/2', '什么是“等待我方”'],
  ])(
    'when read in %s, then it names both models, what a wait is, and the worked example 73.98 → 79.61',
    async (_lang, headers, title, waitTitle) => {
      const { app } = await createTestApp();

      const response = await request(app).get('/methodology').set(headers);

      expect(response.status).toBe(200);
      expect(response.text).toContain(title);
      expect(response.text).toContain(waitTitle);
      for (const figure of ['73.98', '79.61', '77.63', '81.73', '65.00', '86.00', '2850', '1230'])
        expect(response.text).toContain(figure);
      expect(response.text).not.toContain('data-testid="trial-model"');
    },
  );

  it.each([
    ['en', {}, 'is scored with sla-score/1.'],
    ['zh-CN', ZH, '使用评分模型 sla-score/1。'],
  ])(
    'when opened from a trial (%s), then it says which model that trial uses',
    async (_lang, headers, words) => {
      const { app } = await createTestApp();
      const trial = await sampleTrial(app);
      await setModel(app, trial.id, 'sla-score/1');

      const response = await request(app).get(`/methodology?trial=${trial.id}`).set(headers);

      expect(response.status).toBe(200);
      expect(response.text).toMatch(/data-testid="trial-model"/);
      expect(response.text).toContain(words);
    },
  );

  it('when opened for a trial that does not exist, then it answers 404', async () => {
    const { app } = await createTestApp();

    expect((await request(app).get('/methodology?trial=nope')).status).toBe(404);
  });
});

describe('settings: the scoring model', () => {
  it('when an evaluator opens the settings, then the model section names the current model and offers a preview', async () => {
    const { app } = await createTestApp();
    const trial = await sampleTrial(app);

    const html = (await request(app).get(`/trials/${trial.id}/settings`)).text;

    expect(html).toContain('This trial is scored with sla-score/2.');
    expect(html).toContain(`action="/trials/${trial.id}/settings/model#model"`);
    expect(html).toMatch(/<option value="sla-score\/1" selected>sla-score\/1</);
  });

  it('when the preview of sla-score/1 is shown, then each vendor has its rank and overall under both models, and the switch gives the previewed ranking', async () => {
    const { app } = await createTestApp();
    const trial = await sampleTrial(app);
    const before = await ranking(app, trial.id);

    const html = (await request(app).get(`/trials/${trial.id}/settings/model?model=sla-score/1`)).text;

    expect(html).toContain('Ranking under sla-score/2 and under sla-score/1');
    expect(html).toContain('Switch to sla-score/1');
    for (const vendor of before) {
      expect(cell(html, vendor.vendorId, 'rank-current')).toBe(String(vendor.rank));
      expectScore(cell(html, vendor.vendorId, 'overall-current'), vendor.overall);
    }
    const switched = await request(app)
      .post(`/trials/${trial.id}/settings/model`)
      .type('form')
      .send({ model: 'sla-score/1' });
    expect(switched.status).toBe(303);
    expect(switched.headers['location']).toBe(`/trials/${trial.id}/settings/model?saved=1`);
    const after = await ranking(app, trial.id);
    for (const vendor of after) {
      expect(cell(html, vendor.vendorId, 'rank-chosen')).toBe(String(vendor.rank));
      expectScore(cell(html, vendor.vendorId, 'overall-chosen'), vendor.overall);
    }
    const stored = (await request(app).get(`/api/v1/trials/${trial.id}`)).body as Trial;
    expect(stored.model).toBe('sla-score/1');
    const saved = await request(app).get(`/trials/${trial.id}/settings/model?saved=1`);
    expect(saved.text).toContain('The trial now uses sla-score/1.');
  });

  it('when the preview is read in Chinese, then its headings and the switch are Chinese', async () => {
    const { app } = await createTestApp();
    const trial = await sampleTrial(app);

    const html = (await request(app).get(`/trials/${trial.id}/settings/model`).set(ZH)).text;

    expect(html).toContain('sla-score/2 与 sla-score/1 下的排名');
    expect(html).toContain('切换到 sla-score/1');
  });

  it.each([['sla-score/9'], ['']])(
    'when the switch is sent with model "%s", then the page answers 400 naming the field and nothing changes',
    async (model) => {
      const { app } = await createTestApp();
      const trial = await sampleTrial(app);

      const response = await request(app)
        .post(`/trials/${trial.id}/settings/model`)
        .type('form')
        .send({ model });

      expect(response.status).toBe(400);
      expect(response.text).toContain('class="field-error" id="model-error"');
      const stored = (await request(app).get(`/api/v1/trials/${trial.id}`)).body as Trial;
      expect(stored.model).toBe('sla-score/2');
    },
  );

  it('when an admin switches the model, then the audit log shows the model before → after', async () => {
    const { app } = await createTestApp({ as: 'admin' });
    const trial = await sampleTrial(app);

    await request(app).post(`/trials/${trial.id}/settings/model`).type('form').send({ model: 'sla-score/1' });
    const audit = await request(app).get('/admin/audit?entity=trial');

    expect(audit.text).toMatch(
      /<span class="change-before">sla-score\/2<\/span> → <span class="change-after">sla-score\/1<\/span>/,
    );
  });

  it('when a viewer opens the model settings, then it sees the model but no controls, and its switch is refused with 403', async () => {
    const { app, deps } = await createTestApp();
    const trial = await sampleTrial(app);
    const viewerApp = asBrowser(createApp(deps), await startSession(deps, await addUser(deps, 'viewer')));

    const settings = (await request(viewerApp).get(`/trials/${trial.id}/settings`)).text;
    const page = (await request(viewerApp).get(`/trials/${trial.id}/settings/model?model=sla-score/1`)).text;
    const post = await request(viewerApp)
      .post(`/trials/${trial.id}/settings/model`)
      .type('form')
      .send({ model: 'sla-score/1' });

    expect(settings).toContain('This trial is scored with sla-score/2.');
    expect(settings).not.toContain('id="model-choice"');
    expect(page).not.toContain('data-testid="switch-model"');
    expect(page).not.toContain('data-testid="model-preview"');
    expect(post.status).toBe(403);
  });
});
