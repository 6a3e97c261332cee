import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { ScoringModel } from '../../src/domain/schemas.js';
import type { Scorecard } from '../../src/domain/scoring/scorecard.js';
import { startSession } from '../../src/app/sessions.js';
import {
  addUser,
  asBrowser,
  createTestApp,
  postEvent,
  postProbe,
  postTrial,
  postVendor,
  type TestApp,
} from './helpers.js';
import { VENDOR_A_SLA } from '../fixtures/workedExample.js';

type EventRow = [at: string, kind: string];

/** SPEC §5.2's extra events on p2: the vendor asks Fri 18:30, we answer Sat 15:00 (1230 min). */
const P2_WAIT: EventRow[] = [
  ['2026-11-20T18:30+08:00', 'info_request'],
  ['2026-11-21T15:00+08:00', 'info_provided'],
];

/**
 * The SPEC §5.1 trial built through the API only, under `model` (or the default when
 * undefined), with `p2Extra` events added to p2 after its own (times +08:00).
 */
async function workedExample(app: Express, model: ScoringModel | undefined, p2Extra: EventRow[] = []) {
  const trial = await postTrial(app, {
    name: 'Worked example',
    timezone: 'Asia/Shanghai',
    ...(model === undefined ? {} : { model }),
  });
  const vendor = await postVendor(app, trial.id, { name: 'Vendor A', sla: VENDOR_A_SLA });
  const probe = async (severity: string, difficulty: string, sentAt: string, timeline: EventRow[]) => {
    const created = await postProbe(app, trial.id, vendor.id, { severity, difficulty, sentAt });
    for (const [at, kind] of timeline) await postEvent(app, created.id, at, kind);
    return created.id;
  };
  const p1 = await probe('P0', 'known', '2026-11-20T10:00+08:00', [
    ['2026-11-20T10:01+08:00', 'auto_ack'],
    ['2026-11-20T10:25+08:00', 'ack'],
    ['2026-11-20T11:00+08:00', 'diagnosis'],
    ['2026-11-20T13:30+08:00', 'fix'],
    ['2026-11-20T14:00+08:00', 'confirmed_fixed'],
  ]);
  const p2 = await probe('P1', 'hard', '2026-11-20T16:00+08:00', [
    ['2026-11-20T17:30+08:00', 'ack'],
    ['2026-11-20T18:00+08:00', 'handoff'],
    ['2026-11-21T10:00+08:00', 'handoff'],
    ['2026-11-21T11:00+08:00', 'escalation_request'],
    ['2026-11-21T14:00+08:00', 'escalation'],
    ['2026-11-23T11:00+08:00', 'root_cause'],
    ['2026-11-23T12:00+08:00', 'confirmed_workaround'],
    ...p2Extra,
  ]);
  await probe('P2', 'known', '2026-11-20T17:00+08:00', [['2026-11-23T10:30+08:00', 'troubleshooting']]);
  await probe('P3', 'known', '2026-11-23T09:00+08:00', []);
  return { trialId: trial.id, p1, p2 };
}

