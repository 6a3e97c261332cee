import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Scenario, Trial, Vendor } from '../../src/domain/schemas.js';
import { createTestApp, postEvent, postProbe, postScenario, postTrial, postVendor } from './helpers.js';

const ZH = 'lang=zh-CN';

async function loadSample(app: Parameters<typeof request>[0]) {
  const trial = (await request(app).post('/api/v1/trials/sample')).body as Trial;
  const vendors = (await request(app).get(`/api/v1/trials/${trial.id}/vendors`)).body as Vendor[];
  const scenarios = (await request(app).get(`/api/v1/trials/${trial.id}/scenarios`)).body as Scenario[];
  return { trial, vendors, scenarios };
}

/** The [vendorId, scenarioId] of every cell marked "not sent". */
function notSentPairs(html: string): [string, string][] {
  return [...html.matchAll(/data-state="not-sent" data-vendor="([^"]+)" data-scenario="([^"]+)"/g)].map(
    ([, vendorId = '', scenarioId = '']) => [vendorId, scenarioId],
  );
}

/** The column header of one vendor. */
function vendorHeader(html: string, vendorId: string): string {
  const match = new RegExp(`class="vendor-col" data-vendor="${vendorId}">([\\s\\S]*?)</th>`).exec(html);
  return match?.[1] ?? '';
}

function byName<T extends { name: string }>(items: T[], name: string): T {
  const found = items.find((item) => item.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('GET /trials/:trialId/matrix', () => {
  it('when the sample trial is opened, then exactly the pairs not sent yet are marked, each with a prefilled send link', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendors, scenarios } = await loadSample(app);
    const sonic = byName(vendors, '声浪云 SonicWave');
    const coHost = scenarios.find((scenario) => scenario.title.startsWith('Co-hosting'));

    // Act
    const response = await request(app).get(`/trials/${trial.id}/matrix`);

    // Assert
    expect(response.status).toBe(200);
    expect(notSentPairs(response.text)).toEqual([[sonic.id, coHost?.id]]);
    expect(response.text).toContain(
      `href="/trials/${trial.id}/probes/new?vendorId=${sonic.id}&amp;scenarioId=${coHost?.id ?? ''}"`,
    );
    expect(response.text).toContain('Not sent');
    expect(response.text).toContain('1 scenario–vendor pair has not been sent yet');
    expect(vendorHeader(response.text, sonic.id)).toContain('Sent 7 of 8 scenarios');
    expect(vendorHeader(response.text, byName(vendors, 'QuickPing Media').id)).toContain(
      'Sent 8 of 8 scenarios',
    );
    expect(response.text).toContain('Sent to 3 of 4 vendors');
    expect(response.text).toContain('aria-current="page">Scenario matrix</a>');
  });

  it('when the sample trial is read in Chinese, then the matrix speaks Chinese and keeps the Chinese vendor name', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial } = await loadSample(app);

    // Act
    const response = await request(app).get(`/trials/${trial.id}/matrix`).set('Cookie', ZH);

    // Assert
    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang="zh-CN">');
    expect(response.text).toContain('场景矩阵');
    expect(response.text).toContain('未发送');
    expect(response.text).toContain('已发送 7/8 个场景');
    expect(response.text).toContain('声浪云 SonicWave');
    expect(response.text).not.toMatch(/\bmatrix\.[a-zA-Z]/);
  });

  it('when a vendor answered a scenario probe, then its cell links to the probe with the outcome and the first-reply time', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, { name: 'NimbusRTC' });
    const scenario = await postScenario(app, trial.id, { severity: 'P0', category: 'server-outage' });
    const probe = await postProbe(app, trial.id, vendor.id, {
      scenarioId: scenario.id,
      severity: 'P0',
      sentAt: '2026-11-20T10:00+08:00',
    });
    await postEvent(app, probe.id, '2026-11-20T10:01+08:00', 'auto_ack');
    await postEvent(app, probe.id, '2026-11-20T10:25+08:00', 'ack');
    await postEvent(app, probe.id, '2026-11-20T14:00+08:00', 'confirmed_fixed');

    // Act
    const response = await request(app).get(`/trials/${trial.id}/matrix`);

    // Assert
    expect(response.status).toBe(200);
    expect(notSentPairs(response.text)).toEqual([]);
    expect(response.text).toContain(`href="/probes/${probe.id}"`);
    expect(response.text).toContain('<span class="badge ok">Fixed</span>');
    expect(response.text).toContain('First reply after 25 min');
    expect(response.text).toContain('Every vendor has been sent every scenario.');
  });

  it('when a probe has no scenario, then it is listed as ad hoc under its vendor, and every name is escaped', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, {
      name: '<b>声浪云</b> 实时音视频云服务（华东二区专属集群）& Partners',
    });
    await postScenario(app, trial.id, { title: 'Echo on <i>Bluetooth</i>' });
    const probe = await postProbe(app, trial.id, vendor.id, { title: '<script>alert(1)</script> 推流失败' });

    // Act
    const response = await request(app).get(`/trials/${trial.id}/matrix`);

    // Assert
    expect(response.status).toBe(200);
    expect(response.text).not.toContain('<b>声浪云</b>');
    expect(response.text).not.toContain('<script>alert(1)</script>');
    expect(response.text).not.toContain('<i>Bluetooth</i>');
    expect(response.text).toContain(
      '&lt;b&gt;声浪云&lt;/b&gt; 实时音视频云服务（华东二区专属集群）&amp; Partners',
    );
    expect(response.text).toContain('Echo on &lt;i&gt;Bluetooth&lt;/i&gt;');
    expect(response.text).toContain(
      `<a href="/probes/${probe.id}">&lt;script&gt;alert(1)&lt;/script&gt; 推流失败</a>`,
    );
    expect(notSentPairs(response.text)).toHaveLength(1);
  });

  it('when the trial has neither vendors nor scenarios, then both empty states explain what to do next', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app).get(`/trials/${trial.id}/matrix`);

    // Assert
    expect(response.status).toBe(200);
    expect(response.text).toContain('data-testid="no-vendors"');
    expect(response.text).toContain('data-testid="no-scenarios"');
    expect(response.text).toContain(`href="/trials/${trial.id}/vendors/new"`);
    expect(response.text).toContain('No scenarios yet.');
    expect(response.text).not.toContain('<table class="matrix">');
  });

  it('when the trial does not exist, then the not-found page answers 404', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).get('/trials/trial_missing/matrix').set('Accept', 'text/html');

    // Assert
    expect(response.status).toBe(404);
    expect(response.type).toBe('text/html');
    expect(response.text).toContain('Not found');
  });
});

