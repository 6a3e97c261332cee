import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/accounts.js';
import type { Probe, Scenario, Trial, TrialExport, Vendor } from '../../src/domain/schemas.js';
import {
  createTestApp,
  postEvent,
  postProbe,
  postScenario,
  postTrial,
  postVendor,
  type TestApp,
} from './helpers.js';

const ZH = { Cookie: 'lang=zh-CN' };

/** A urlencoded form post, the way a browser sends it. */
function postForm(app: Express, url: string, fields: Record<string, string> = {}, headers = {}) {
  return request(app).post(url).set(headers).type('form').send(new URLSearchParams(fields).toString());
}

async function listTrials(app: Express): Promise<Trial[]> {
  return (await request(app).get('/api/v1/trials')).body as Trial[];
}

async function exported(app: Express, trialId: string): Promise<TrialExport> {
  const response = await request(app).get(`/api/v1/trials/${trialId}/export`);
  expect(response.status).toBe(200);
  return response.body as TrialExport;
}

async function auditOf(test: TestApp, trialId: string): Promise<readonly AuditEntry[]> {
  return (await test.deps.repository.listAudit({ trialId, limit: 100 })).entries;
}

/** The ids of the trial cards in one list of the page (`trial-list` or `archived-list`). */
function cardIds(html: string, list: string): string[] {
  const start = html.indexOf(`data-testid="${list}"`);
  if (start === -1) return [];
  const end = html.indexOf('</ul>', start);
  return [...html.slice(start, end).matchAll(/data-trial-id="([^"]+)"/g)].map((match) => match[1] ?? '');
}

/** A trial with two vendors (one with SLA clauses), a scenario, and a probe with two events. */
async function seedTrial(app: Express) {
  const trial = await postTrial(app, { name: 'RTC SDK selection 2026 Q4' });
  const nimbus = await postVendor(app, trial.id, {
    name: 'NimbusRTC',
    sla: { responseTargets: { P0: { minutes: 15, coverage: '24x7' } }, serviceCredits: { offered: true } },
  });
  const relay = await postVendor(app, trial.id, { name: 'Relaylink Video' });
  const scenario = await postScenario(app, trial.id);
  const probe = await postProbe(app, trial.id, nimbus.id, { scenarioId: scenario.id });
  await postEvent(app, probe.id, '2026-11-20T10:05+08:00', 'ack');
  await postEvent(app, probe.id, '2026-11-20T11:00+08:00', 'diagnosis');
  return { trial, nimbus, relay, scenario, probe };
}

describe('trials list: delete', () => {
  it('when delete is chosen, then a page names what goes with the trial before anything is removed', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial } = await seedTrial(app);

    // Act
    const english = await request(app).get(`/trials/${trial.id}/delete`);
    const chinese = await request(app).get(`/trials/${trial.id}/delete`).set(ZH);

    // Assert
    expect(english.status).toBe(200);
    expect(english.text).toContain('<h1 id="delete-title">Delete “RTC SDK selection 2026 Q4”?</h1>');
    expect(english.text).toContain('2 vendors with their SLA clauses: NimbusRTC, Relaylink Video');
    expect(english.text).toContain('1 scenario</li>');
    expect(english.text).toContain('1 probe with its 2 timeline events and ratings');
    expect(english.text).toContain(`action="/trials/${trial.id}/delete"`);
    expect(chinese.text).toContain('删除“RTC SDK selection 2026 Q4”？');
    expect(chinese.text).toContain('2 家厂商及其 SLA 条款');
    expect((await listTrials(app)).map((listed) => listed.id)).toEqual([trial.id]);
  });

  it('when the deletion is confirmed, then the trial, its vendors, scenarios and probes are gone and the audit log says so', async () => {
    // Arrange
    const test = await createTestApp();
    const { app } = test;
    const { trial, nimbus, scenario, probe } = await seedTrial(app);
    const kept = await postTrial(app, { name: 'Kept' });

    // Act
    const response = await postForm(app, `/trials/${trial.id}/delete`);
    const list = await request(app).get(response.headers['location'] ?? '/trials');

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe('/trials?deleted=1');
    expect(list.text).toContain('The trial was deleted, with its vendors, scenarios and probes.');
    expect((await listTrials(app)).map((listed) => listed.id)).toEqual([kept.id]);
    expect(await test.deps.repository.getVendor(nimbus.id)).toBeUndefined();
    expect(await test.deps.repository.getScenario(scenario.id)).toBeUndefined();
    expect(await test.deps.repository.getProbe(probe.id)).toBeUndefined();
    const [deletion] = await auditOf(test, trial.id);
    expect(deletion).toMatchObject({
      action: 'delete',
      entity: 'trial',
      entityId: trial.id,
      label: trial.name,
    });
    expect(deletion?.actor.email).toBe(test.user?.email);
  });

  it('when a viewer asks to delete a trial, then the page and the post are refused (403) and the trial stays', async () => {
    // Arrange
    const writer = await createTestApp();
    const trial = await postTrial(writer.app);
    const viewer = await createTestApp({ as: 'viewer', repository: writer.deps.repository });

    // Act
    const page = await request(viewer.app).get(`/trials/${trial.id}/delete`);
    const post = await postForm(viewer.app, `/trials/${trial.id}/delete`);
    const list = await request(viewer.app).get('/trials');

    // Assert
    expect(page.status).toBe(403);
    expect(post.status).toBe(403);
    expect(list.text).not.toContain('data-testid="delete"');
    expect((await listTrials(writer.app)).map((listed) => listed.id)).toEqual([trial.id]);
  });

  it('when the trial to delete is empty, then the page says so rather than counting zeros', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const page = await request(app).get(`/trials/${trial.id}/delete`);

    expect(page.text).toContain('<li>No vendors</li>');
    expect(page.text).toContain('<li>No scenarios</li>');
    expect(page.text).toContain('<li>No probes</li>');
    expect(page.text).toContain('Archive instead');
  });

  it('when the trial to delete does not exist, then 404', async () => {
    const { app } = await createTestApp();

    expect((await request(app).get('/trials/trial_missing/delete')).status).toBe(404);
    expect((await postForm(app, '/trials/trial_missing/delete')).status).toBe(404);
  });
});

