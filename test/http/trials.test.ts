import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DILIGENCE_ITEMS } from '../../src/domain/diligence.js';
import type { Trial, TrialExport } from '../../src/domain/schemas.js';
import type { Scorecard } from '../../src/domain/scoring/scorecard.js';
import {
  createTestApp,
  FIXED_NOW,
  issuePaths,
  postEvent,
  postProbe,
  postScenario,
  postTrial,
  postVendor,
} from './helpers.js';

const DEFAULT_TARGETS = {
  P0: { firstResponseMinutes: 15, clock: 'calendar', resolutionMinutes: 240, escalationMinutes: 30 },
  P1: { firstResponseMinutes: 60, clock: 'calendar', resolutionMinutes: 1440, escalationMinutes: 120 },
  P2: { firstResponseMinutes: 240, clock: 'business', resolutionMinutes: 2400, escalationMinutes: 480 },
  P3: { firstResponseMinutes: 480, clock: 'business', resolutionMinutes: null, escalationMinutes: null },
};

describe('POST /api/v1/trials', () => {
  it('when only name and timezone are given, then 201 answers the stored trial with the SPEC defaults', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)
      .post('/api/v1/trials')
      .send({ name: 'RTC SDK selection 2026 Q4', timezone: 'Asia/Shanghai' });

    // Assert
    expect(response.status).toBe(201);
    const trial = response.body as Trial;
    expect(trial).toEqual({
      id: expect.any(String) as string,
      name: 'RTC SDK selection 2026 Q4',
      status: 'planning',
      timezone: 'Asia/Shanghai',
      weights: { responsiveness: 0.25, resolution: 0.35, escalation: 0.2, commitment: 0.2 },
      targets: DEFAULT_TARGETS,
      calendar: {
        timezone: 'Asia/Shanghai',
        days: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '18:00',
        holidays: [],
        extraWorkdays: [],
      },
      knockouts: {
        p0Coverage24x7: false,
        serviceCredits: false,
        escalationPath: false,
        maxP0ResponseMinutes: null,
      },
      // A new trial is scored by the newest model (SPEC §2).
      model: 'sla-score/2',
      // The diligence questionnaire starts from the suggested items (SPEC §2, seed 004).
      diligenceItems: DEFAULT_DILIGENCE_ITEMS,
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
    });
    const stored = await request(app).get(`/api/v1/trials/${trial.id}`);
    expect(stored.body).toEqual(trial);
  });

  it('when the trial is in New York, then the default working calendar is in New York too', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const trial = await postTrial(app, { timezone: 'America/New_York' });

    // Assert
    expect(trial.calendar).toMatchObject({ timezone: 'America/New_York', start: '09:00', end: '18:00' });
  });

  it('when only some severities get targets, then the others keep the defaults', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const trial = await postTrial(app, { targets: { P0: { firstResponseMinutes: 10 } } });

    // Assert
    expect(trial.targets).toEqual({
      ...DEFAULT_TARGETS,
      P0: { ...DEFAULT_TARGETS.P0, firstResponseMinutes: 10 },
    });
  });

  it.each([
    ['the name is missing', { timezone: 'Asia/Shanghai' }, 'name'],
    ['the name is blank', { name: '   ', timezone: 'Asia/Shanghai' }, 'name'],
    ['the timezone is missing', { name: 'Trial' }, 'timezone'],
    ['the timezone does not exist', { name: 'Trial', timezone: 'Mars/Olympus' }, 'timezone'],
    [
      'the weights do not sum to 1',
      {
        name: 'Trial',
        timezone: 'Asia/Shanghai',
        weights: { responsiveness: 0.5, resolution: 0.5, escalation: 0.5, commitment: 0.5 },
      },
      'weights',
    ],
    [
      'a weight is negative',
      {
        name: 'Trial',
        timezone: 'Asia/Shanghai',
        weights: { responsiveness: -0.25, resolution: 0.75, escalation: 0.25, commitment: 0.25 },
      },
      'weights.responsiveness',
    ],
    [
      'the calendar ends before it starts',
      {
        name: 'Trial',
        timezone: 'Asia/Shanghai',
        calendar: { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '18:00', end: '09:00' },
      },
      'calendar.end',
    ],
    [
      'the status is not one of the three',
      { name: 'Trial', timezone: 'Asia/Shanghai', status: 'archived' },
      'status',
    ],
    [
      'a target is not a positive number of minutes',
      { name: 'Trial', timezone: 'Asia/Shanghai', targets: { P2: { firstResponseMinutes: 0 } } },
      'targets.P2.firstResponseMinutes',
    ],
  ])('when %s, then 400 names the field', async (_case, body, path) => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).post('/api/v1/trials').send(body);

    // Assert
    expect(issuePaths(response)).toContain(path);
  });

  it('when the body has a field the API does not know, then 400 names the field and nothing is stored', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)
      .post('/api/v1/trials')
      .send({ name: 'Trial', timezone: 'Asia/Shanghai', colour: 'blue' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'validation',
      issues: [{ path: 'colour', message: 'unknown field' }],
    });
    expect((await request(app).get('/api/v1/trials')).body).toEqual([]);
  });

  it('when the JSON body is malformed, then 400 validation rather than a server error', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)
      .post('/api/v1/trials')
      .set('Content-Type', 'application/json')
      .send('{"name": "Trial", "timezone": ');

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation', issues: [{ path: '' }] });
  });

  it('when the body is over 1 MB, then 413', async () => {
    // Arrange
    const { app } = await createTestApp();
    const description = 'x'.repeat(1024 * 1024 + 1);

    // Act
    const response = await request(app)
      .post('/api/v1/trials')
      .send({ name: 'Trial', timezone: 'Asia/Shanghai', description });

    // Assert
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: 'payload_too_large' });
  });
});

