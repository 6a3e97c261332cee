import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Trial } from '../../src/domain/schemas.js';
import { startSession } from '../../src/app/sessions.js';
import { addUser, asBrowser, createTestApp, issuePaths, postTrial, postVendor } from './helpers.js';

/**
 * The decision page (SPEC §6, §5.3): verdict, ranking with gates, cost beside score (converted
 * into the trial currency, shown as entered when it cannot be compared, the cheapest qualified
 * vendor named), risks, in both languages, readable by viewers.
 */
async function sampleWithCosts(as: 'evaluator' | 'viewer' = 'evaluator') {
  const testApp = await createTestApp({ now: () => new Date(), as: 'admin' });
  const created = await request(testApp.app).post('/api/v1/trials/sample');
  const trial = created.body as Trial;
  const patched = await request(testApp.app)
    .patch(`/api/v1/trials/${trial.id}`)
    .send({ currency: 'CNY', exchangeRates: { USD: 7.2 } });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const vendors = (await request(testApp.app).get(`/api/v1/trials/${trial.id}/vendors`)).body as {
    id: string;
    name: string;
  }[];
  const byName = (name: string) => vendors.find((vendor) => vendor.name === name)?.id ?? '';
  // QuickPing pays in dollars (converted), Relaylink in yen (no rate: shown as entered).
  await request(testApp.app)
    .patch(`/api/v1/vendors/${byName('QuickPing Media')}`)
    .send({ supportPlan: { name: 'Pro', annualCost: 5000, currency: 'USD' } })
    .expect(200);
  await request(testApp.app)
    .patch(`/api/v1/vendors/${byName('Relaylink Video')}`)
    .send({ supportPlan: { name: 'Business', annualCost: 900000, currency: 'JPY' } })
    .expect(200);
  if (as === 'viewer') {
    const viewer = await createViewerApp(testApp);
    return { ...testApp, app: viewer, trial, byName };
  }
  return { ...testApp, trial, byName };
}

async function createViewerApp(testApp: Awaited<ReturnType<typeof createTestApp>>) {
  const viewer = await addUser(testApp.deps, 'viewer', 'viewer@example.com');
  return asBrowser(testApp.bare, await startSession(testApp.deps, viewer));
}