describe('trials list: archive and restore', () => {
  it('when a trial is archived, then it moves to the folded Archived section with its data, and restore brings it back', async () => {
    // Arrange
    const test = await createTestApp();
    const { app } = test;
    const { trial } = await seedTrial(app);
    const other = await postTrial(app, { name: 'Other trial' });

    // Act
    const archived = await postForm(app, `/trials/${trial.id}/archive`);
    const afterArchive = await request(app).get(archived.headers['location'] ?? '/trials');
    const later = await request(app).get('/trials');
    const restored = await postForm(app, `/trials/${trial.id}/restore`);
    const afterRestore = await request(app).get('/trials');

    // Assert
    expect(archived.status).toBe(303);
    expect(cardIds(afterArchive.text, 'trial-list')).toEqual([other.id]);
    expect(cardIds(afterArchive.text, 'archived-list')).toEqual([trial.id]);
    expect(afterArchive.text).toContain('“RTC SDK selection 2026 Q4” archived.');
    expect(afterArchive.text).toMatch(/<details class="panel trials-archived" data-testid="archived" open>/);
    expect(later.text).toMatch(/<details class="panel trials-archived" data-testid="archived">/);
    expect(later.text).toContain('Archived (1)');
    expect((await exported(app, trial.id)).probes).toHaveLength(1);
    expect(restored.status).toBe(303);
    expect(cardIds(afterRestore.text, 'trial-list').sort()).toEqual([trial.id, other.id].sort());
    expect(afterRestore.text).not.toContain('data-testid="archived"');
    const changes = (await auditOf(test, trial.id))
      .filter((entry) => entry.entity === 'trial' && entry.action === 'update')
      .map((entry) => entry.changes.map((change) => change.path));
    expect(changes).toEqual([['archivedAt'], ['archivedAt']]);
  });

  it('when the archived section is read in Chinese, then it speaks Chinese', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    await postForm(app, `/trials/${trial.id}/archive`);

    const page = await request(app).get('/trials').set(ZH);

    expect(page.text).toContain('已归档（1）');
    expect(page.text).toContain('>恢复</button>');
  });
});

