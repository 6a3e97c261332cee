import { describe, expect, it } from 'vitest';
import {
  compareWeakness,
  trialRisks,
  vendorRisks,
  weakestFindings,
  type WeakFinding,
} from '../../src/domain/risks.js';
import type { Dimension, Severity } from '../../src/domain/schemas.js';
import { counted, notApplicable, pending, type Finding } from '../../src/domain/scoring/finding.js';
import type { ProbeScore } from '../../src/domain/scoring/scorecard.js';
import { events } from '../factories.js';
import { scoreTrial, shanghai } from './scoringHarness.js';

/**
 * A vendor's risks: its failed gates and its three weakest counted findings (lowest points,
 * then severity, then probe title), never a pending or full-points finding.
 */
type Points = Partial<Record<Dimension, number | 'pending' | 'na'>>;

function finding(value: number | 'pending' | 'na' | undefined): Finding {
  if (value === 'pending' || value === undefined) return pending('x.pending', {}, 'pending');
  if (value === 'na') return notApplicable('x.na', {}, 'not applicable');
  return counted(value, 'x.counted', {}, `${value} points`);
}

function probe(probeId: string, title: string, severity: Severity, points: Points): ProbeScore {
  const findings = {
    responsiveness: finding(points.responsiveness),
    resolution: finding(points.resolution),
    escalation: finding(points.escalation ?? 'na'),
    commitment: finding(points.commitment ?? 'na'),
  };
  return {
    probeId,
    title,
    severity,
    weight: 1,
    outcome: 'open',
    points: {
      responsiveness: findings.responsiveness.points,
      resolution: findings.resolution.points,
      escalation: findings.escalation.points,
      commitment: findings.commitment.points,
    },
    explanation: { responsiveness: '', resolution: '', escalation: '', commitment: '' },
    findings,
  };
}

const brief = (list: WeakFinding[]) => list.map((weak) => `${weak.probeId}.${weak.dimension}:${weak.points}`);

describe('weakestFindings', () => {
  it.each([
    [
      'findings have different points',
      [
        probe('p1', 'A', 'P1', { responsiveness: 40, resolution: 10 }),
        probe('p2', 'B', 'P1', { responsiveness: 20 }),
      ],
      ['p1.resolution:10', 'p2.responsiveness:20', 'p1.responsiveness:40'],
    ],
    [
      'there are more than three',
      [
        probe('p1', 'A', 'P1', { responsiveness: 40, resolution: 10, escalation: 50 }),
        probe('p2', 'B', 'P1', { responsiveness: 20 }),
      ],
      ['p1.resolution:10', 'p2.responsiveness:20', 'p1.responsiveness:40'],
    ],
    [
      'points tie, then the more severe probe comes first',
      [probe('p1', 'A', 'P2', { responsiveness: 30 }), probe('p2', 'B', 'P0', { responsiveness: 30 })],
      ['p2.responsiveness:30', 'p1.responsiveness:30'],
    ],
    [
      'points and severity tie, then the probe title decides',
      [probe('p1', 'Zeta', 'P1', { responsiveness: 30 }), probe('p2', 'Alpha', 'P1', { responsiveness: 30 })],
      ['p2.responsiveness:30', 'p1.responsiveness:30'],
    ],
    [
      'a finding is pending or not applicable',
      [probe('p1', 'A', 'P1', { responsiveness: 'pending', resolution: 'na', commitment: 0 })],
      ['p1.commitment:0'],
    ],
    [
      'findings are at full points',
      [probe('p1', 'A', 'P1', { responsiveness: 100, resolution: 100, commitment: 99.5 })],
      ['p1.commitment:99.5'],
    ],
    ['there are no probes', [], []],
  ])('when %s, then the weakest are listed in order', (_case, probes, expected) => {
    expect(brief(weakestFindings(probes))).toEqual(expected);
  });

  it('when the same findings come in another order, then the list is the same', () => {
    const probes = [
      probe('p1', 'A', 'P1', { responsiveness: 30, resolution: 30 }),
      probe('p2', 'A', 'P1', { responsiveness: 30 }),
      probe('p3', 'B', 'P0', { resolution: 30 }),
    ];
    expect(brief(weakestFindings([...probes].reverse()))).toEqual(brief(weakestFindings(probes)));
    expect(brief(weakestFindings(probes))).toEqual([
      'p3.resolution:30',
      'p1.responsiveness:30',
      'p2.responsiveness:30',
    ]);
  });

  it('when compared with itself, then a finding is neither weaker nor stronger', () => {
    const [weak] = weakestFindings([probe('p1', 'A', 'P1', { responsiveness: 10 })]);
    expect(weak && compareWeakness(weak, weak)).toBe(0);
  });
});

describe('vendorRisks on a real scorecard', () => {
  const asOf = shanghai('2026-11-24T12:00:00');
  const scorecard = scoreTrial(
    [
      {
        id: 'v_slow',
        name: 'Slow',
        probes: [
          {
            id: 'late',
            title: 'Push stream fails',
            severity: 'P1',
            sentAt: shanghai('2026-11-20T10:00:00'),
            events: events([shanghai('2026-11-20T13:00:00'), 'ack']),
          },
          {
            id: 'fast',
            title: 'Echo on Android',
            severity: 'P1',
            sentAt: shanghai('2026-11-20T10:00:00'),
            events: events(
              [shanghai('2026-11-20T10:10:00'), 'fix'],
              [shanghai('2026-11-20T10:30:00'), 'confirmed_fixed'],
            ),
          },
        ],
      },
    ],
    {
      asOf,
      trial: {
        knockouts: {
          serviceCredits: true,
          p0Coverage24x7: false,
          escalationPath: false,
          maxP0ResponseMinutes: null,
        },
      },
    },
  );
  const [card] = scorecard.vendors;

  it('when a vendor failed a gate and answered late, then both are its risks', () => {
    if (!card) throw new Error('no vendor');
    const risks = vendorRisks(card);
    expect(risks.failedGates).toEqual(['serviceCredits']);
    // Unanswered past 4 × the P1 resolution target: counted as unresolved, 0 points.
    expect(risks.weakestFindings[0]).toMatchObject({
      probeId: 'late',
      probeTitle: 'Push stream fails',
      dimension: 'resolution',
      points: 0,
      finding: { code: 'resolution.overdue' },
    });
    expect(risks.weakestFindings[1]).toMatchObject({
      probeId: 'late',
      dimension: 'responsiveness',
      finding: { code: 'response.late' },
    });
    expect(risks.weakestFindings.every((weak) => weak.points < 100)).toBe(true);
    expect(risks.weakestFindings.length).toBeLessThanOrEqual(3);
  });

  it('when listing a trial, then every vendor appears in ranking order', () => {
    expect(trialRisks(scorecard.vendors).map((risks) => risks.vendorId)).toEqual(['v_slow']);
  });
});