const section = (html: string, testId: string) =>
  new RegExp(`data-testid="${testId}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';

describe('decision page', () => {
  it('when the sample trial has costs, then the page shows verdict, gates, converted and as-entered costs, the cheapest qualified vendor and risks', async () => {
    const { app, trial } = await sampleWithCosts();

    const response = await request(app).get(`/trials/${trial.id}/decision`);

    expect(response.status).toBe(200);
    const html = response.text;
    expect(html).toContain('data-testid="verdict"');
    const ranking = section(html, 'decision-ranking');
    expect(ranking).toContain('Disqualified: P0 support 24x7');
    expect(ranking).toContain('Passes every gate');
    const cost = section(html, 'decision-cost');
    // 5000 USD × 7.2 = 36,000 CNY.
    expect(cost).toContain('CN¥36,000');
    expect(cost).toContain('900,000 JPY');
    expect(cost).toContain('Not compared: no exchange rate into CNY');
    expect(cost).toMatch(/data-testid="cheapest">[\s\S]*Cheapest vendor that passes every gate: /);
    expect(cost).toContain('data-testid="cheapest-badge"');
    expect(html).toMatch(/id="chart-data">\{"scatter":\{"type":"scatter"/);
    expect(html).toContain('/assets/js/decision.js');
    const risks = section(html, 'decision-risks');
    expect(risks).toContain('Failed gate');
    expect(risks).toMatch(/href="\/probes\/[^"]+"/);
    expect(html).toContain('data-testid="decision-diligence"');
    expect(html).toContain('data-testid="decision-record"');
  });

  it('when the cheapest vendor passes every gate, then it is the one named', async () => {
    const { app, trial, byName } = await sampleWithCosts();
    await request(app)
      .patch(`/api/v1/vendors/${byName('NimbusRTC')}`)
      .send({ supportPlan: { name: 'Starter', annualCost: 1000, currency: 'CNY' } })
      .expect(200);

    const response = await request(app).get(`/trials/${trial.id}/decision`);

    expect(section(response.text, 'decision-cost')).toContain(
      'Cheapest vendor that passes every gate: NimbusRTC (CN¥1,000 a year).',
    );
  });

  it('when the page is asked for in Chinese, then its words are Chinese', async () => {
    const { app, trial } = await sampleWithCosts();

    const response = await request(app).get(`/trials/${trial.id}/decision`).set('Cookie', 'lang=zh-CN');

    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang="zh-CN">');
    for (const text of [
      '费用与得分',
      '排名与准入门槛',
      '风险',
      '尽职调查',
      '未比较：没有换算为 CNY 的汇率',
      '通过全部门槛的最便宜供应商',
    ]) {
      expect(response.text).toContain(text);
    }
  });

  it('when the trial has no currency, then costs are shown as entered and the settings are pointed to', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    await postVendor(app, trial.id, {
      name: 'A',
      supportPlan: { name: 'Pro', annualCost: 100, currency: 'CNY' },
    });

    const response = await request(app).get(`/trials/${trial.id}/decision`);

    expect(response.status).toBe(200);
    expect(response.text).toContain('data-testid="no-currency"');
    expect(response.text).toContain('Not compared: the trial has no currency');
    expect(response.text).not.toContain('id="chart-data"');
  });

  it('when a vendor has diligence, then its summary is shown beside the others', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { diligenceItems: ['Named CSM', 'RCA within 5 days'] });
    const checked = await postVendor(app, trial.id, { name: 'Checked' });
    const patched = await request(app)
      .patch(`/api/v1/vendors/${checked.id}`)
      .send({
        diligence: {
          supportTeam: { size: 12, namedCsm: true },
          references: [
            {
              customer: 'Acme Live',
              date: '2026-11-02',
              summary: 'Fast P0 help',
              rating: 4,
              wouldRecommend: true,
            },
            {
              customer: 'Beta Media',
              date: '2026-11-03',
              summary: 'Slow RCA',
              rating: 2,
              wouldRecommend: false,
            },
          ],
          checks: [
            { item: 'Named CSM', answer: 'yes' },
            { item: 'RCA within 5 days', answer: 'partial' },
          ],
        },
      });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await postVendor(app, trial.id, { name: 'Unchecked' });

    const response = await request(app).get(`/trials/${trial.id}/decision`);

    const diligence = section(response.text, 'decision-diligence');
    const card = new RegExp(`data-vendor="${checked.id}"[\\s\\S]*?</div>`).exec(diligence)?.[0] ?? '';
    expect(card).toContain('1 yes · 1 partial · 0 no · 0 unknown');
    expect(card).toContain('2 calls, mean rating 3.0/5, 50% would recommend');
    expect(card).toContain('12 people');
    expect(card).toContain('named CSM');
    expect(diligence).toContain('data-testid="diligence-none"');
  });

  it('when a viewer opens the page, then it is shown', async () => {
    const { app, trial } = await sampleWithCosts('viewer');

    const response = await request(app).get(`/trials/${trial.id}/decision`);

    expect(response.status).toBe(200);
    expect(response.text).toContain('data-testid="decision-cost"');
  });

  it('when the trial is unknown, then the page is 404', async () => {
    const { app } = await createTestApp();

    const response = await request(app).get('/trials/nope/decision');

    expect(response.status).toBe(404);
  });
});

describe('trial currency and costs through the API', () => {
  it('when a currency and rates are set, then they are stored, and null clears them', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { currency: 'usd', exchangeRates: { CNY: 0.14 } });
    expect(trial).toMatchObject({ currency: 'USD', exchangeRates: { CNY: 0.14 } });

    const cleared = await request(app)
      .patch(`/api/v1/trials/${trial.id}`)
      .send({ currency: null, exchangeRates: null });

    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('currency');
    expect(cleared.body).not.toHaveProperty('exchangeRates');
  });

  it.each([
    ['a currency that is not a code', { currency: 'yuan' }, 'currency'],
    ['a negative rate', { exchangeRates: { USD: -1 } }, 'exchangeRates.USD'],
    ['a rate for a non-code', { exchangeRates: { dollars: 7 } }, 'exchangeRates.dollars'],
  ])('when the trial is sent %s, then it is 400 naming the field', async (_case, body, path) => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await request(app).patch(`/api/v1/trials/${trial.id}`).send(body);

    expect(issuePaths(response).some((issue) => issue.startsWith(path))).toBe(true);
  });

  it.each([
    ['negative', -1],
    ['absurd', 1e13],
  ])('when a vendor is sent a %s annual cost, then it is 400 naming the field', async (_case, annualCost) => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);

    const response = await request(app)
      .patch(`/api/v1/vendors/${vendor.id}`)
      .send({ supportPlan: { name: 'Pro', annualCost } });

    expect(issuePaths(response)).toContain('supportPlan.annualCost');
  });
});

describe('trial currency in the settings form', () => {
  async function postGeneral(
    app: Parameters<typeof request>[0],
    trial: Trial,
    fields: Record<string, string>,
  ) {
    return request(app)
      .post(`/trials/${trial.id}/settings/general`)
      .type('form')
      .send(
        new URLSearchParams({
          name: trial.name,
          status: trial.status,
          timezone: trial.timezone,
          description: '',
          ...fields,
        }).toString(),
      );
  }

  it('when a currency and rates are typed, then they are stored and shown again', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await postGeneral(app, trial, {
      currency: 'cny',
      exchangeRates: 'USD = 7.2\neur: 7,8\n',
    });

    expect(response.status).toBe(303);
    const stored = (await request(app).get(`/api/v1/trials/${trial.id}`)).body as Trial;
    expect(stored).toMatchObject({ currency: 'CNY', exchangeRates: { USD: 7.2, EUR: 7.8 } });
    const page = await request(app).get(`/trials/${trial.id}/settings`);
    expect(page.text).toContain('USD = 7.2\nEUR = 7.8');
  });

  it('when a rate line cannot be read, then nothing is stored and the field says how to write it, keeping what was typed', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await postGeneral(app, trial, {
      currency: 'CNY',
      exchangeRates: 'USD = 7.2\nseven dollars',
    });

    expect(response.status).toBe(400);
    expect(response.text).toContain('Write each rate on its own line');
    expect(response.text).toContain('seven dollars');
    const stored = (await request(app).get(`/api/v1/trials/${trial.id}`)).body as Trial;
    expect(stored.currency).toBeUndefined();
  });

  it('when the fields are emptied, then currency and rates are cleared', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { currency: 'CNY', exchangeRates: { USD: 7 } });

    const response = await postGeneral(app, trial, { currency: '', exchangeRates: '' });

    expect(response.status).toBe(303);
    const stored = (await request(app).get(`/api/v1/trials/${trial.id}`)).body as Trial;
    expect(stored.currency).toBeUndefined();
    expect(stored.exchangeRates).toBeUndefined();
  });
});
