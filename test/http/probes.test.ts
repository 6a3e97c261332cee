import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { probeWithMetrics } from '../../src/app/probes.js';
import { MAX_EVENTS_PER_PROBE, type Probe, type ProbeEvent } from '../../src/domain/schemas.js';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
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

type ProbeRead = Awaited<ReturnType<typeof probeWithMetrics>>;

/** A trial in Shanghai with one vendor: where most probe tests start. */
async function trialWithVendor(app: Express) {
  const trial = await postTrial(app);
  const vendor = await postVendor(app, trial.id, { name: 'NimbusRTC' });
  return { trial, vendor };
}

async function readProbe(app: Express, probeId: string): Promise<ProbeRead> {
  const response = await request(app).get(`/api/v1/probes/${probeId}`);
  expect(response.status).toBe(200);
  return response.body as ProbeRead;
}

const kindsOf = (probe: Probe) => probe.events.map((event) => event.kind);

describe('GET/POST /api/v1/trials/:trialId/scenarios', () => {
  it('when a scenario is created, then 201 answers it and the list holds it', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app).post(`/api/v1/trials/${trial.id}/scenarios`).send({
      title: 'Echo in 1v1 calls on Bluetooth headsets',
      description: '蓝牙耳机回声。',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
    });

    // Assert
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String) as string,
      trialId: trial.id,
      title: 'Echo in 1v1 calls on Bluetooth headsets',
      description: '蓝牙耳机回声。',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
    });
    expect((await request(app).get(`/api/v1/trials/${trial.id}/scenarios`)).body).toEqual([response.body]);
  });

  it.each([
    ['the severity is missing', { title: 'T', category: 'network', difficulty: 'known' }, 'severity'],
    [
      'the category is unknown',
      { title: 'T', severity: 'P1', category: 'weather', difficulty: 'known' },
      'category',
    ],
    [
      'the difficulty is unknown',
      { title: 'T', severity: 'P1', category: 'network', difficulty: 'easy' },
      'difficulty',
    ],
  ])('when %s, then 400 names the field', async (_case, body, path) => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app).post(`/api/v1/trials/${trial.id}/scenarios`).send(body);

    // Assert
    expect(issuePaths(response)).toContain(path);
  });

  it('when the trial is unknown, then listing its scenarios is 404', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).get('/api/v1/trials/trial_unknown/scenarios');

    // Assert
    expect(response.status).toBe(404);
  });
});

