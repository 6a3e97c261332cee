import { describe, expect, it } from 'vitest';
import type { ScoringModel } from '../../src/domain/schemas.js';
import { filterBoard, slaBoard } from '../../src/domain/slaBoard.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';
import { shanghai } from './scoringHarness.js';

/**
 * The live SLA board: open probes only, elapsed vs the trial target (P1: 60 calendar minutes
 * to first reply, 1440 to resolution) and vs the vendor's promise on the promise's clock;
 * breached above 100%, at risk above 75%. 2026-11-20 is a Friday; times are Asia/Shanghai.
 */
function boardAt(
  asOf: string,
  probes: Parameters<typeof buildProbe>[0][],
  sla = {},
  model: ScoringModel = 'sla-score/1',
) {
  const trial = buildTrial({ id: 'trial-board', model });
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

/** Instants of the trial's zone as the board writes them (UTC ISO). */
const utc = (local: string) => new Date(Date.parse(shanghai(local))).toISOString();

/**
 * Waiting on us (§4, §5.2) on the board. A P1 (calendar clock, 1440 min to resolve) sent Fri
 * 11-20 10:00, acknowledged 10:10; the vendor asks for logs at 12:00 (120 min used by then);
 * in the closed case we send them Sat 08:00, a wait of 1200 min.
 */
describe('slaBoard with waits on us', () => {
  const p1 = (answered: boolean) => ({
    id: 'p1',
    severity: 'P1' as const,
    sentAt: shanghai('2026-11-20T10:00:00'),
    events: answered
      ? events(
          [shanghai('2026-11-20T10:10:00'), 'ack'],
          [shanghai('2026-11-20T12:00:00'), 'info_request'],
          [shanghai('2026-11-21T08:00:00'), 'info_provided'],
        )
      : events([shanghai('2026-11-20T10:10:00'), 'ack'], [shanghai('2026-11-20T12:00:00'), 'info_request']),
  });

  it.each([
    // model, answered, asOf, phase, elapsed, status, due, paused
    ['sla-score/1', false, '2026-11-21T09:00:00', 'on_us', 1380, 'at_risk', '2026-11-21T10:00:00', false],
    ['sla-score/1', false, '2026-11-21T12:00:00', 'on_us', 1560, 'breached', '2026-11-21T10:00:00', false],
    ['sla-score/2', false, '2026-11-21T09:00:00', 'on_us', 120, 'ok', '2026-11-22T07:00:00', true],
    ['sla-score/2', false, '2026-11-21T12:00:00', 'on_us', 120, 'ok', '2026-11-22T10:00:00', true],
    [
      'sla-score/1',
      true,
      '2026-11-21T12:00:00',
      'resolution',
      1560,
      'breached',
      '2026-11-21T10:00:00',
      false,
    ],
    ['sla-score/2', true, '2026-11-21T12:00:00', 'resolution', 360, 'ok', '2026-11-22T06:00:00', false],
    ['sla-score/2', true, '2026-11-22T03:00:00', 'resolution', 1260, 'at_risk', '2026-11-22T06:00:00', false],
  ] as const)(
    'when the trial uses %s, the wait is answered: %s, and it is %s, then the row waits for %s with %i min used, %s, due %s, paused %s',
    (model, answered, asOf, phase, elapsed, status, due, paused) => {
      const [row] = boardAt(asOf, [p1(answered)], {}, model);
      expect(row?.phase).toBe(phase);
      expect(row?.waitingSince).toBe(answered ? null : utc('2026-11-20T12:00:00'));
      expect(row?.target).toMatchObject({ elapsedMinutes: elapsed, targetMinutes: 1440, status, paused });
      expect(row?.target?.dueAt).toBe(utc(due));
      expect(row?.status).toBe(status);
    },
  );

  it.each([
    ['sla-score/1', 780, 'breached'],
    ['sla-score/2', 780, 'breached'],
  ] as const)(
    'when a P0 was already past its 240 min before the vendor asked (%s), then waiting on us does not clear the breach',
    (model, elapsedUnder1, status) => {
      const [row] = boardAt(
        '2026-11-20T23:00:00',
        [
          {
            severity: 'P0',
            sentAt: shanghai('2026-11-20T10:00:00'),
            events: events(
              [shanghai('2026-11-20T10:05:00'), 'ack'],
              [shanghai('2026-11-20T15:00:00'), 'info_request'],
            ),
          },
        ],
        {},
        model,
      );
      expect(row?.target?.elapsedMinutes).toBe(model === 'sla-score/1' ? elapsedUnder1 : 300);
      expect(row?.target?.dueAt).toBe(utc('2026-11-20T14:00:00'));
      expect(row?.status).toBe(status);
    },
  );

  it.each([
    ['sla-score/1', 660, '2026-11-26T14:00:00'],
    ['sla-score/2', 540, '2026-11-26T16:00:00'],
  ] as const)(
    'when a business-clock P2 waited Fri 17:00 → Mon 10:00 (%s), then only the 120 working minutes of the wait are left out: %i min used, due %s',
    (model, elapsed, due) => {
      const [row] = boardAt(
        '2026-11-23T12:00:00',
        [
          {
            severity: 'P2',
            sentAt: shanghai('2026-11-20T10:00:00'),
            events: events(
              [shanghai('2026-11-20T11:00:00'), 'troubleshooting'],
              [shanghai('2026-11-20T17:00:00'), 'info_request'],
              [shanghai('2026-11-23T10:00:00'), 'info_provided'],
            ),
          },
        ],
        {},
        model,
      );
      expect(row?.target).toMatchObject({ clock: 'business', elapsedMinutes: elapsed, targetMinutes: 2400 });
      expect(row?.target?.dueAt).toBe(utc(due));
    },
  );

  it('when the vendor promised a resolution, then under sla-score/2 its promise pauses too, on the promise clock', () => {
    const [row] = boardAt(
      '2026-11-21T09:00:00',
      [p1(false)],
      { resolutionTargets: { P1: { minutes: 480 } } },
      'sla-score/2',
    );
    expect(row?.promise).toMatchObject({ clock: '24x7', elapsedMinutes: 120, status: 'ok', paused: true });
  });

  it.each(['sla-score/1', 'sla-score/2'] as const)(
    'when a probe has only an automatic reply (%s), then its first-reply clock runs as before',
    (model) => {
      const [row] = boardAt(
        '2026-11-20T11:30:00',
        [
          {
            severity: 'P1',
            sentAt: shanghai('2026-11-20T10:00:00'),
            events: events([shanghai('2026-11-20T10:01:00'), 'auto_ack']),
          },
        ],
        {},
        model,
      );
      expect(row).toMatchObject({ phase: 'response', waitingSince: null, status: 'breached' });
      expect(row?.target).toMatchObject({ elapsedMinutes: 90, paused: false });
    },
  );

  it('when the board is filtered on "waiting for us", then only the probes with an open wait are shown', () => {
    const rows = boardAt(
      '2026-11-21T09:00:00',
      [p1(false), { id: 'other', severity: 'P1', sentAt: shanghai('2026-11-21T08:00:00') }],
      {},
      'sla-score/2',
    );
    expect(filterBoard(rows, { phase: 'on_us' }).map((row) => row.probeId)).toEqual(['p1']);
  });
});
