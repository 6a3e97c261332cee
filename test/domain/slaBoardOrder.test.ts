import { describe, expect, it } from 'vitest';
import {
  breachAtMs,
  filterBoard,
  slaBoard,
  sortBoard,
  type BoardFilter,
  type BoardSort,
} from '../../src/domain/slaBoard.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';
import { shanghai } from './scoringHarness.js';

/**
 * Filtering and sorting the live board. As of Friday 2026-11-20 12:00 in Shanghai, with the
 * default targets (P0 15 and P1 60 calendar minutes to first reply, P2 240 business minutes):
 *   late-p1   Zeta   P1 sent 10:00, 120 of 60 min   breached, due 11:00
 *   late-p0   Alpha  P0 sent 11:40,  20 of 15 min   breached, due 11:55
 *   risk-p1   Alpha  P1 sent 11:12,  48 of 60 min   at risk,  due 12:12
 *   ok-p0     Alpha  P0 sent 11:56,   4 of 15 min   ok,       due 12:11
 *   ok-p2     Zeta   P2 sent 11:00,  60 of 240 min  ok,       due 15:00
 *   quiet-p3  Alpha  P3 answered, no resolution target: no clock
 */
function sampleBoard() {
  const trial = buildTrial({ id: 'trial-order' });
  const alpha = buildVendor({ id: 'alpha', trialId: trial.id, name: 'Alpha RTC' });
  const zeta = buildVendor({ id: 'zeta', trialId: trial.id, name: 'Zeta Media' });
  const probe = (id: string, vendorId: string, severity: 'P0' | 'P1' | 'P2' | 'P3', sent: string) =>
    buildProbe({ id, trialId: trial.id, vendorId, severity, sentAt: shanghai(`2026-11-20T${sent}:00`) });
  return slaBoard(
    {
      trial,
      vendors: [alpha, zeta],
      probes: [
        probe('late-p1', 'zeta', 'P1', '10:00'),
        probe('late-p0', 'alpha', 'P0', '11:40'),
        probe('risk-p1', 'alpha', 'P1', '11:12'),
        probe('ok-p0', 'alpha', 'P0', '11:56'),
        probe('ok-p2', 'zeta', 'P2', '11:00'),
        {
          ...probe('quiet-p3', 'alpha', 'P3', '10:00'),
          events: events([shanghai('2026-11-20T10:05:00'), 'ack']),
        },
      ],
    },
    Date.parse(shanghai('2026-11-20T12:00:00')),
  );
}

const ids = (rows: { probeId: string }[]) => rows.map((row) => row.probeId);

describe('sortBoard', () => {
  it.each<[BoardSort, string[]]>([
    ['status', ['late-p1', 'late-p0', 'risk-p1', 'ok-p0', 'ok-p2', 'quiet-p3']],
    ['due', ['late-p1', 'late-p0', 'ok-p0', 'risk-p1', 'ok-p2', 'quiet-p3']],
    ['severity', ['late-p0', 'ok-p0', 'late-p1', 'risk-p1', 'ok-p2', 'quiet-p3']],
    ['vendor', ['late-p0', 'risk-p1', 'ok-p0', 'quiet-p3', 'late-p1', 'ok-p2']],
  ])('when the board is sorted by %s, then the rows read %j', (sort, expected) => {
    expect(ids(sortBoard(sampleBoard(), sort))).toEqual(expected);
  });

  it('when a row has no clock, then it has no breach time and sorts last by time to breach', () => {
    const rows = sampleBoard();
    const quiet = rows.find((row) => row.probeId === 'quiet-p3');
    const late = rows.find((row) => row.probeId === 'late-p1');
    expect(quiet && breachAtMs(quiet)).toBeNull();
    expect(late && breachAtMs(late)).toBe(Date.parse(shanghai('2026-11-20T11:00:00')));
  });
});

describe('filterBoard', () => {
  it.each<[string, BoardFilter, string[]]>([
    ['nothing', {}, ['late-p1', 'late-p0', 'risk-p1', 'ok-p0', 'ok-p2', 'quiet-p3']],
    ['breached', { status: 'breached' }, ['late-p1', 'late-p0']],
    ['at risk', { status: 'at_risk' }, ['risk-p1']],
    ['no clock', { status: 'untimed' }, ['quiet-p3']],
    ['one vendor', { vendorId: 'zeta' }, ['late-p1', 'ok-p2']],
    ['P0', { severity: 'P0' }, ['late-p0', 'ok-p0']],
    ['waiting for resolution', { phase: 'resolution' }, ['quiet-p3']],
    ['ok at Alpha', { status: 'ok', vendorId: 'alpha' }, ['ok-p0']],
    ['breached P2', { status: 'breached', severity: 'P2' }, []],
  ])('when the board is filtered to %s, then it keeps %j in order', (_name, filter, expected) => {
    expect(ids(filterBoard(sampleBoard(), filter))).toEqual(expected);
  });
});