describe('POST /api/v1/trials/:trialId/probes', () => {
  it('when every required field is given, then 201 answers the stored probe with sentAt in UTC', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);

    // Act
    const response = await request(app).post(`/api/v1/trials/${trial.id}/probes`).send({
      vendorId: vendor.id,
      title: 'Stream push fails for all users in East China',
      severity: 'P0',
      category: 'server-outage',
      difficulty: 'known',
      channel: 'hotline',
      sentAt: '2026-11-20T10:00+08:00',
    });

    // Assert
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String) as string,
      trialId: trial.id,
      vendorId: vendor.id,
      title: 'Stream push fails for all users in East China',
      severity: 'P0',
      category: 'server-outage',
      difficulty: 'known',
      channel: 'hotline',
      sentAt: '2026-11-20T02:00:00.000Z',
      ratings: {},
      evaluations: [],
      events: [],
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
    });
  });

  it('when a scenario is named, then the probe takes its title, description, severity, category and difficulty', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const scenario = await postScenario(app, trial.id, {
      title: 'Silent audio capture on a customised Android ROM',
      description: 'Microphone records silence after the app returns from background.',
      severity: 'P1',
      category: 'compatibility',
      difficulty: 'hard',
    });

    // Act
    const response = await request(app).post(`/api/v1/trials/${trial.id}/probes`).send({
      vendorId: vendor.id,
      scenarioId: scenario.id,
      channel: 'ticket',
      sentAt: '2026-11-20T14:00+08:00',
    });

    // Assert
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      scenarioId: scenario.id,
      title: 'Silent audio capture on a customised Android ROM',
      description: 'Microphone records silence after the app returns from background.',
      severity: 'P1',
      category: 'compatibility',
      difficulty: 'hard',
    });
  });

  it('when events are given out of order at creation, then they are stored in time order with their actors', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);

    // Act
    const probe = await postProbe(app, trial.id, vendor.id, {
      events: [
        { at: '2026-11-20T11:00+08:00', kind: 'info_provided' },
        { at: '2026-11-20T10:20+08:00', kind: 'info_request' },
      ],
    });

    // Assert
    expect(probe.events).toEqual([
      {
        id: expect.any(String) as string,
        at: '2026-11-20T02:20:00.000Z',
        actor: 'vendor',
        kind: 'info_request',
      },
      {
        id: expect.any(String) as string,
        at: '2026-11-20T03:00:00.000Z',
        actor: 'buyer',
        kind: 'info_provided',
      },
    ]);
  });

  it('when no scenario is named and only vendor, channel and sentAt are given, then 400 names the missing fields', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);

    // Act
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/probes`)
      .send({ vendorId: vendor.id, channel: 'ticket', sentAt: '2026-11-20T10:00+08:00' });

    // Assert
    expect(issuePaths(response).sort()).toEqual(['category', 'difficulty', 'severity', 'title']);
  });

  it.each([
    ['the body is empty', {}, ['vendorId', 'channel', 'sentAt']],
    ['sentAt has no offset', { sentAt: '2026-11-20T10:00' }, ['sentAt']],
    ['the channel is unknown', { channel: 'pigeon' }, ['channel']],
    ['the severity is P5', { severity: 'P5' }, ['severity']],
    ['the depth rating is above 4', { ratings: { depth: 5 } }, ['ratings.depth']],
  ])('when %s, then 400 names the fields', async (_case, change, paths) => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const body =
      Object.keys(change).length === 0
        ? {}
        : {
            vendorId: vendor.id,
            title: 'T',
            severity: 'P1',
            category: 'network',
            difficulty: 'known',
            channel: 'ticket',
            sentAt: '2026-11-20T10:00+08:00',
            ...change,
          };

    // Act
    const response = await request(app).post(`/api/v1/trials/${trial.id}/probes`).send(body);

    // Assert
    expect(issuePaths(response)).toEqual(expect.arrayContaining(paths));
  });

  it('when the vendor belongs to another trial, then 400 names vendorId and nothing is stored', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial } = await trialWithVendor(app);
    const other = await postTrial(app, { name: 'Another trial' });
    const stranger = await postVendor(app, other.id, { name: 'Relaylink Video' });

    // Act
    const response = await request(app).post(`/api/v1/trials/${trial.id}/probes`).send({
      vendorId: stranger.id,
      title: 'T',
      severity: 'P1',
      category: 'network',
      difficulty: 'known',
      channel: 'ticket',
      sentAt: '2026-11-20T10:00+08:00',
    });

    // Assert
    expect(issuePaths(response)).toEqual(['vendorId']);
    expect((await request(app).get(`/api/v1/trials/${trial.id}/probes`)).body).toEqual([]);
    expect((await request(app).get(`/api/v1/trials/${other.id}/probes`)).body).toEqual([]);
  });

  it('when the scenario belongs to another trial, then 400 names scenarioId', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const other = await postTrial(app, { name: 'Another trial' });
    const foreign = await postScenario(app, other.id);

    // Act
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/probes`)
      .send({ vendorId: vendor.id, scenarioId: foreign.id, channel: 'im', sentAt: '2026-11-20T10:00+08:00' });

    // Assert
    expect(issuePaths(response)).toEqual(['scenarioId']);
  });

  it('when the trial is unknown, then 404', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).post('/api/v1/trials/trial_unknown/probes').send({});

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });
});