describe('POST /trials/:trialId/scenarios', () => {
  it('when the form is complete, then the scenario is stored and the browser is sent back to the matrix', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    await postVendor(app, trial.id);

    // Act
    const response = await request(app).post(`/trials/${trial.id}/scenarios`).type('form').send({
      title: '蓝牙耳机通话回声',
      description: 'Remote side hears itself on Bluetooth headsets.',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
    });

    // Assert
    expect(response.status).toBe(303);
    const stored = (await request(app).get(`/api/v1/trials/${trial.id}/scenarios`)).body as Scenario[];
    expect(stored).toMatchObject([
      {
        title: '蓝牙耳机通话回声',
        description: 'Remote side hears itself on Bluetooth headsets.',
        severity: 'P1',
        category: 'av-quality',
        difficulty: 'hard',
      },
    ]);
    const scenarioId = stored[0]?.id ?? '';
    expect(response.headers['location']).toBe(
      `/trials/${trial.id}/matrix?added=${scenarioId}#scenario-${scenarioId}`,
    );
    const page = await request(app).get(response.headers['location'] ?? '');
    expect(page.text).toContain('Scenario “蓝牙耳机通话回声” added.');
    expect(notSentPairs(page.text)).toHaveLength(1);
  });

  it('when the title is missing and the severity unknown, then 400 shows the messages beside the fields and keeps what was typed', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app).post(`/trials/${trial.id}/scenarios`).type('form').send({
      title: '  ',
      description: 'Logs <attached> 日志已附',
      severity: 'P9',
      category: 'network',
      difficulty: 'hard',
    });

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toContain('Please correct the highlighted fields.');
    expect(response.text).toMatch(/id="title"[^>]*aria-invalid="true" aria-describedby="title-error"/);
    expect(response.text).toContain('<p class="field-error" id="title-error">Required.</p>');
    expect(response.text).toContain(
      '<p class="field-error" id="severity-error">This value is not valid.</p>',
    );
    expect(response.text).toContain('Logs &lt;attached&gt; 日志已附</textarea>');
    expect(response.text).toContain('<option value="network" selected>');
    expect(response.text).toContain('<option value="hard" selected>');
    const stored = (await request(app).get(`/api/v1/trials/${trial.id}/scenarios`)).body as Scenario[];
    expect(stored).toEqual([]);
  });

  it('when the form is invalid in Chinese, then the field messages are Chinese', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app)
      .post(`/trials/${trial.id}/scenarios`)
      .set('Cookie', ZH)
      .type('form')
      .send({ title: '', severity: 'P1', category: 'network', difficulty: 'known' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toContain('<p class="field-error" id="title-error">必填。</p>');
  });

  it('when the trial does not exist, then 404 and nothing is stored', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)
      .post('/trials/trial_missing/scenarios')
      .set('Accept', 'text/html')
      .type('form')
      .send({ title: 'Echo', severity: 'P1', category: 'network', difficulty: 'known' });

    // Assert
    expect(response.status).toBe(404);
    expect(response.text).toContain('Not found');
  });
});
