import { describe, expect, it } from 'vitest';
import { computeScorecard } from '../../src/domain/scoring/scorecard.js';
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