describe('GET /api/v1/trials/:trialId/probes', () => {
  /** As of the fixed now (Tue 2026-11-24 12:00 Shanghai): two open probes and two closed ones. */
  async function probesInEveryState(app: Express) {
    const { trial, vendor } = await trialWithVendor(app);
    const other = await postVendor(app, trial.id, { name: 'QuickPing Media' });
    const fixed = await postProbe(app, trial.id, vendor.id, { title: 'Fixed' });
    await postEvent(app, fixed.id, '2026-11-20T13:00+08:00', 'fix');
    await postEvent(app, fixed.id, '2026-11-20T14:00+08:00', 'confirmed_fixed');
    const waiting = await postProbe(app, trial.id, vendor.id, { title: 'Waiting' });
    await postEvent(app, waiting.id, '2026-11-20T10:30+08:00', 'ack');
    const reopened = await postProbe(app, trial.id, other.id, { title: 'Reopened' });
    await postEvent(app, reopened.id, '2026-11-20T14:00+08:00', 'confirmed_workaround');
    await postEvent(app, reopened.id, '2026-11-23T09:00+08:00', 'reopened');
    const abandoned = await postProbe(app, trial.id, other.id, { title: 'Abandoned' });
    await postEvent(app, abandoned.id, '2026-11-21T18:00+08:00', 'closed_unresolved');
    return { trial, vendor, other };
  }

  const titles = (response: request.Response) => (response.body as Probe[]).map((probe) => probe.title);

  it('when no filter is given, then every probe of the trial is listed', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial } = await probesInEveryState(app);

    // Act
    const response = await request(app).get(`/api/v1/trials/${trial.id}/probes`);

    // Assert
    expect(response.status).toBe(200);
    expect(titles(response)).toEqual(['Fixed', 'Waiting', 'Reopened', 'Abandoned']);
  });

  it('when filtered by vendor, then only that vendor’s probes are listed', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, other } = await probesInEveryState(app);

    // Act
    const response = await request(app).get(`/api/v1/trials/${trial.id}/probes?vendorId=${other.id}`);

    // Assert
    expect(titles(response)).toEqual(['Reopened', 'Abandoned']);
  });

  it.each([
    ['open', ['Waiting', 'Reopened']],
    ['closed', ['Fixed', 'Abandoned']],
  ])('when filtered by status %s, then only those probes are listed', async (status, expected) => {
    // Arrange
    const { app } = await createTestApp();
    const { trial } = await probesInEveryState(app);

    // Act
    const response = await request(app).get(`/api/v1/trials/${trial.id}/probes?status=${status}`);

    // Assert
    expect(titles(response)).toEqual(expected);
  });

  it('when filtered by vendor and status together, then both apply', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await probesInEveryState(app);

    // Act
    const response = await request(app).get(
      `/api/v1/trials/${trial.id}/probes?vendorId=${vendor.id}&status=open`,
    );

    // Assert
    expect(titles(response)).toEqual(['Waiting']);
  });

  it('when the status filter is not a known status, then 400 names it', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial } = await trialWithVendor(app);

    // Act
    const response = await request(app).get(`/api/v1/trials/${trial.id}/probes?status=lost`);

    // Assert
    expect(issuePaths(response)).toEqual(['status']);
  });
});

describe('GET /api/v1/probes/:probeId', () => {
  it('when a P0 probe has its timeline, then the read shows the derived metrics on the calendar clock', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id, {
      severity: 'P0',
      sentAt: '2026-11-20T10:00+08:00',
    });
    await postEvent(app, probe.id, '2026-11-20T10:01+08:00', 'auto_ack');
    await postEvent(app, probe.id, '2026-11-20T10:25+08:00', 'ack');
    await postEvent(app, probe.id, '2026-11-20T10:40+08:00', 'handoff', { handler: 'L2' });
    await postEvent(app, probe.id, '2026-11-20T10:50+08:00', 'handoff', { handler: 'RnD' });
    await postEvent(app, probe.id, '2026-11-20T11:00+08:00', 'diagnosis');
    await postEvent(app, probe.id, '2026-11-20T13:30+08:00', 'fix');
    await postEvent(app, probe.id, '2026-11-20T14:00+08:00', 'confirmed_fixed');

    // Act
    const read = await readProbe(app, probe.id);

    // Assert
    expect(read.id).toBe(probe.id);
    expect(read.events).toHaveLength(7);
    expect(read.metrics).toMatchObject({
      firstResponseAt: '2026-11-20T02:25:00.000Z',
      firstResponseMinutes: 25,
      depth: 4,
      outcome: 'fixed',
      resolvedAt: '2026-11-20T06:00:00.000Z',
      resolutionMinutes: 240,
      handoffs: 2,
      clock: 'calendar',
      asOf: FIXED_NOW,
    });
  });

  it('when a P2 probe waits over a weekend, then its minutes are business minutes', async () => {
    // Arrange: sent Friday 17:00, answered Monday 10:30, read Tuesday 12:00 (Mon–Fri 09–18).
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id, {
      severity: 'P2',
      sentAt: '2026-11-20T17:00+08:00',
    });
    await postEvent(app, probe.id, '2026-11-23T10:30+08:00', 'troubleshooting');

    // Act
    const read = await readProbe(app, probe.id);

    // Assert
    expect(read.metrics).toMatchObject({
      clock: 'business',
      firstResponseMinutes: 150,
      elapsedMinutes: 780,
      depth: 1,
      outcome: 'open',
      resolvedAt: null,
      handoffs: 0,
    });
  });

  it('when the buyer rated the depth, then the rating wins over the events', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id, { ratings: { depth: 2 } });
    await postEvent(app, probe.id, '2026-11-20T13:30+08:00', 'fix');

    // Act
    const read = await readProbe(app, probe.id);

    // Assert
    expect(read.metrics.depth).toBe(2);
  });

  it('when the probe is unknown, then 404', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).get('/api/v1/probes/probe_unknown');

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });
});