async function scorecardOf(app: Express, trialId: string): Promise<Scorecard> {
  // An unencoded "+" in a query string reads as a space; the API takes it as meant.
  const response = await request(app).get(`/api/v1/trials/${trialId}/scorecard?asOf=2026-11-24T12:00+08:00`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as Scorecard;
}

function figures(card: Scorecard) {
  const [vendor] = card.vendors;
  return {
    model: card.model,
    overall: vendor?.overall,
    responsiveness: vendor?.dimensions.responsiveness.score,
    resolution: vendor?.dimensions.resolution.score,
    escalation: vendor?.dimensions.escalation.score,
    commitment: vendor?.dimensions.commitment.score,
  };
}

describe('GET /api/v1/trials/:id/scorecard under each scoring model (SPEC §5.2)', () => {
  it.each<[string, ScoringModel | undefined, EventRow[], ReturnType<typeof figures>]>([
    [
      'a sla-score/1 trial without waits',
      'sla-score/1',
      [],
      {
        model: 'sla-score/1',
        overall: 73.98,
        responsiveness: 81.48,
        resolution: 77.63,
        escalation: 65,
        commitment: 67.17,
      },
    ],
    [
      'a sla-score/1 trial with p2 waiting on us',
      'sla-score/1',
      P2_WAIT,
      {
        model: 'sla-score/1',
        overall: 73.98,
        responsiveness: 81.48,
        resolution: 77.63,
        escalation: 65,
        commitment: 67.17,
      },
    ],
    [
      'a sla-score/2 trial with p2 waiting on us',
      'sla-score/2',
      P2_WAIT,
      {
        model: 'sla-score/2',
        overall: 79.61,
        responsiveness: 81.48,
        resolution: 81.73,
        escalation: 86,
        commitment: 67.17,
      },
    ],
    [
      'a new trial (model not given) with p2 waiting on us',
      undefined,
      P2_WAIT,
      {
        model: 'sla-score/2',
        overall: 79.61,
        responsiveness: 81.48,
        resolution: 81.73,
        escalation: 86,
        commitment: 67.17,
      },
    ],
  ])(
    'when %s is scored as of Tue 12:00, then the scorecard names its model and the SPEC figures',
    async (_name, model, extra, expected) => {
      const { app } = await createTestApp();
      const { trialId } = await workedExample(app, model, extra);
      const card = await scorecardOf(app, trialId);
      expect(figures(card)).toEqual(expected);
      expect(Object.keys(card)).toEqual(
        expect.arrayContaining(['trialId', 'model', 'asOf', 'weights', 'verdict', 'vendors']),
      );
    },
  );

  it('when p2 waited under sla-score/2, then its findings carry the waited minutes and the text names them', async () => {
    const { app } = await createTestApp();
    const { trialId, p2 } = await workedExample(app, 'sla-score/2', P2_WAIT);
    const probe = (await scorecardOf(app, trialId)).vendors[0]?.probes.find((entry) => entry.probeId === p2);
    expect(probe?.points).toMatchObject({ resolution: 57.38, escalation: 80 });
    expect(probe?.findings.resolution.facts).toMatchObject({
      minutes: 2850,
      waitedMinutes: 1230,
      timeFactor: 0.9,
    });
    expect(probe?.findings.escalation.facts).toMatchObject({ delay: 0, waitedMinutes: 180, late: false });
    expect(probe?.explanation.resolution).toMatch(/1230 min waiting on us not counted/);
  });

  it.each<ScoringModel>(['sla-score/1', 'sla-score/2'])(
    'when p1 has evaluations of depth 3 and 2 and no rating under %s, then resolution is 56.21 and overall 66.48',
    async (model) => {
      const test: TestApp = await createTestApp({ as: 'evaluator' });
      const { trialId, p1 } = await workedExample(test.app, model);
      // Two evaluators rate p1 on their own: depth 3 and 2.
      const other = await addUser(test.deps, 'evaluator', 'lin.wei@example.com');
      const otherApp = asBrowser(test.bare, await startSession(test.deps, other));
      for (const [app, depth] of [
        [test.app, 3],
        [otherApp, 2],
      ] as const) {
        const rated = await request(app).put(`/api/v1/probes/${p1}/evaluations/me`).send({ depth });
        expect(rated.status, JSON.stringify(rated.body)).toBe(200);
      }
      const card = await scorecardOf(test.app, trialId);
      expect(figures(card)).toMatchObject({ model, resolution: 56.21, overall: 66.48 });
      const scored = card.vendors[0]?.probes.find((entry) => entry.probeId === p1);
      expect(scored?.findings.resolution.facts).toMatchObject({ depth: 2.5 });
      expect(scored?.points.resolution).toBe(62.5);
    },
  );
});

describe('GET /api/v1/probes/:id shows waiting on us', () => {
  it.each<[string, string, { start: string; end: string; open: boolean }[], boolean]>([
    [
      'after the answer',
      '2026-11-24T12:00+08:00',
      [{ start: '2026-11-20T10:30:00.000Z', end: '2026-11-21T07:00:00.000Z', open: false }],
      false,
    ],
    [
      'before the answer',
      '2026-11-21T12:00+08:00',
      [{ start: '2026-11-20T10:30:00.000Z', end: '2026-11-21T04:00:00.000Z', open: true }],
      true,
    ],
  ])(
    'when read %s, then its waits are ISO instants and waitingOnUs says whether one is open',
    async (_when, asOf, waits, waitingOnUs) => {
      const { app } = await createTestApp();
      const { p2 } = await workedExample(app, 'sla-score/2', P2_WAIT);
      const response = await request(app).get(`/api/v1/probes/${p2}?asOf=${encodeURIComponent(asOf)}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const metrics = (response.body as { metrics: { waits: unknown[]; waitingOnUs: boolean } }).metrics;
      expect(metrics.waits).toMatchObject(waits);
      expect(metrics.waitingOnUs).toBe(waitingOnUs);
    },
  );
});