describe('GET /api/v1/trials', () => {
  it('when two trials were created, then the list holds both', async () => {
    // Arrange
    const { app } = await createTestApp();
    const first = await postTrial(app, { name: 'RTC SDK selection' });
    const second = await postTrial(app, { name: 'Conversational AI selection' });

    // Act
    const response = await request(app).get('/api/v1/trials');

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual([first, second]);
  });
});

describe('GET/PATCH/DELETE /api/v1/trials/:trialId', () => {
  it('when the weights are changed, then 200 answers the updated trial and a read shows it', async () => {
    // Arrange
    let now = FIXED_NOW;
    const { app } = await createTestApp({ now: () => new Date(now) });
    const trial = await postTrial(app);
    now = '2026-11-25T08:30:00.000Z';
    const weights = { responsiveness: 0.1, resolution: 0.5, escalation: 0.2, commitment: 0.2 };

    // Act
    const response = await request(app).patch(`/api/v1/trials/${trial.id}`).send({ weights });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...trial, weights, updatedAt: '2026-11-25T08:30:00.000Z' });
    expect((await request(app).get(`/api/v1/trials/${trial.id}`)).body).toEqual(response.body);
  });

  it('when one field of one severity target changes, then the rest of every target is kept', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app)
      .patch(`/api/v1/trials/${trial.id}`)
      .send({ targets: { P1: { firstResponseMinutes: 30 }, P3: { resolutionMinutes: 4800 } } });

    // Assert
    expect(response.status).toBe(200);
    expect((response.body as Trial).targets).toEqual({
      ...DEFAULT_TARGETS,
      P1: { ...DEFAULT_TARGETS.P1, firstResponseMinutes: 30 },
      P3: { ...DEFAULT_TARGETS.P3, resolutionMinutes: 4800 },
    });
  });

  it('when the calendar and status are changed, then both are stored', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const calendar = {
      timezone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5],
      start: '09:30',
      end: '18:30',
      holidays: ['2026-10-01', '2026-10-02'],
      extraWorkdays: ['2026-09-27'],
    };

    // Act
    const response = await request(app)
      .patch(`/api/v1/trials/${trial.id}`)
      .send({ calendar, status: 'running' });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body as Trial).toMatchObject({ calendar, status: 'running' });
    expect((await request(app).get(`/api/v1/trials/${trial.id}`)).body).toMatchObject({
      calendar,
      status: 'running',
    });
  });

  it('when one knockout gate is switched on, then the gates set before stay as they were', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app, { knockouts: { p0Coverage24x7: true, maxP0ResponseMinutes: 30 } });

    // Act
    const response = await request(app)
      .patch(`/api/v1/trials/${trial.id}`)
      .send({ knockouts: { serviceCredits: true } });

    // Assert
    expect(response.status).toBe(200);
    expect((response.body as Trial).knockouts).toEqual({
      p0Coverage24x7: true,
      serviceCredits: true,
      escalationPath: false,
      maxP0ResponseMinutes: 30,
    });
  });

  it('when the description is set to null, then it is cleared', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app, { description: 'Pick an RTC SDK for the live-streaming app' });

    // Act
    const response = await request(app).patch(`/api/v1/trials/${trial.id}`).send({ description: null });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('description');
    expect((await request(app).get(`/api/v1/trials/${trial.id}`)).body).not.toHaveProperty('description');
  });

  it.each([
    [
      'weights that do not sum to 1',
      { weights: { responsiveness: 0.5, resolution: 0.5, escalation: 0.5, commitment: 0.5 } },
      'weights',
    ],
    ['a bad status', { status: 'done' }, 'status'],
    ['an unknown clock', { targets: { P0: { clock: 'wall' } } }, 'targets.P0.clock'],
    [
      'a calendar that ends before it starts',
      { calendar: { timezone: 'Asia/Shanghai', days: [1], start: '10:00', end: '09:00' } },
      'calendar.end',
    ],
  ])(
    'when a patch has %s, then 400 names the field and the trial is unchanged',
    async (_case, patch, path) => {
      // Arrange
      const { app } = await createTestApp();
      const trial = await postTrial(app);

      // Act
      const response = await request(app).patch(`/api/v1/trials/${trial.id}`).send(patch);

      // Assert
      expect(issuePaths(response)).toContain(path);
      expect((await request(app).get(`/api/v1/trials/${trial.id}`)).body).toEqual(trial);
    },
  );

  it('when the trial is deleted, then 204 and reading it again is 404', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app).delete(`/api/v1/trials/${trial.id}`);

    // Assert
    expect(response.status).toBe(204);
    expect((await request(app).get(`/api/v1/trials/${trial.id}`)).status).toBe(404);
    expect((await request(app).get('/api/v1/trials')).body).toEqual([]);
  });

  it.each([
    ['get', () => ({})],
    ['patch', () => ({ status: 'running' })],
    ['delete', () => ({})],
  ] as const)('when %s names an unknown trial, then 404 not_found', async (method, body) => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)[method]('/api/v1/trials/trial_unknown').send(body());

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });
});