describe('PATCH/DELETE /api/v1/probes/:probeId', () => {
  it('when a patch sets the vendor’s severity and ratings and clears the vendor ref, then the read shows it', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id, { vendorRef: 'NB-20431', severity: 'P1' });

    // Act
    const response = await request(app)
      .patch(`/api/v1/probes/${probe.id}`)
      .send({
        acceptedSeverity: 'P2',
        vendorRef: null,
        ratings: { depth: 3, communication: 4 },
        title: 'Renamed',
      });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('vendorRef');
    const read = await readProbe(app, probe.id);
    expect(read).toMatchObject({
      title: 'Renamed',
      severity: 'P1',
      acceptedSeverity: 'P2',
      ratings: { depth: 3, communication: 4 },
    });
    expect(read).not.toHaveProperty('vendorRef');
    expect(read.metrics.depth).toBe(3);
  });

  it('when sentAt is moved after a recorded event, then 400 names the event and the probe is unchanged', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id, { sentAt: '2026-11-20T10:00+08:00' });
    await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'ack');

    // Act
    const response = await request(app)
      .patch(`/api/v1/probes/${probe.id}`)
      .send({ sentAt: '2026-11-20T11:00+08:00' });

    // Assert
    expect(issuePaths(response)).toEqual(['events.0.at']);
    expect((await readProbe(app, probe.id)).sentAt).toBe('2026-11-20T02:00:00.000Z');
  });

  it('when the probe is moved to a vendor of another trial, then 400 names vendorId', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const other = await postTrial(app, { name: 'Another trial' });
    const stranger = await postVendor(app, other.id, { name: 'Relaylink Video' });
    const probe = await postProbe(app, trial.id, vendor.id);

    // Act
    const response = await request(app).patch(`/api/v1/probes/${probe.id}`).send({ vendorId: stranger.id });

    // Assert
    expect(issuePaths(response)).toEqual(['vendorId']);
    expect((await readProbe(app, probe.id)).vendorId).toBe(vendor.id);
  });

  it('when a probe is deleted, then 204, reading it is 404 and the list no longer has it', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id);

    // Act
    const response = await request(app).delete(`/api/v1/probes/${probe.id}`);

    // Assert
    expect(response.status).toBe(204);
    expect((await request(app).get(`/api/v1/probes/${probe.id}`)).status).toBe(404);
    expect((await request(app).get(`/api/v1/trials/${trial.id}/probes`)).body).toEqual([]);
  });

  it.each([
    ['patch', { title: 'Renamed' }],
    ['delete', {}],
  ] as const)('when %s names an unknown probe, then 404', async (method, body) => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)[method]('/api/v1/probes/probe_unknown').send(body);

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });
});

