import { describe, expect, it } from 'vitest';
import { insertEventInOrder } from '../../src/domain/metrics.js';
import { SCORING_MODELS, type ScoringModel, type TrialExport } from '../../src/domain/schemas.js';
import { computeScorecard } from '../../src/domain/scoring/scorecard.js';
import { events } from '../factories.js';
import { WORKED_EXAMPLE_AS_OF, workedExample } from '../fixtures/workedExample.js';

/** SPEC §5.1, the worked example, figure by figure. */
function workedExampleScorecard() {
  return computeScorecard(workedExample(), WORKED_EXAMPLE_AS_OF);
}

describe('SPEC §5.1 worked example', () => {
  const card = workedExampleScorecard();
  const vendor = card.vendors[0];
  const probe = (id: string) => vendor?.probes.find((p) => p.probeId === id);

  it('when scored, then each probe earns the points the SPEC lists', () => {
    expect(probe('p1')?.points.responsiveness).toBeCloseTo(73.333, 2);
    expect(probe('p2')?.points.responsiveness).toBeCloseTo(80, 6);
    expect(probe('p3')?.points.responsiveness).toBe(100);
    expect(probe('p4')?.findings.responsiveness.status).toBe('pending');
    expect(probe('p1')?.points.resolution).toBe(100);
    expect(probe('p2')?.points.resolution).toBeCloseTo(47.8125, 6);
    expect(probe('p3')?.findings.resolution.status).toBe('pending');
    expect(probe('p4')?.findings.resolution.status).toBe('pending');
    expect(probe('p2')?.points.escalation).toBe(50);
    expect(probe('p1')?.findings.escalation.status).toBe('not_applicable');
    expect(probe('p1')?.points.commitment).toBe(100);
    expect(probe('p2')?.points.commitment).toBe(0);
    expect(probe('p3')?.points.commitment).toBe(100);
  });

  it('when scored, then the dimensions and overall match the SPEC to 0.01', () => {
    expect(vendor?.dimensions.responsiveness.score).toBeCloseTo(81.48, 2);
    expect(vendor?.dimensions.resolution.score).toBeCloseTo(77.63, 2);
    expect(vendor?.dimensions.escalation.score).toBeCloseTo(65, 6);
    expect(vendor?.dimensions.escalation.documented).toBe(100);
    expect(vendor?.dimensions.commitment.strength).toBe(67.5);
    expect(vendor?.dimensions.commitment.keepRate).toBeCloseTo(2 / 3, 9);
    expect(vendor?.dimensions.commitment.score).toBeCloseTo(67.17, 2);
    expect(vendor?.overall).toBeCloseTo(73.98, 2);
  });

  it('when scored, then counted and pending probes are tallied per dimension', () => {
    expect(vendor?.dimensions.responsiveness).toMatchObject({ counted: 3, pending: 1 });
    expect(vendor?.dimensions.resolution).toMatchObject({ counted: 2, pending: 2 });
    expect(vendor?.dimensions.escalation).toMatchObject({ counted: 1, exercised: true });
    expect(vendor?.dimensions.commitment).toMatchObject({ counted: 3, kept: 2, broken: 1 });
    expect(vendor?.countedProbes).toBe(3);
    expect(vendor?.evidence).toBe('sufficient');
  });

  it('when its three counted probes disagree this much, then the interval is wider than 30 points and confidence is low', () => {
    const interval = vendor?.interval;
    if (!interval) throw new Error('expected an interval');
    expect(interval.high - interval.low).toBeGreaterThan(30);
    expect(vendor.confidence).toBe('low');
    expect(card.verdict).toEqual({
      status: 'clear',
      vendorId: vendor.vendorId,
      nextVendorId: null,
      aheadOfNext: null,
      settle: [],
    });
  });

  it('when explained, then the reasons name the figures a reader can check', () => {
    expect(probe('p2')?.explanation.escalation).toMatch(/2 hand-offs/);
    expect(probe('p2')?.explanation.escalation).toMatch(/3 h after our request/);
    expect(probe('p3')?.findings.responsiveness.facts).toMatchObject({ minutes: 150 });
    expect(probe('p4')?.findings.responsiveness.facts).toMatchObject({ elapsed: 720 });
    expect(probe('p3')?.findings.resolution.facts).toMatchObject({ elapsed: 780 });
    expect(probe('p2')?.findings.resolution.facts).toMatchObject({ minutes: 4080 });
  });
});

/** SPEC §5.2: the §5.1 trial, p2 waiting on us for 1230 min (info request Fri 18:30, answered Sat 15:00). */
function withWaitOnP2(model: ScoringModel): TrialExport {
  const data = workedExample(`trial-wait-${model.replace('/', '-')}`);
  const wait = events(
    ['2026-11-20T18:30:00+08:00', 'info_request'],
    ['2026-11-21T15:00:00+08:00', 'info_provided'],
  );
  return {
    ...data,
    trial: { ...data.trial, model },
    probes: data.probes.map((probe) =>
      probe.id === 'p2' ? { ...probe, events: wait.reduce(insertEventInOrder, probe.events) } : probe,
    ),
  };
}