describe('export and import', () => {
  async function trialWithEverything(app: Parameters<typeof postTrial>[0]) {
    const trial = await postTrial(app, { description: '示例评估', knockouts: { p0Coverage24x7: true } });
    const vendor = await postVendor(app, trial.id, {
      name: '声浪云 SonicWave',
      supportHours: { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' },
      sla: { responseTargets: { P0: { minutes: 10, coverage: '24x7' } }, serviceCredits: { offered: true } },
    });
    const scenario = await postScenario(app, trial.id);
    const probe = await postProbe(app, trial.id, vendor.id, { scenarioId: scenario.id, channel: 'im' });
    await postEvent(app, probe.id, '2026-11-20T10:20+08:00', 'ack');
    await postEvent(app, probe.id, '2026-11-20T11:00+08:00', 'diagnosis', {
      note: '蓝牙 SCO 路由绕过了 AEC',
    });
    return trial;
  }

  it('when a trial is exported, deleted and imported, then exporting it again gives the same document', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await trialWithEverything(app);
    const exported = await request(app).get(`/api/v1/trials/${trial.id}/export`);
    await request(app).delete(`/api/v1/trials/${trial.id}`).expect(204);

    // Act
    const imported = await request(app)
      .post('/api/v1/trials/import')
      .send(exported.body as TrialExport);

    // Assert
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual(trial);
    const again = await request(app).get(`/api/v1/trials/${trial.id}/export`);
    expect(again.body).toEqual(exported.body);
    expect(again.body as TrialExport).toMatchObject({
      format: 'sla-probe-trial/1',
      vendors: [{ name: '声浪云 SonicWave' }],
      scenarios: [{ title: 'Echo in 1v1 calls on Bluetooth headsets' }],
      probes: [{ events: [{ kind: 'ack' }, { kind: 'diagnosis', note: '蓝牙 SCO 路由绕过了 AEC' }] }],
    });
  });

  it('when the export is downloaded, then it comes as a JSON attachment named after the trial', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app).get(`/api/v1/trials/${trial.id}/export`);

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.headers['content-disposition']).toContain(`trial-${trial.id}.json`);
  });

  it('when the trial being imported already exists, then 409 and nothing changes', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await trialWithEverything(app);
    const exported = await request(app).get(`/api/v1/trials/${trial.id}/export`);

    // Act
    const response = await request(app)
      .post('/api/v1/trials/import')
      .send(exported.body as TrialExport);

    // Assert
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'conflict' });
    expect((await request(app).get('/api/v1/trials')).body).toEqual([trial]);
  });

  it('when an imported probe refers to a vendor the trial does not have, then 400 names it', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await trialWithEverything(app);
    const exported = (await request(app).get(`/api/v1/trials/${trial.id}/export`)).body as TrialExport;
    await request(app).delete(`/api/v1/trials/${trial.id}`).expect(204);
    const broken = {
      ...exported,
      probes: exported.probes.map((probe) => ({ ...probe, vendorId: 'vendor_elsewhere' })),
    };

    // Act
    const response = await request(app).post('/api/v1/trials/import').send(broken);

    // Assert
    expect(issuePaths(response)).toEqual(['probes.0.vendorId']);
    expect((await request(app).get(`/api/v1/trials/${trial.id}`)).status).toBe(404);
  });

  it('when an export of an unknown trial is asked for, then 404', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).get('/api/v1/trials/trial_unknown/export');

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });
});

describe('POST /api/v1/trials/sample', () => {
  it('when the sample is loaded, then 201 answers a running trial whose scorecard ranks its four vendors', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).post('/api/v1/trials/sample');

    // Assert
    expect(response.status).toBe(201);
    const trial = response.body as Trial;
    expect(trial).toMatchObject({
      name: 'RTC SDK selection (sample)',
      status: 'running',
      timezone: 'Asia/Shanghai',
    });
    const scorecard = await request(app).get(`/api/v1/trials/${trial.id}/scorecard`);
    expect(scorecard.status).toBe(200);
    const card = scorecard.body as Scorecard;
    expect(card.asOf).toBe(FIXED_NOW);
    expect(card.vendors.map((vendor) => vendor.rank)).toEqual([1, 2, 3, 4]);
    expect(card.vendors.map((vendor) => vendor.name).sort()).toEqual(
      ['NimbusRTC', 'QuickPing Media', 'Relaylink Video', '声浪云 SonicWave'].sort(),
    );
  });
});
