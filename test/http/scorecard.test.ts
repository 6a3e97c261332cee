import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Trial, TrialExport } from '../../src/domain/schemas.js';
import type { Scorecard, VendorScorecard } from '../../src/domain/scoring/scorecard.js';
import { thinEvidenceTrial } from '../fixtures/thinEvidence.js';
import { createTestApp, issuePaths, postEvent, postProbe, postTrial, postVendor } from './helpers.js';

/** Vendor A's SLA in SPEC §5.1. */
const VENDOR_A_SLA = {
  severityDefinitions: true,
  responseTargets: {
    P0: { minutes: 30, coverage: '24x7' },
    P1: { minutes: 60, coverage: 'business' },
    P2: { minutes: 240, coverage: 'business' },
  },
  escalationPath: [
    { level: 'L2', contact: 'l2@vendor-a.example', afterMinutes: 60 },
    { level: 'R&D', contact: 'rnd@vendor-a.example', afterMinutes: 240 },
  ],
  serviceCredits: { offered: true },
  channels: { hotline24x7: true, ticketPortal: true, email: true },
  rcaCommitment: true,
};

type EventRow = [at: string, kind: string];

/** The SPEC §5.1 worked example, built through the API only (times +08:00). */
async function workedExample(app: Express) {
  const trial = await postTrial(app, { name: 'Worked example', timezone: 'Asia/Shanghai' });
  const vendor = await postVendor(app, trial.id, { name: 'Vendor A', sla: VENDOR_A_SLA });
  const probe = async (
    title: string,
    severity: string,
    difficulty: string,
    sentAt: string,
    timeline: EventRow[],
  ) => {
    const created = await postProbe(app, trial.id, vendor.id, {
      title,
      severity,
      difficulty,
      category: 'av-quality',
      sentAt,
    });
    for (const [at, kind] of timeline) await postEvent(app, created.id, at, kind);
    return created;
  };
  const p1 = await probe('p1', 'P0', 'known', '2026-11-20T10:00+08:00', [
    ['2026-11-20T10:01+08:00', 'auto_ack'],
    ['2026-11-20T10:25+08:00', 'ack'],
    ['2026-11-20T11:00+08:00', 'diagnosis'],
    ['2026-11-20T13:30+08:00', 'fix'],
    ['2026-11-20T14:00+08:00', 'confirmed_fixed'],
  ]);
  const p2 = await probe('p2', 'P1', 'hard', '2026-11-20T16:00+08:00', [
    ['2026-11-20T17:30+08:00', 'ack'],
    ['2026-11-20T18:00+08:00', 'handoff'],
    ['2026-11-21T10:00+08:00', 'handoff'],
    ['2026-11-21T11:00+08:00', 'escalation_request'],
    ['2026-11-21T14:00+08:00', 'escalation'],
    ['2026-11-23T11:00+08:00', 'root_cause'],
    ['2026-11-23T12:00+08:00', 'confirmed_workaround'],
  ]);
  const p3 = await probe('p3', 'P2', 'known', '2026-11-20T17:00+08:00', [
    ['2026-11-23T10:30+08:00', 'troubleshooting'],
  ]);
  const p4 = await probe('p4', 'P3', 'known', '2026-11-23T09:00+08:00', []);
  return { trial, vendor, probeIds: { p1: p1.id, p2: p2.id, p3: p3.id, p4: p4.id } };
}

