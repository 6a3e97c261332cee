import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/domain/schemas.js';
import { createTestApp, FIXED_NOW, issuePaths, postProbe, postTrial, postVendor } from './helpers.js';

/** A full SLA as a vendor's document would state it. */
function nimbusSla() {
  return {
    source: { document: 'Nimbus Enterprise Support SLA', version: '2026.2' },
    severityDefinitions: true,
    responseTargets: {
      P0: { minutes: 15, coverage: '24x7' },
      P1: { minutes: 30, coverage: '24x7' },
      P2: { minutes: 120, coverage: 'business' },
    },
    resolutionTargets: { P0: { minutes: 240 } },
    updateCadence: { P0: { minutes: 30 } },
    escalationPath: [
      { level: 'L2 media engineer', contact: 'l2-oncall@nimbus.example', afterMinutes: 30 },
      { level: 'Engine team lead', contact: 'engine-lead@nimbus.example', afterMinutes: 120 },
    ],
    serviceCredits: { offered: true, terms: '10% of the monthly fee per breached P0 response' },
    channels: { hotline24x7: true, ticketPortal: true, imGroup: true, email: false, dedicatedCsm: true },
    proactiveReports: true,
    rcaCommitment: true,
    quotes: [{ ref: '§3.1', text: 'P0: first response within 15 minutes, 24x7.' }],
  };
}

const SHANGHAI_SUPPORT_HOURS = {
  timezone: 'Asia/Shanghai',
  days: [1, 2, 3, 4, 5, 6],
  start: '08:30',
  end: '20:00',
  holidays: ['2026-10-01'],
  extraWorkdays: ['2026-09-27'],
};

