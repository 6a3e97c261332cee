import { describe, expect, it } from 'vitest';
import { computeScorecard } from '../../src/domain/scoring/scorecard.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';

/** SPEC §5.1, the worked example, figure by figure. */
function workedExample() {
  const trial = buildTrial({ id: 'trial-worked', timezone: 'Asia/Shanghai' });
  const vendor = buildVendor({
    id: 'vendor-a',
    trialId: trial.id,
    name: 'Vendor A',
    sla: {
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
    },
  });
  const base = { trialId: trial.id, vendorId: vendor.id };
  const probes = [
    buildProbe({
      ...base,
      id: 'p1',
      severity: 'P0',
      difficulty: 'known',
      sentAt: '2026-11-20T10:00:00+08:00',
      events: events(
        ['2026-11-20T10:01:00+08:00', 'auto_ack'],
        ['2026-11-20T10:25:00+08:00', 'ack'],
        ['2026-11-20T11:00:00+08:00', 'diagnosis'],
        ['2026-11-20T13:30:00+08:00', 'fix'],
        ['2026-11-20T14:00:00+08:00', 'confirmed_fixed'],
      ),
    }),
    buildProbe({
      ...base,
      id: 'p2',
      severity: 'P1',
      difficulty: 'hard',
      sentAt: '2026-11-20T16:00:00+08:00',
      events: events(
        ['2026-11-20T17:30:00+08:00', 'ack'],
        ['2026-11-20T18:00:00+08:00', 'handoff'],
        ['2026-11-21T10:00:00+08:00', 'handoff'],
        ['2026-11-21T11:00:00+08:00', 'escalation_request'],
        ['2026-11-21T14:00:00+08:00', 'escalation', { handler: 'RnD' }],
        ['2026-11-23T11:00:00+08:00', 'root_cause'],
        ['2026-11-23T12:00:00+08:00', 'confirmed_workaround'],
      ),
    }),
    buildProbe({
      ...base,
      id: 'p3',
      severity: 'P2',
      difficulty: 'known',
      sentAt: '2026-11-20T17:00:00+08:00',
      events: events(['2026-11-23T10:30:00+08:00', 'troubleshooting']),
    }),
    buildProbe({
      ...base,
      id: 'p4',
      severity: 'P3',
      difficulty: 'known',
      sentAt: '2026-11-23T09:00:00+08:00',
    }),
  ];
  return computeScorecard({ trial, vendors: [vendor], probes }, Date.parse('2026-11-24T12:00:00+08:00'));
}

describe('SPEC §5.1 worked example', () => {
  const card = workedExample();
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
    expect(vendor?.confidence).toBe('medium');
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