describe('POST/DELETE /api/v1/probes/:probeId/events', () => {
  it('when an event is logged without an actor, then 201 answers it with the actor its kind implies', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id);

    // Act
    const vendorEvent = await request(app)
      .post(`/api/v1/probes/${probe.id}/events`)
      .send({ at: '2026-11-20T10:30+08:00', kind: 'escalation', handler: 'RnD', note: '研发介入' });
    const buyerEvent = await request(app)
      .post(`/api/v1/probes/${probe.id}/events`)
      .send({ at: '2026-11-20T10:20+08:00', kind: 'escalation_request' });

    // Assert
    expect(vendorEvent.status).toBe(201);
    expect(vendorEvent.body).toEqual({
      id: expect.any(String) as string,
      at: '2026-11-20T02:30:00.000Z',
      actor: 'vendor',
      kind: 'escalation',
      handler: 'RnD',
      note: '研发介入',
    });
    expect(buyerEvent.status).toBe(201);
    expect(buyerEvent.body).toMatchObject({ actor: 'buyer', kind: 'escalation_request' });
    expect((await readProbe(app, probe.id)).events).toEqual([buyerEvent.body, vendorEvent.body]);
  });

  it('when events are logged out of order, then the timeline stays sorted by time', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id);

    // Act
    await postEvent(app, probe.id, '2026-11-20T13:00+08:00', 'fix');
    await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'ack');
    await postEvent(app, probe.id, '2026-11-20T14:00+08:00', 'confirmed_fixed');
    await postEvent(app, probe.id, '2026-11-20T11:00+08:00', 'diagnosis');

    // Assert
    expect(kindsOf(await readProbe(app, probe.id))).toEqual(['ack', 'diagnosis', 'fix', 'confirmed_fixed']);
  });

  it('when events share an instant, then they keep the order in which they were recorded', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id);

    // Act
    await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'ack');
    await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'info_request');
    await postEvent(app, probe.id, '2026-11-20T02:30Z', 'info_provided');
    await postEvent(app, probe.id, '2026-11-20T10:10+08:00', 'auto_ack');

    // Assert
    expect(kindsOf(await readProbe(app, probe.id))).toEqual([
      'auto_ack',
      'ack',
      'info_request',
      'info_provided',
    ]);
  });

  it.each([
    ['it is before the probe was sent', { at: '2026-11-20T09:59+08:00', kind: 'ack' }, 'at'],
    ['its time has no offset', { at: '2026-11-20T10:30', kind: 'ack' }, 'at'],
    ['the actor contradicts the kind', { at: '2026-11-20T10:30+08:00', kind: 'fix', actor: 'buyer' }, 'kind'],
    ['the kind is unknown', { at: '2026-11-20T10:30+08:00', kind: 'apology' }, 'kind'],
    [
      'the handler is unknown',
      { at: '2026-11-20T10:30+08:00', kind: 'escalation', handler: 'L3' },
      'handler',
    ],
  ])(
    'when an event is invalid because %s, then 400 names the field and nothing is logged',
    async (_case, body, path) => {
      // Arrange
      const { app } = await createTestApp();
      const { trial, vendor } = await trialWithVendor(app);
      const probe = await postProbe(app, trial.id, vendor.id, { sentAt: '2026-11-20T10:00+08:00' });

      // Act
      const response = await request(app).post(`/api/v1/probes/${probe.id}/events`).send(body);

      // Assert
      expect(issuePaths(response)).toEqual([path]);
      expect((await readProbe(app, probe.id)).events).toEqual([]);
    },
  );

  it('when an event is deleted, then 204 and the metrics no longer count it', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id, { severity: 'P1' });
    const ack = await postEvent(app, probe.id, '2026-11-20T10:05+08:00', 'ack');
    await postEvent(app, probe.id, '2026-11-20T10:45+08:00', 'diagnosis');

    // Act
    const response = await request(app).delete(`/api/v1/probes/${probe.id}/events/${ack.id}`);

    // Assert
    expect(response.status).toBe(204);
    const read = await readProbe(app, probe.id);
    expect(read.events.map((event: ProbeEvent) => event.kind)).toEqual(['diagnosis']);
    expect(read.metrics.firstResponseMinutes).toBe(45);
  });

  it('when the event to delete is unknown, then 404 and the timeline is kept', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await trialWithVendor(app);
    const probe = await postProbe(app, trial.id, vendor.id);
    await postEvent(app, probe.id, '2026-11-20T10:05+08:00', 'ack');

    // Act
    const response = await request(app).delete(`/api/v1/probes/${probe.id}/events/event_unknown`);

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
    expect(kindsOf(await readProbe(app, probe.id))).toEqual(['ack']);
  });

  it('when the probe is unknown, then logging or deleting an event is 404', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const logged = await request(app)
      .post('/api/v1/probes/probe_unknown/events')
      .send({ at: '2026-11-20T10:30+08:00', kind: 'ack' });
    const deleted = await request(app).delete('/api/v1/probes/probe_unknown/events/event_unknown');

    // Assert
    expect(logged.status).toBe(404);
    expect(deleted.status).toBe(404);
  });
});

describe('the bound on a probe’s timeline', () => {
  it('when a probe already holds the most events allowed, then one more is refused with 409 and the database still opens', async () => {
    const { app, deps, dataDir } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);
    const probe = await postProbe(app, trial.id, vendor.id);
    const events = Array.from({ length: MAX_EVENTS_PER_PROBE }, (_, index) => ({
      id: `event_${index}`,
      at: new Date(Date.parse('2026-11-20T03:00:00Z') + index * 60_000).toISOString(),
      actor: 'buyer' as const,
      kind: 'note' as const,
    }));
    await deps.repository.updateProbe(probe.id, (current) => ({ ...current, events }));

    const refused = await request(app)
      .post(`/api/v1/probes/${probe.id}/events`)
      .send({ at: '2026-11-24T10:00+08:00', kind: 'ack' });

    expect(refused.status).toBe(409);
    expect((await request(app).get(`/api/v1/probes/${probe.id}`)).body).toMatchObject({
      events: { length: MAX_EVENTS_PER_PROBE },
    });
    const onDisk = await inspectDataFolder(dataDir);
    expect(onDisk?.database.probes[0]?.events.length).toBe(MAX_EVENTS_PER_PROBE);
  });
});