async function getScorecard(app: Express, trialId: string, query = ''): Promise<Scorecard> {
  const response = await request(app).get(`/api/v1/trials/${trialId}/scorecard${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as Scorecard;
}

function onlyVendor(card: Scorecard): VendorScorecard {
  expect(card.vendors).toHaveLength(1);
  const [vendor] = card.vendors;
  if (!vendor) throw new Error('no vendor in the scorecard');
  return vendor;
}

describe('GET /api/v1/trials/:trialId/scorecard — SPEC §5.1 worked example', () => {
  const AS_OF = '?asOf=2026-11-24T12:00%2B08:00';

  it('when scored as of Tuesday noon, then the dimensions and overall are the SPEC figures to 2 decimals', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await workedExample(app);

    // Act
    const card = await getScorecard(app, trial.id, AS_OF);

    // Assert
    // A new trial is scored by sla-score/2; without waits it gives the §5.1 figures.
    expect(card).toMatchObject({
      trialId: trial.id,
      model: 'sla-score/2',
      asOf: '2026-11-24T04:00:00.000Z',
      weights: { responsiveness: 0.25, resolution: 0.35, escalation: 0.2, commitment: 0.2 },
    });
    const scored = onlyVendor(card);
    expect(scored).toMatchObject({ vendorId: vendor.id, name: 'Vendor A', rank: 1, overall: 73.98 });
    expect(scored.dimensions.responsiveness).toMatchObject({ score: 81.48, counted: 3, pending: 1 });
    expect(scored.dimensions.resolution).toMatchObject({ score: 77.63, counted: 2, pending: 2 });
    expect(scored.dimensions.escalation).toMatchObject({
      score: 65,
      documented: 100,
      exercised: true,
      exercisedScore: 50,
    });
    expect(scored.dimensions.commitment).toMatchObject({
      score: 67.17,
      strength: 67.5,
      kept: 2,
      broken: 1,
    });
  });

  it('when scored, then each probe carries its points and an explanation for every dimension', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, probeIds } = await workedExample(app);

    // Act
    const card = await getScorecard(app, trial.id, AS_OF);

    // Assert
    const probes = onlyVendor(card).probes;
    const byId = new Map(probes.map((probe) => [probe.probeId, probe]));
    expect(byId.get(probeIds.p1)?.points).toEqual({
      responsiveness: 73.33,
      resolution: 100,
      escalation: null,
      commitment: 100,
    });
    expect(byId.get(probeIds.p2)?.points).toEqual({
      responsiveness: 80,
      resolution: 47.81,
      escalation: 50,
      commitment: 0,
    });
    expect(byId.get(probeIds.p3)?.points).toEqual({
      responsiveness: 100,
      resolution: null,
      escalation: null,
      commitment: 100,
    });
    expect(byId.get(probeIds.p4)?.points).toEqual({
      responsiveness: null,
      resolution: null,
      escalation: null,
      commitment: null,
    });
    for (const probe of probes) {
      for (const text of Object.values(probe.explanation)) expect(text.length).toBeGreaterThan(0);
    }
    expect(byId.get(probeIds.p2)?.explanation.escalation).toMatch(/2 hand-offs/);
    expect(byId.get(probeIds.p1)?.explanation.responsiveness).toMatch(/25 min, 1\.67× the 15 min target/);
    // p4 has waited Monday 09–18 and Tuesday 09–12: 720 business minutes.
    expect(byId.get(probeIds.p4)?.explanation.responsiveness).toMatch(/No reply yet after 12 h/);
    // The words are said once, in explanation; the findings beside it keep what a program reads.
    for (const probe of probes) {
      for (const finding of Object.values(probe.findings)) expect(finding).not.toHaveProperty('text');
    }
    expect(byId.get(probeIds.p2)?.findings.escalation).toMatchObject({
      status: 'counted',
      points: 50,
      facts: { handoffs: 2 },
    });
  });

  it('when scored as of Monday 08:59, then p4 (sent at 09:00) is left out and p3 is still pending', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, probeIds } = await workedExample(app);

    // Act
    const card = await getScorecard(app, trial.id, '?asOf=2026-11-23T08:59%2B08:00');

    // Assert
    const scored = onlyVendor(card);
    expect(card.asOf).toBe('2026-11-23T00:59:00.000Z');
    expect(scored.probes.map((probe) => probe.probeId).sort()).toEqual(
      [probeIds.p1, probeIds.p2, probeIds.p3].sort(),
    );
    // p1 73.33 (weight 4) and p2 80 (weight 3); p3 has had 60 business minutes of its 240.
    expect(scored.dimensions.responsiveness).toMatchObject({ score: 76.19, counted: 2, pending: 1 });
  });

  it('when no asOf is given, then the scorecard is as of now', async () => {
    // Arrange
    const { app } = await createTestApp({ now: () => new Date('2026-11-24T04:00:00Z') });
    const { trial } = await workedExample(app);

    // Act
    const card = await getScorecard(app, trial.id);

    // Assert
    expect(card.asOf).toBe('2026-11-24T04:00:00.000Z');
    expect(onlyVendor(card).overall).toBe(73.98);
  });

  it('when the offset of asOf arrives unencoded (a "+" read as a space), then it is read as meant', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, probeIds } = await workedExample(app);

    // Act: a literal space is what Express hands over for an unencoded "+".
    const card = await getScorecard(app, trial.id, '?asOf=2026-11-24T12:00%2008:00');

    // Assert
    expect(card.asOf).toBe('2026-11-24T04:00:00.000Z');
    expect(card.vendors[0]?.probes.map((probe) => probe.probeId)).toContain(probeIds.p4);
  });

  it.each([
    ['not a date', '?asOf=yesterday'],
    ['a date without a time', '?asOf=2026-11-24'],
    ['a time without an offset', '?asOf=2026-11-24T12:00'],
    ['an impossible date', '?asOf=2026-02-30T12:00Z'],
    ['centuries away', '?asOf=9999-12-31T23:59Z'],
  ])('when asOf is %s, then 400 names asOf', async (_case, query) => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app).get(`/api/v1/trials/${trial.id}/scorecard${query}`);

    // Assert
    expect(issuePaths(response)).toEqual(['asOf']);
  });

  it('when the trial is unknown, then 404', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).get('/api/v1/trials/trial_unknown/scorecard');

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });

  it('when the trial has no vendors yet, then the scorecard is empty rather than an error', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const card = await getScorecard(app, trial.id);

    // Assert
    expect(card.vendors).toEqual([]);
  });
});

describe('GET /api/v1/trials/:trialId/scorecard — the sample trial', () => {
  async function sampleTrial(app: Express): Promise<Trial> {
    const response = await request(app).post('/api/v1/trials/sample');
    expect(response.status).toBe(201);
    return response.body as Trial;
  }

  it('when the sample is scored, then NimbusRTC ranks first', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await sampleTrial(app);

    // Act
    const card = await getScorecard(app, trial.id);

    // Assert
    expect(card.vendors[0]).toMatchObject({ name: 'NimbusRTC', rank: 1, disqualified: false });
  });

  it('when the sample is scored, then Relaylink (P0 support in business hours only) is disqualified by the 24x7 gate', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await sampleTrial(app);

    // Act
    const card = await getScorecard(app, trial.id);

    // Assert
    const gates = Object.fromEntries(card.vendors.map((vendor) => [vendor.name, vendor.failedGates]));
    expect(gates).toEqual({
      NimbusRTC: [],
      'QuickPing Media': [],
      'Relaylink Video': ['p0Coverage24x7'],
      '声浪云 SonicWave': [],
    });
    expect(card.vendors.find((vendor) => vendor.name === 'Relaylink Video')?.disqualified).toBe(true);
  });

  it('when the same scorecard is asked for twice, then the intervals and win shares are identical', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await sampleTrial(app);
    const robustness = (card: Scorecard) => ({
      vendors: card.vendors.map(({ vendorId, interval, winShare }) => ({ vendorId, interval, winShare })),
      leaderFlip: card.leaderFlip,
    });

    // Act
    const first = await getScorecard(app, trial.id);
    const second = await getScorecard(app, trial.id);

    // Assert
    expect(robustness(second)).toEqual(robustness(first));
    const shares = first.vendors.map((vendor) => vendor.winShare ?? 0);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 3);
    for (const vendor of first.vendors) {
      expect(vendor.interval?.low).toBeLessThanOrEqual(vendor.interval?.high ?? Number.NaN);
    }
  });
});

describe('GET /api/v1/trials/:trialId/scorecard — certainty and verdict (SPEC §5, §8)', () => {
  async function importTrial(app: Express, data: TrialExport): Promise<void> {
    const response = await request(app).post('/api/v1/trials/import').send(data);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  }

  it('when the sample is scored, then each vendor has firstShare, aheadOfNext, evidence and confidence, and the verdict has the SPEC shape', async () => {
    // Arrange
    const { app } = await createTestApp();
    const created = await request(app).post('/api/v1/trials/sample');
    const trial = created.body as Trial;

    // Act
    const card = await getScorecard(app, trial.id);

    // Assert
    const byName = new Map(card.vendors.map((vendor) => [vendor.name, vendor]));
    for (const vendor of card.vendors) {
      expect(Object.keys(vendor)).toEqual(
        expect.arrayContaining([
          'interval',
          'winShare',
          'firstShare',
          'aheadOfNext',
          'evidence',
          'confidence',
        ]),
      );
      expect(vendor.evidence).toBe('sufficient');
      expect(vendor.firstShare).toBe(Number(vendor.firstShare?.toFixed(4)));
    }
    // Relaylink is disqualified; QuickPing is the last vendor that is not.
    expect(byName.get('Relaylink Video')).toMatchObject({ aheadOfNext: null, firstShare: 0 });
    expect(byName.get('QuickPing Media')?.aheadOfNext).toBeNull();
    expect(byName.get('NimbusRTC')?.aheadOfNext).toBeGreaterThanOrEqual(0.9);
    expect(Object.keys(card.verdict ?? {}).sort()).toEqual(
      ['aheadOfNext', 'nextVendorId', 'settle', 'status', 'vendorId'].sort(),
    );
    expect(card.verdict).toMatchObject({
      status: 'clear',
      vendorId: byName.get('NimbusRTC')?.vendorId,
      nextVendorId: byName.get('声浪云 SonicWave')?.vendorId,
      settle: [],
    });
  });

  it('when a vendor with one probe leads, then its numbers come back with evidence "insufficient" and the verdict only leans, with what would settle it', async () => {
    // Arrange
    const { app } = await createTestApp();
    const data = thinEvidenceTrial('trial-thin-api');
    await importTrial(app, data);

    // Act
    const card = await getScorecard(app, data.trial.id);

    // Assert
    const [solo, gated, steady] = card.vendors;
    expect(solo).toMatchObject({
      name: 'Solo One',
      countedProbes: 1,
      evidence: 'insufficient',
      confidence: 'low',
    });
    expect(solo?.interval).toEqual({ low: solo?.overall, high: solo?.overall });
    expect(solo?.winShare).toBe(1);
    expect(gated).toMatchObject({ disqualified: true, aheadOfNext: null, firstShare: 0 });
    expect(steady).toMatchObject({ evidence: 'sufficient', aheadOfNext: null });
    expect(card.verdict).toEqual({
      status: 'leaning',
      vendorId: 'trial-thin-api-solo',
      nextVendorId: 'trial-thin-api-steady',
      aheadOfNext: solo?.aheadOfNext,
      settle: [
        { vendorId: 'trial-thin-api-solo', scenarioId: 'trial-thin-api-s-outage' },
        { vendorId: 'trial-thin-api-solo', scenarioId: 'trial-thin-api-s-stutter' },
        { vendorId: 'trial-thin-api-steady', scenarioId: 'trial-thin-api-s-stutter' },
        { vendorId: 'trial-thin-api-steady', probeId: 'trial-thin-api-steady-7' },
      ],
    });
  });

  it('when the trial has no vendors, then the verdict is "none" with nothing to settle', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const card = await getScorecard(app, trial.id);

    // Assert
    expect(card.verdict).toEqual({
      status: 'none',
      vendorId: null,
      nextVendorId: null,
      aheadOfNext: null,
      settle: [],
    });
  });
});