describe('trials list: duplicate', () => {
  it('when a trial is duplicated, then a "Copy of" trial has its settings, vendors with SLA clauses and scenarios, no probes, new ids', async () => {
    // Arrange
    const test = await createTestApp();
    const { app } = test;
    const { trial } = await seedTrial(app);
    await request(app)
      .patch(`/api/v1/trials/${trial.id}`)
      .send({
        status: 'running',
        weights: { responsiveness: 0.4, resolution: 0.3, escalation: 0.15, commitment: 0.15 },
      })
      .expect(200);
    const original = await exported(app, trial.id);

    // Act
    const response = await postForm(app, `/trials/${trial.id}/duplicate`);
    const copyId = /copied=([^&]+)/.exec(response.headers['location'] ?? '')?.[1] ?? '';
    const list = await request(app).get(response.headers['location'] ?? '/trials');
    const copy = await exported(app, copyId);

    // Assert
    expect(response.status).toBe(303);
    expect(copy.trial.name).toBe('Copy of RTC SDK selection 2026 Q4');
    expect(copy.trial.id).not.toBe(trial.id);
    expect(copy.trial.status).toBe('planning');
    expect(copy.trial.weights).toEqual(original.trial.weights);
    expect(copy.trial.targets).toEqual(original.trial.targets);
    expect(copy.trial.calendar).toEqual(original.trial.calendar);
    const strip = <T extends Vendor | Scenario>({
      id: _id,
      trialId: _t,
      createdAt: _c,
      updatedAt: _u,
      ...rest
    }: T) => rest;
    expect(copy.vendors.map(strip)).toEqual(original.vendors.map(strip));
    expect(copy.scenarios.map(strip)).toEqual(original.scenarios.map(strip));
    const ids = [...copy.vendors, ...copy.scenarios].map((record) => record.id);
    expect(
      ids.filter((id) => [...original.vendors, ...original.scenarios].some((record) => record.id === id)),
    ).toEqual([]);
    expect(copy.vendors.every((vendor) => vendor.trialId === copyId)).toBe(true);
    expect(copy.probes).toEqual([] satisfies Probe[]);
    expect(original.probes).toHaveLength(1);
    expect(list.text).toContain('“Copy of RTC SDK selection 2026 Q4” created');
    const created = await auditOf(test, copyId);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ action: 'create', entity: 'trial', entityId: copyId });
  });

  it('when a trial is duplicated in Chinese, then the copy is named the Chinese way', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { name: '音视频 SDK 选型' });

    const response = await postForm(app, `/trials/${trial.id}/duplicate`, {}, ZH);
    const copyId = /copied=([^&]+)/.exec(response.headers['location'] ?? '')?.[1] ?? '';

    expect((await exported(app, copyId)).trial.name).toBe('音视频 SDK 选型（副本）');
  });

  it('when the sample is duplicated, then the copy is not a sample: loading the sample still offers the original', async () => {
    const { app } = await createTestApp();
    const sample = (await request(app).post('/api/v1/trials/sample')).body as Trial;

    const response = await postForm(app, `/trials/${sample.id}/duplicate`);
    const copyId = /copied=([^&]+)/.exec(response.headers['location'] ?? '')?.[1] ?? '';
    const list = await request(app).get('/trials');

    expect((await exported(app, copyId)).trial.sample).toBeUndefined();
    expect(list.text).toContain(`href="/trials/${sample.id}" data-testid="open-sample"`);
  });
});

describe('trials list: the sample trial', () => {
  it('when the sample is loaded a second time, then nothing is created and the page offers to open the one loaded', async () => {
    // Arrange
    const { app } = await createTestApp();
    const first = await postForm(app, '/trials/sample');
    const sampleId = /\/trials\/([^/?#]+)$/.exec(first.headers['location'] ?? '')?.[1] ?? '';

    // Act
    const again = await postForm(app, '/trials/sample');
    const offer = await request(app).get(again.headers['location'] ?? '/trials');
    const chinese = await request(app).get('/trials?sample=exists').set(ZH);

    // Assert
    expect(first.status).toBe(303);
    expect(again.status).toBe(303);
    expect(again.headers['location']).toBe('/trials?sample=exists#sample-exists');
    expect((await listTrials(app)).map((trial) => trial.id)).toEqual([sampleId]);
    expect(offer.text).toContain('The sample trial is already loaded.');
    expect(offer.text).toContain(`<a class="button" href="/trials/${sampleId}">Open the sample trial</a>`);
    expect(offer.text).toContain('<input type="hidden" name="another" value="1">');
    expect(chinese.text).toContain('示例项目已经载入。');
  });

  it('when another sample is asked for explicitly, then a second one is loaded', async () => {
    const { app } = await createTestApp();
    await postForm(app, '/trials/sample');

    const another = await postForm(app, '/trials/sample', { another: '1' });

    expect(another.status).toBe(303);
    expect(another.headers['location']).toMatch(/^\/trials\/[^/?#]+$/);
    expect(await listTrials(app)).toHaveLength(2);
  });

  it('when the only sample is archived, then loading the sample loads a fresh one', async () => {
    const { app } = await createTestApp();
    const first = (await request(app).post('/api/v1/trials/sample')).body as Trial;
    await postForm(app, `/trials/${first.id}/archive`);

    const again = await postForm(app, '/trials/sample');

    expect(again.headers['location']).toMatch(/^\/trials\/[^/?#]+$/);
    expect(await listTrials(app)).toHaveLength(2);
  });
});