describe('GET/POST /api/v1/trials/:trialId/vendors', () => {
  it('when only a name is given, then 201 answers the stored vendor with an empty SLA', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/vendors`)
      .send({ name: 'NimbusRTC' });

    // Assert
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String) as string,
      trialId: trial.id,
      name: 'NimbusRTC',
      sla: {},
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
    });
    const vendor = response.body as Vendor;
    expect((await request(app).get(`/api/v1/vendors/${vendor.id}`)).body).toEqual(vendor);
  });

  it('when SLA clauses and support hours are given, then they read back as sent', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const sla = nimbusSla();

    // Act
    const created = await postVendor(app, trial.id, {
      product: 'Nimbus Voice & Video SDK 5',
      supportPlan: { name: 'Enterprise', annualCost: 120000, currency: 'CNY' },
      contact: 'Dana Wu, customer success',
      notes: '专属技术群，工程师直接答复。',
      supportHours: SHANGHAI_SUPPORT_HOURS,
      sla,
    });

    // Assert
    const read = (await request(app).get(`/api/v1/vendors/${created.id}`)).body as Vendor;
    expect(read).toEqual(created);
    expect(read.sla).toEqual(sla);
    expect(read.supportHours).toEqual(SHANGHAI_SUPPORT_HOURS);
    expect(read).toMatchObject({
      supportPlan: { name: 'Enterprise', annualCost: 120000, currency: 'CNY' },
      notes: '专属技术群，工程师直接答复。',
    });
  });

  it('when the SLA document was received at a local time, then it is stored in UTC', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const vendor = await postVendor(app, trial.id, {
      sla: { source: { document: 'Support Policy', receivedAt: '2026-10-08T09:30+08:00' } },
    });

    // Assert
    expect(vendor.sla.source?.receivedAt).toBe('2026-10-08T01:30:00.000Z');
  });

  it('when a trial has vendors, then the list holds them and not those of other trials', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const other = await postTrial(app, { name: 'Another trial' });
    const nimbus = await postVendor(app, trial.id, { name: 'NimbusRTC' });
    const quickPing = await postVendor(app, trial.id, { name: 'QuickPing Media' });
    await postVendor(app, other.id, { name: 'Relaylink Video' });

    // Act
    const response = await request(app).get(`/api/v1/trials/${trial.id}/vendors`);

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual([nimbus, quickPing]);
  });

  it.each([
    ['the same name', 'NimbusRTC'],
    ['the same name in other case and with spaces', '  nimbusrtc '],
  ])('when a second vendor has %s in the same trial, then 409', async (_case, name) => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    await postVendor(app, trial.id, { name: 'NimbusRTC' });

    // Act
    const response = await request(app).post(`/api/v1/trials/${trial.id}/vendors`).send({ name });

    // Assert
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'conflict' });
    expect((await request(app).get(`/api/v1/trials/${trial.id}/vendors`)).body).toHaveLength(1);
  });

  it('when the same name is used in another trial, then it is allowed', async () => {
    // Arrange
    const { app } = await createTestApp();
    const first = await postTrial(app);
    const second = await postTrial(app, { name: 'Another trial' });
    await postVendor(app, first.id, { name: 'NimbusRTC' });

    // Act
    const response = await request(app)
      .post(`/api/v1/trials/${second.id}/vendors`)
      .send({ name: 'NimbusRTC' });

    // Assert
    expect(response.status).toBe(201);
  });

  it.each([
    ['the name is missing', { product: 'SDK' }, 'name'],
    [
      'a response promise has an unknown coverage',
      { name: 'V', sla: { responseTargets: { P0: { minutes: 15, coverage: 'always' } } } },
      'sla.responseTargets.P0.coverage',
    ],
    [
      'a response promise has no minutes',
      { name: 'V', sla: { responseTargets: { P1: { coverage: '24x7' } } } },
      'sla.responseTargets.P1.minutes',
    ],
    [
      'an escalation level has no name',
      { name: 'V', sla: { escalationPath: [{ afterMinutes: 30 }] } },
      'sla.escalationPath.0.level',
    ],
    [
      'the support hours end before they start',
      { name: 'V', supportHours: { ...SHANGHAI_SUPPORT_HOURS, start: '20:00', end: '08:30' } },
      'supportHours.end',
    ],
    [
      'the support hours are in an unknown time zone',
      { name: 'V', supportHours: { ...SHANGHAI_SUPPORT_HOURS, timezone: 'Mars/Olympus' } },
      'supportHours.timezone',
    ],
    [
      'the annual cost is negative',
      { name: 'V', supportPlan: { name: 'Pro', annualCost: -1 } },
      'supportPlan.annualCost',
    ],
  ])('when %s, then 400 names the field', async (_case, body, path) => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app).post(`/api/v1/trials/${trial.id}/vendors`).send(body);

    // Assert
    expect(issuePaths(response)).toContain(path);
  });

  it.each(['get', 'post'] as const)('when %s names an unknown trial, then 404', async (method) => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)[method]('/api/v1/trials/trial_unknown/vendors').send({ name: 'V' });

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });
});

describe('GET/PATCH/DELETE /api/v1/vendors/:vendorId', () => {
  it('when a patch sets some fields and nulls others, then the nulled ones are cleared and the rest kept', async () => {
    // Arrange
    let now = FIXED_NOW;
    const { app } = await createTestApp({ now: () => new Date(now) });
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, {
      product: 'Nimbus SDK 5',
      contact: 'Dana Wu',
      notes: 'Fast on chat',
      supportHours: SHANGHAI_SUPPORT_HOURS,
      sla: nimbusSla(),
    });
    now = '2026-11-25T01:00:00.000Z';

    // Act
    const response = await request(app)
      .patch(`/api/v1/vendors/${vendor.id}`)
      .send({ product: 'Nimbus SDK 6', notes: null, supportHours: null });

    // Assert
    expect(response.status).toBe(200);
    const { notes: _notes, supportHours: _hours, ...kept } = vendor;
    expect(response.body).toEqual({
      ...kept,
      product: 'Nimbus SDK 6',
      updatedAt: '2026-11-25T01:00:00.000Z',
    });
    expect((await request(app).get(`/api/v1/vendors/${vendor.id}`)).body).toEqual(response.body);
  });

  it('when the SLA is patched, then the whole clause set is replaced', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, { sla: nimbusSla() });
    const sla = { severityDefinitions: true, responseTargets: { P0: { minutes: 10, coverage: '24x7' } } };

    // Act
    const response = await request(app).patch(`/api/v1/vendors/${vendor.id}`).send({ sla });

    // Assert
    expect(response.status).toBe(200);
    expect((response.body as Vendor).sla).toEqual(sla);
  });

  it('when a vendor is renamed to the name of another vendor in the trial, then 409 and the name stays', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    await postVendor(app, trial.id, { name: 'NimbusRTC' });
    const quickPing = await postVendor(app, trial.id, { name: 'QuickPing Media' });

    // Act
    const response = await request(app).patch(`/api/v1/vendors/${quickPing.id}`).send({ name: 'NimbusRTC' });

    // Assert
    expect(response.status).toBe(409);
    expect((await request(app).get(`/api/v1/vendors/${quickPing.id}`)).body).toMatchObject({
      name: 'QuickPing Media',
    });
  });

  it('when a vendor keeps its own name in a patch, then that is no conflict', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, { name: 'NimbusRTC' });

    // Act
    const response = await request(app)
      .patch(`/api/v1/vendors/${vendor.id}`)
      .send({ name: 'NimbusRTC', contact: 'Dana Wu' });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'NimbusRTC', contact: 'Dana Wu' });
  });

  it('when a patch has an invalid clause, then 400 names the field and the vendor is unchanged', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, { sla: nimbusSla() });

    // Act
    const response = await request(app)
      .patch(`/api/v1/vendors/${vendor.id}`)
      .send({ sla: { serviceCredits: { offered: 'yes' } } });

    // Assert
    expect(issuePaths(response)).toContain('sla.serviceCredits.offered');
    expect((await request(app).get(`/api/v1/vendors/${vendor.id}`)).body).toEqual(vendor);
  });

  it('when a patch tries to move the vendor to another trial, then 400 and it stays', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const other = await postTrial(app, { name: 'Another trial' });
    const vendor = await postVendor(app, trial.id);

    // Act
    const response = await request(app).patch(`/api/v1/vendors/${vendor.id}`).send({ trialId: other.id });

    // Assert
    expect(response.status).toBe(400);
    expect((await request(app).get(`/api/v1/trials/${other.id}/vendors`)).body).toEqual([]);
  });

  it('when a vendor is deleted, then 204 and its probes are gone too', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, { name: 'Relaylink Video' });
    const other = await postVendor(app, trial.id, { name: 'NimbusRTC' });
    const probe = await postProbe(app, trial.id, vendor.id);
    const otherProbe = await postProbe(app, trial.id, other.id);

    // Act
    const response = await request(app).delete(`/api/v1/vendors/${vendor.id}`);

    // Assert
    expect(response.status).toBe(204);
    expect((await request(app).get(`/api/v1/vendors/${vendor.id}`)).status).toBe(404);
    expect((await request(app).get(`/api/v1/probes/${probe.id}`)).status).toBe(404);
    expect((await request(app).get(`/api/v1/probes/${otherProbe.id}`)).status).toBe(200);
    const probes = (await request(app).get(`/api/v1/trials/${trial.id}/probes`)).body as { id: string }[];
    expect(probes.map((listed) => listed.id)).toEqual([otherProbe.id]);
  });

  it.each([
    ['get', {}],
    ['patch', { notes: 'x' }],
    ['delete', {}],
  ] as const)('when %s names an unknown vendor, then 404', async (method, body) => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)[method]('/api/v1/vendors/vendor_unknown').send(body);

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });
});