describe('SPEC §5.2 worked example: waiting on us does not count', () => {
  const scored = (model: ScoringModel) => {
    const card = computeScorecard(withWaitOnP2(model), WORKED_EXAMPLE_AS_OF);
    const vendor = card.vendors[0];
    if (!vendor) throw new Error('expected vendor A');
    return { card, vendor, p2: vendor.probes.find((probe) => probe.probeId === 'p2') };
  };

  it('when scored under sla-score/1, then the wait changes nothing: 73.98', () => {
    const { card, vendor } = scored('sla-score/1');
    expect(card.model).toBe('sla-score/1');
    expect(vendor.overall).toBeCloseTo(73.98, 2);
    expect(vendor.dimensions.resolution.score).toBeCloseTo(77.63, 2);
    expect(vendor.dimensions.escalation.score).toBeCloseTo(65, 6);
  });

  it('when scored under sla-score/2, then p2 resolves after 2850 effective min and escalated at once: 79.61', () => {
    const { card, vendor, p2 } = scored('sla-score/2');
    expect(card.model).toBe('sla-score/2');
    expect(p2?.findings.resolution.facts).toMatchObject({
      minutes: 2850,
      waitedMinutes: 1230,
      timeFactor: 0.9,
    });
    expect(p2?.points.resolution).toBeCloseTo(57.375, 9);
    expect(p2?.findings.escalation.facts).toMatchObject({ delay: 0, waitedMinutes: 180, late: false });
    expect(p2?.points.escalation).toBe(80);
    expect(vendor.dimensions.resolution.score).toBeCloseTo(81.73, 2);
    expect(vendor.dimensions.escalation.score).toBeCloseTo(86, 9);
    expect(vendor.dimensions.responsiveness.score).toBeCloseTo(81.48, 2);
    expect(vendor.dimensions.commitment.score).toBeCloseTo(67.17, 2);
    expect(vendor.overall).toBeCloseTo(79.61, 2);
    expect(Math.round((vendor.overall ?? 0) * 100) / 100).toBe(79.61);
  });

  it('when explained under sla-score/2, then the minutes left out are named', () => {
    const { p2 } = scored('sla-score/2');
    expect(p2?.explanation.resolution).toMatch(/1230 min waiting on us not counted/);
    expect(p2?.explanation.escalation).toMatch(/180 min waiting on us not counted/);
  });

  it('when the §5.1 trial (no wait) is scored under either model, then both give 73.98', () => {
    for (const model of SCORING_MODELS) {
      const data = workedExample(`trial-plain-${model.replace('/', '-')}`);
      const card = computeScorecard({ ...data, trial: { ...data.trial, model } }, WORKED_EXAMPLE_AS_OF);
      expect(card.vendors[0]?.overall).toBeCloseTo(73.98, 2);
    }
  });
});

describe('SPEC §5.2 worked example: independent evaluations', () => {
  it.each(SCORING_MODELS)(
    'when p1 has evaluations of depth 3 and 2 and no rating under %s, then its depth is 2.5, resolution 56.21 and overall 66.48',
    (model) => {
      const data = workedExample(`trial-votes-${model.replace('/', '-')}`);
      const votes = [
        { by: 'user-a', depth: 3, at: '2026-11-22T10:00:00+08:00' },
        { by: 'user-b', depth: 2, at: '2026-11-22T11:00:00+08:00' },
      ];
      const card = computeScorecard(
        {
          ...data,
          trial: { ...data.trial, model },
          probes: data.probes.map((probe) => (probe.id === 'p1' ? { ...probe, evaluations: votes } : probe)),
        },
        WORKED_EXAMPLE_AS_OF,
      );
      const vendor = card.vendors[0];
      const p1 = vendor?.probes.find((probe) => probe.probeId === 'p1');
      expect(p1?.findings.resolution.facts).toMatchObject({ depth: 2.5 });
      expect(p1?.points.resolution).toBe(62.5);
      expect(vendor?.dimensions.resolution.score).toBeCloseTo(56.21, 2);
      expect(vendor?.overall).toBeCloseTo(66.48, 2);
    },
  );
});

describe('robustness follows the trial model', () => {
  it.each(SCORING_MODELS)(
    'when only p2 (waiting on us) is scored under %s, then its one-probe bootstrap interval is exactly its overall under that model',
    (model) => {
      const data = withWaitOnP2(model);
      const card = computeScorecard(
        { ...data, probes: data.probes.filter((probe) => probe.id === 'p2') },
        WORKED_EXAMPLE_AS_OF,
      );
      const vendor = card.vendors[0];
      expect(vendor?.interval?.low).toBeCloseTo(vendor?.overall ?? Number.NaN, 9);
      expect(vendor?.interval?.high).toBeCloseTo(vendor?.overall ?? Number.NaN, 9);
      // p2 alone: resolution 47.8125 under sla-score/1, 57.375 under sla-score/2.
      const resolution = model === 'sla-score/1' ? 47.8125 : 57.375;
      expect(vendor?.dimensions.resolution.score).toBeCloseTo(resolution, 9);
    },
  );
});
