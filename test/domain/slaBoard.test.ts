import { describe, expect, it } from 'vitest';
import { slaBoard } from '../../src/domain/slaBoard.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';
import { shanghai } from './scoringHarness.js';

/**
 * The live SLA board: open probes only, elapsed vs the trial target (P1: 60 calendar minutes
 * to first reply, 1440 to resolution) and vs the vendor's promise on the promise's clock;
 * breached above 100%, at risk above 75%. 2026-11-20 is a Friday; times are Asia/Shanghai.
 */
function boardAt(asOf: string, probes: Parameters<typeof buildProbe>[0][], sla = {}) {
  const trial = buildTrial({ id: 'trial-board' });
  const vendor = buildVendor({ id: 'vendor-board', trialId: trial.id, name: '声浪云', sla });
  return slaBoard(
    {
      trial,
      vendors: [vendor],
      probes: probes.map((p) => buildProbe({ trialId: trial.id, vendorId: vendor.id, ...p })),
    },
    Date.parse(shanghai(asOf)),
  );
}

describe('slaBoard', () => {
  it.each([
    ['10:44', 44, 'ok'],
    ['10:45', 45, 'ok'],
    ['10:46', 46, 'at_risk'],
    ['11:00', 60, 'at_risk'],
    ['11:01', 61, 'breached'],
  ])(
    'when a P1 sent at 10:00 is unanswered at %s, then %i of 60 minutes are used and it is %s',
    (time, elapsed, status) => {
      const [row] = boardAt(`2026-11-20T${time}:00`, [
        { severity: 'P1', sentAt: shanghai('2026-11-20T10:00:00') },
      ]);
      expect(row?.phase).toBe('response');
      expect(row?.target).toMatchObject({
        clock: 'calendar',
        elapsedMinutes: elapsed,
        targetMinutes: 60,
        status,
      });
      expect(row?.target?.dueAt).toBe('2026-11-20T03:00:00.000Z');
      expect(row?.status).toBe(status);
    },
  );

  it('when the vendor promised a reply within 30 business minutes, then the promise runs on the trial calendar and the worse status wins', () => {
    // Sent Friday 17:50: 10 business minutes that day, then the clock waits for Monday 09:00.
    const [row] = boardAt(
      '2026-11-23T09:15:00',
      [{ severity: 'P1', sentAt: shanghai('2026-11-20T17:50:00') }],
      { responseTargets: { P1: { minutes: 30, coverage: 'business' } } },
    );
    expect(row?.promise).toMatchObject({
      clock: 'business',
      elapsedMinutes: 25,
      targetMinutes: 30,
      status: 'at_risk',
    });
    expect(row?.promise?.dueAt).toBe(new Date(Date.parse(shanghai('2026-11-23T09:20:00'))).toISOString());
    expect(row?.target?.status).toBe('breached');
    expect(row?.status).toBe('breached');
  });

  it('when the vendor has replied, then the board tracks the resolution target instead', () => {
    const [row] = boardAt('2026-11-21T04:00:00', [
      {
        severity: 'P1',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events([shanghai('2026-11-20T10:10:00'), 'ack']),
      },
    ]);
    expect(row?.phase).toBe('resolution');
    expect(row?.target).toMatchObject({ elapsedMinutes: 1080, targetMinutes: 1440, status: 'ok' });
    expect(row?.promise).toBeNull();
  });

  it('when a probe is settled, sent later than asOf, or has no target, then it is left out or untimed', () => {
    const rows = boardAt('2026-11-20T12:00:00', [
      {
        id: 'fixed',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events(
          [shanghai('2026-11-20T10:05:00'), 'fix'],
          [shanghai('2026-11-20T10:30:00'), 'confirmed_fixed'],
        ),
      },
      { id: 'future', sentAt: shanghai('2026-11-20T13:00:00') },
      {
        id: 'p3-answered',
        severity: 'P3',
        sentAt: shanghai('2026-11-20T10:00:00'),
        events: events([shanghai('2026-11-20T10:05:00'), 'ack']),
      },
    ]);
    expect(rows.map((row) => [row.probeId, row.status])).toEqual([['p3-answered', 'untimed']]);
  });

  it('when several probes are open, then the most urgent come first', () => {
    const rows = boardAt('2026-11-20T11:30:00', [
      { id: 'calm', severity: 'P1', sentAt: shanghai('2026-11-20T11:20:00') },
      { id: 'late', severity: 'P1', sentAt: shanghai('2026-11-20T10:00:00') },
      { id: 'later', severity: 'P0', sentAt: shanghai('2026-11-20T10:00:00') },
      { id: 'close', severity: 'P1', sentAt: shanghai('2026-11-20T10:40:00') },
    ]);
    expect(rows.map((row) => row.probeId)).toEqual(['later', 'late', 'close', 'calm']);
  });
});
