import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveProbeMetrics, insertEventInOrder } from '../../src/domain/metrics.js';
import { buildProbe, events } from '../factories.js';

/**
 * SPEC §4, metric by metric. Probes are sent Friday 2026-11-20 09:00 UTC; `u('10:25')` is a
 * time that day and `u('11-21 10:25')` one on another day, as the UTC instant stored.
 */

const SENT_AT = '2026-11-20T09:00:00.000Z';
const LATE = Date.parse('2026-12-31T00:00:00Z');

/** Table rows with full titles: vitest's `$field` quotes strings and cuts them at 40 characters. */
function titled<Row>(rows: Row[], title: (row: Row) => string): [string, Row][] {
  return rows.map((row) => [title(row), row]);
}

function u(time: string): string {
  const [date, clock] = time.includes(' ') ? time.split(' ') : ['11-20', time];
  return `2026-${date ?? ''}T${clock ?? ''}${clock?.length === 5 ? ':00' : ''}.000Z`;
}

type Kind = string;
/** Compact event specs: [time, kind], times as for `u`. */
type Timeline = [time: string, kind: Kind][];

function probeWith(timeline: Timeline, ratingsDepth?: number) {
  return buildProbe({
    sentAt: SENT_AT,
    ratings: ratingsDepth === undefined ? {} : { depth: ratingsDepth },
    events: events(...timeline.map(([time, kind]): [string, string] => [u(time), kind])),
  });
}

describe('deriveProbeMetrics: firstResponseAt', () => {
  it.each(
    titled<{ when: string; timeline: Timeline; expected: string | null }>(
      [
        { when: 'there are no events', timeline: [], expected: null },
        { when: 'the vendor only auto-acknowledged', timeline: [['09:01', 'auto_ack']], expected: null },
        {
          when: 'an auto_ack comes before a human ack',
          timeline: [
            ['09:01', 'auto_ack'],
            ['09:25', 'ack'],
          ],
          expected: u('09:25'),
        },
        {
          when: 'two auto_acks come before a status update',
          timeline: [
            ['09:01', 'auto_ack'],
            ['09:02', 'auto_ack'],
            ['09:40', 'status_update'],
          ],
          expected: u('09:40'),
        },
        {
          when: 'only buyer events come before the vendor troubleshoots',
          timeline: [
            ['09:05', 'info_provided'],
            ['09:10', 'note'],
            ['10:30', 'troubleshooting'],
          ],
          expected: u('10:30'),
        },
        {
          when: 'the first vendor event is a handoff',
          timeline: [['09:30', 'handoff']],
          expected: u('09:30'),
        },
        {
          when: 'the vendor answers on a later day',
          timeline: [
            ['09:01', 'auto_ack'],
            ['11-23 02:30', 'diagnosis'],
            ['11-23 03:00', 'fix'],
          ],
          expected: u('11-23 02:30'),
        },
        {
          when: 'an auto_ack follows the first human answer',
          timeline: [
            ['09:20', 'ack'],
            ['09:21', 'auto_ack'],
          ],
          expected: u('09:20'),
        },
      ],
      (row) => `when ${row.when}, then the first response is at ${row.expected ?? 'none'}`,
    ),
  )('%s', (_title, { timeline, expected }) => {
    expect(deriveProbeMetrics(probeWith(timeline), LATE).firstResponseAt).toBe(expected);
  });
});

describe('deriveProbeMetrics: depth', () => {
  it.each(
    titled(
      [
        { kind: 'auto_ack', depth: 0 },
        { kind: 'ack', depth: 0 },
        { kind: 'status_update', depth: 0 },
        { kind: 'handoff', depth: 0 },
        { kind: 'escalation', depth: 0 },
        { kind: 'info_request', depth: 1 },
        { kind: 'troubleshooting', depth: 1 },
        { kind: 'diagnosis', depth: 2 },
        { kind: 'workaround', depth: 3 },
        { kind: 'root_cause', depth: 3 },
        { kind: 'fix', depth: 4 },
      ],
      (row) => `when the only vendor event is ${row.kind}, then the depth is ${row.depth}`,
    ),
  )('%s', (_title, { kind, depth }) => {
    expect(deriveProbeMetrics(probeWith([['10:00', kind]]), LATE).depth).toBe(depth);
  });

  it.each(
    titled<{ when: string; timeline: Timeline; rating?: number; depth: number }>(
      [
        { when: 'there are no events', timeline: [], depth: 0 },
        {
          when: 'there are only buyer events',
          timeline: [
            ['10:00', 'info_provided'],
            ['11:00', 'confirmed_fixed'],
          ],
          depth: 0,
        },
        {
          when: 'the deepest event is not the last',
          timeline: [
            ['10:00', 'troubleshooting'],
            ['11:00', 'fix'],
            ['12:00', 'ack'],
          ],
          depth: 4,
        },
        {
          when: 'a diagnosis follows troubleshooting',
          timeline: [
            ['10:00', 'troubleshooting'],
            ['11:00', 'diagnosis'],
          ],
          depth: 2,
        },
        {
          when: 'a rating of 1 is set over a diagnosis',
          timeline: [['10:00', 'diagnosis']],
          rating: 1,
          depth: 1,
        },
        { when: 'a rating of 4 is set over an ack', timeline: [['10:00', 'ack']], rating: 4, depth: 4 },
        { when: 'a rating of 0 is set over a fix', timeline: [['10:00', 'fix']], rating: 0, depth: 0 },
        { when: 'a rating of 3 is set without events', timeline: [], rating: 3, depth: 3 },
        {
          when: 'the fix comes after asOf',
          timeline: [
            ['10:00', 'troubleshooting'],
            ['11-21 10:00', 'fix'],
          ],
          depth: 1,
        },
      ],
      (row) => `when ${row.when}, then the depth is ${row.depth}`,
    ),
  )('%s', (_title, { timeline, rating, depth }) => {
    const asOf = Date.parse(u('11-21 09:00'));

    expect(deriveProbeMetrics(probeWith(timeline, rating), asOf).depth).toBe(depth);
  });
});

describe('deriveProbeMetrics: outcome, resolvedAt and closedAt', () => {
  it.each(
    titled<{
      when: string;
      timeline: Timeline;
      outcome: string;
      resolvedAt: string | null;
      closedAt: string | null;
    }>(
      [
        { when: 'there are no events', timeline: [], outcome: 'open', resolvedAt: null, closedAt: null },
        {
          when: 'the vendor only fixed it',
          timeline: [['10:00', 'fix']],
          outcome: 'open',
          resolvedAt: null,
          closedAt: null,
        },
        {
          when: 'the buyer confirmed the fix',
          timeline: [
            ['10:00', 'fix'],
            ['11:00', 'confirmed_fixed'],
          ],
          outcome: 'fixed',
          resolvedAt: u('11:00'),
          closedAt: u('11:00'),
        },
        {
          when: 'the buyer confirmed a workaround',
          timeline: [['11:00', 'confirmed_workaround']],
          outcome: 'workaround',
          resolvedAt: u('11:00'),
          closedAt: u('11:00'),
        },
        {
          when: 'the buyer closed it unresolved',
          timeline: [['11:00', 'closed_unresolved']],
          outcome: 'unresolved',
          resolvedAt: null,
          closedAt: u('11:00'),
        },
        {
          when: 'a fix was confirmed then reopened',
          timeline: [
            ['11:00', 'confirmed_fixed'],
            ['12:00', 'reopened'],
          ],
          outcome: 'open',
          resolvedAt: null,
          closedAt: null,
        },
        {
          when: 'a fix was confirmed, reopened, then a workaround confirmed',
          timeline: [
            ['11:00', 'confirmed_fixed'],
            ['12:00', 'reopened'],
            ['13:00', 'confirmed_workaround'],
          ],
          outcome: 'workaround',
          resolvedAt: u('13:00'),
          closedAt: u('13:00'),
        },
        {
          when: 'a workaround was confirmed, then a fix',
          timeline: [
            ['11:00', 'confirmed_workaround'],
            ['12:00', 'confirmed_fixed'],
          ],
          outcome: 'fixed',
          resolvedAt: u('12:00'),
          closedAt: u('12:00'),
        },
        {
          when: 'a fix was confirmed, then the probe closed unresolved',
          timeline: [
            ['11:00', 'confirmed_fixed'],
            ['12:00', 'closed_unresolved'],
          ],
          outcome: 'unresolved',
          resolvedAt: null,
          closedAt: u('12:00'),
        },
        {
          when: 'it was closed unresolved, then reopened',
          timeline: [
            ['11:00', 'closed_unresolved'],
            ['12:00', 'reopened'],
          ],
          outcome: 'open',
          resolvedAt: null,
          closedAt: null,
        },
        {
          when: 'it was reopened without being closed',
          timeline: [['11:00', 'reopened']],
          outcome: 'open',
          resolvedAt: null,
          closedAt: null,
        },
        {
          when: 'notes, info and vendor events follow a confirmed fix',
          timeline: [
            ['11:00', 'confirmed_fixed'],
            ['12:00', 'note'],
            ['13:00', 'info_provided'],
            ['14:00', 'status_update'],
          ],
          outcome: 'fixed',
          resolvedAt: u('11:00'),
          closedAt: u('11:00'),
        },
        {
          when: 'fixed and reopened are recorded in that order at the same instant',
          timeline: [
            ['11:00', 'confirmed_fixed'],
            ['11:00', 'reopened'],
          ],
          outcome: 'open',
          resolvedAt: null,
          closedAt: null,
        },
        {
          when: 'reopened and fixed are recorded in that order at the same instant',
          timeline: [
            ['11:00', 'reopened'],
            ['11:00', 'confirmed_fixed'],
          ],
          outcome: 'fixed',
          resolvedAt: u('11:00'),
          closedAt: u('11:00'),
        },
        {
          when: 'the confirmation comes after asOf',
          timeline: [
            ['10:00', 'fix'],
            ['11-21 10:00', 'confirmed_fixed'],
          ],
          outcome: 'open',
          resolvedAt: null,
          closedAt: null,
        },
        {
          when: 'the reopening comes after asOf',
          timeline: [
            ['11:00', 'confirmed_fixed'],
            ['11-21 10:00', 'reopened'],
          ],
          outcome: 'fixed',
          resolvedAt: u('11:00'),
          closedAt: u('11:00'),
        },
      ],
      (row) => `when ${row.when}, then the outcome is ${row.outcome}`,
    ),
  )('%s', (_title, { timeline, outcome, resolvedAt, closedAt }) => {
    const metrics = deriveProbeMetrics(probeWith(timeline), Date.parse(u('11-21 09:00')));

    expect(metrics).toMatchObject({ outcome, resolvedAt, closedAt });
  });
});

describe('deriveProbeMetrics: handoffs', () => {
  it.each(
    titled<{ when: string; timeline: Timeline; handoffs: number }>(
      [
        { when: 'there are no events', timeline: [], handoffs: 0 },
        {
          when: 'the vendor escalated without handing off',
          timeline: [
            ['10:00', 'ack'],
            ['11:00', 'escalation'],
          ],
          handoffs: 0,
        },
        { when: 'there is one handoff', timeline: [['10:00', 'handoff']], handoffs: 1 },
        {
          when: 'there are two handoffs among other events',
          timeline: [
            ['09:30', 'ack'],
            ['10:00', 'handoff'],
            ['10:30', 'info_provided'],
            ['11-21 02:00', 'handoff'],
            ['11-21 03:00', 'diagnosis'],
          ],
          handoffs: 2,
        },
        {
          when: 'a third handoff comes after asOf',
          timeline: [
            ['10:00', 'handoff'],
            ['11:00', 'handoff'],
            ['11-21 10:00', 'handoff'],
          ],
          handoffs: 2,
        },
      ],
      (row) => `when ${row.when}, then it counts ${row.handoffs} handoffs`,
    ),
  )('%s', (_title, { timeline, handoffs }) => {
    expect(deriveProbeMetrics(probeWith(timeline), Date.parse(u('11-21 09:00'))).handoffs).toBe(handoffs);
  });
});

describe('deriveProbeMetrics: escalation', () => {
  it.each(
    titled<{
      when: string;
      timeline: Timeline;
      requestedAt: string | null;
      escalatedAt: string | null;
      before: boolean;
      ever: boolean;
    }>(
      [
        {
          when: 'there are no events',
          timeline: [],
          requestedAt: null,
          escalatedAt: null,
          before: false,
          ever: false,
        },
        {
          when: 'the buyer asked and the vendor never escalated',
          timeline: [['11:00', 'escalation_request']],
          requestedAt: u('11:00'),
          escalatedAt: null,
          before: false,
          ever: false,
        },
        {
          when: 'the vendor escalated unasked',
          timeline: [['11:00', 'escalation']],
          requestedAt: null,
          escalatedAt: null,
          before: false,
          ever: true,
        },
        {
          when: 'the vendor escalated three hours after the request',
          timeline: [
            ['11:00', 'escalation_request'],
            ['14:00', 'escalation'],
          ],
          requestedAt: u('11:00'),
          escalatedAt: u('14:00'),
          before: false,
          ever: true,
        },
        {
          when: 'the vendor escalated at the same instant, recorded after the request',
          timeline: [
            ['11:00', 'escalation_request'],
            ['11:00', 'escalation'],
          ],
          requestedAt: u('11:00'),
          escalatedAt: u('11:00'),
          before: false,
          ever: true,
        },
        {
          when: 'the vendor escalated at the same instant, recorded before the request',
          timeline: [
            ['11:00', 'escalation'],
            ['11:00', 'escalation_request'],
          ],
          requestedAt: u('11:00'),
          escalatedAt: u('11:00'),
          before: false,
          ever: true,
        },
        {
          when: 'the vendor had escalated before the request and not after',
          timeline: [
            ['10:00', 'escalation'],
            ['11:00', 'escalation_request'],
          ],
          requestedAt: u('11:00'),
          escalatedAt: null,
          before: true,
          ever: true,
        },
        {
          when: 'the vendor escalated before the request and again after it',
          timeline: [
            ['10:00', 'escalation'],
            ['11:00', 'escalation_request'],
            ['13:00', 'escalation'],
          ],
          requestedAt: u('11:00'),
          escalatedAt: u('13:00'),
          before: true,
          ever: true,
        },
        {
          when: 'the buyer asked twice and the vendor escalated between the requests',
          timeline: [
            ['11:00', 'escalation_request'],
            ['11:30', 'escalation'],
            ['12:00', 'escalation_request'],
          ],
          requestedAt: u('11:00'),
          escalatedAt: u('11:30'),
          before: false,
          ever: true,
        },
        {
          when: 'the vendor escalated twice after the request',
          timeline: [
            ['11:00', 'escalation_request'],
            ['12:00', 'escalation'],
            ['13:00', 'escalation'],
          ],
          requestedAt: u('11:00'),
          escalatedAt: u('12:00'),
          before: false,
          ever: true,
        },
        {
          when: 'the escalation comes after asOf',
          timeline: [
            ['11:00', 'escalation_request'],
            ['11-21 10:00', 'escalation'],
          ],
          requestedAt: u('11:00'),
          escalatedAt: null,
          before: false,
          ever: false,
        },
        {
          when: 'the request comes after asOf',
          timeline: [
            ['10:00', 'escalation'],
            ['11-21 10:00', 'escalation_request'],
          ],
          requestedAt: null,
          escalatedAt: null,
          before: false,
          ever: true,
        },
      ],
      (row) =>
        `when ${row.when}, then request ${row.requestedAt ?? 'none'} and escalation ${row.escalatedAt ?? 'none'}`,
    ),
  )('%s', (_title, { timeline, requestedAt, escalatedAt, before, ever }) => {
    const metrics = deriveProbeMetrics(probeWith(timeline), Date.parse(u('11-21 09:00')));

    expect(metrics).toMatchObject({
      escalationRequestedAt: requestedAt,
      escalatedAt,
      escalatedBeforeRequest: before,
      everEscalated: ever,
    });
  });
});

describe('deriveProbeMetrics: asOf', () => {
  const timeline: Timeline = [
    ['09:01', 'auto_ack'],
    ['10:00', 'ack'],
    ['11:00', 'diagnosis'],
    ['12:00', 'confirmed_fixed'],
  ];

  it.each(
    titled(
      [
        {
          when: 'asOf is before every event',
          asOf: '09:00',
          kept: 0,
          firstResponseAt: null,
          outcome: 'open',
        },
        {
          when: 'asOf is exactly at the auto_ack',
          asOf: '09:01',
          kept: 1,
          firstResponseAt: null,
          outcome: 'open',
        },
        {
          when: 'asOf is one second before the ack',
          asOf: '09:59:59',
          kept: 1,
          firstResponseAt: null,
          outcome: 'open',
        },
        {
          when: 'asOf is exactly at the ack',
          asOf: '10:00',
          kept: 2,
          firstResponseAt: u('10:00'),
          outcome: 'open',
        },
        {
          when: 'asOf is one second before the confirmation',
          asOf: '11:59:59',
          kept: 3,
          firstResponseAt: u('10:00'),
          outcome: 'open',
        },
        {
          when: 'asOf is exactly at the confirmation',
          asOf: '12:00',
          kept: 4,
          firstResponseAt: u('10:00'),
          outcome: 'fixed',
        },
      ],
      (row) => `when ${row.when}, then ${row.kept} events count and the outcome is ${row.outcome}`,
    ),
  )('%s', (_title, { asOf, kept, firstResponseAt, outcome }) => {
    const probe = probeWith(timeline);

    const metrics = deriveProbeMetrics(probe, Date.parse(u(asOf)));

    expect(metrics.events).toEqual(probe.events.slice(0, kept));
    expect(metrics).toMatchObject({ firstResponseAt, outcome });
  });

  it('when asOf is one millisecond before an event, then that event is ignored', () => {
    const probe = probeWith([['10:00', 'ack']]);

    expect(deriveProbeMetrics(probe, Date.parse(u('10:00')) - 1).firstResponseAt).toBeNull();
    expect(deriveProbeMetrics(probe, Date.parse(u('10:00'))).firstResponseAt).toBe(u('10:00'));
  });

  it('when events share an instant, then they keep the order in which they were recorded', () => {
    const probe = probeWith([
      ['10:00', 'ack'],
      ['11:00', 'status_update'],
      ['11:00', 'note'],
      ['11:00', 'diagnosis'],
    ]);

    const metrics = deriveProbeMetrics(probe, LATE);

    expect(metrics.events.map((event) => event.kind)).toEqual(['ack', 'status_update', 'note', 'diagnosis']);
  });
});

describe('deriveProbeMetrics: longestSilenceMinutes', () => {
  it.each(
    titled<{ when: string; timeline: Timeline; asOf: string; silence: number | null }>(
      [
        { when: 'there are no events', timeline: [], asOf: '18:00', silence: null },
        {
          when: 'there are only buyer events',
          timeline: [['10:00', 'info_provided']],
          asOf: '18:00',
          silence: null,
        },
        {
          when: 'an open probe heard from the vendor once, two hours ago',
          timeline: [['10:00', 'ack']],
          asOf: '12:00',
          silence: 120,
        },
        {
          when: 'an open probe had a three-hour gap between vendor events',
          timeline: [
            ['10:00', 'ack'],
            ['10:30', 'troubleshooting'],
            ['13:30', 'diagnosis'],
          ],
          asOf: '14:00',
          silence: 180,
        },
        {
          when: 'an open probe has been silent longest since the last vendor event',
          timeline: [
            ['10:00', 'ack'],
            ['10:30', 'troubleshooting'],
          ],
          asOf: '18:30',
          silence: 480,
        },
        {
          when: 'buyer events fall inside a vendor gap',
          timeline: [
            ['10:00', 'ack'],
            ['11:00', 'info_provided'],
            ['12:00', 'note'],
            ['14:00', 'diagnosis'],
            ['14:00', 'confirmed_workaround'],
          ],
          asOf: '18:00',
          silence: 240,
        },
        {
          when: 'a probe was fixed: time after the fix is not silence',
          timeline: [
            ['10:00', 'ack'],
            ['11:00', 'fix'],
            ['11:30', 'confirmed_fixed'],
          ],
          asOf: '11-22 00:00',
          silence: 60,
        },
        {
          when: 'vendor events after a confirmed fix do not count',
          timeline: [
            ['10:00', 'ack'],
            ['10:20', 'fix'],
            ['10:30', 'confirmed_fixed'],
            ['20:00', 'status_update'],
          ],
          asOf: '11-22 00:00',
          silence: 20,
        },
        {
          when: 'a probe closed with a single vendor event',
          timeline: [
            ['10:00', 'ack'],
            ['12:00', 'closed_unresolved'],
          ],
          asOf: '18:00',
          silence: 0,
        },
        {
          when: 'the vendor events are 30 seconds apart on a closed probe',
          timeline: [
            ['10:00:00', 'ack'],
            ['10:00:30', 'fix'],
            ['10:01:00', 'confirmed_fixed'],
          ],
          asOf: '18:00',
          silence: 0.5,
        },
        {
          when: 'a fix was confirmed and reopened the next day: the closed time is not silence',
          timeline: [
            ['10:00', 'ack'],
            ['10:30', 'confirmed_fixed'],
            ['11-21 10:00', 'reopened'],
            ['11-21 11:00', 'status_update'],
          ],
          asOf: '11-21 11:30',
          silence: 90,
        },
        {
          when: 'a reopened probe has not heard from the vendor since',
          timeline: [
            ['10:00', 'ack'],
            ['10:30', 'confirmed_workaround'],
            ['11-21 10:00', 'reopened'],
          ],
          asOf: '11-21 12:00',
          silence: 150,
        },
        {
          when: 'the vendor kept working after a confirmed workaround: that time is not silence',
          timeline: [
            ['10:00', 'ack'],
            ['11:00', 'confirmed_workaround'],
            ['13:00', 'fix'],
            ['13:30', 'confirmed_fixed'],
          ],
          asOf: '18:00',
          silence: 60,
        },
        {
          when: 'a vendor event comes after asOf',
          timeline: [
            ['10:00', 'ack'],
            ['11-21 10:00', 'diagnosis'],
          ],
          asOf: '11:00',
          silence: 60,
        },
      ],
      (row) => `when ${row.when}, then the longest silence is ${row.silence} minutes`,
    ),
  )('%s', (_title, { timeline, asOf, silence }) => {
    expect(deriveProbeMetrics(probeWith(timeline), Date.parse(u(asOf))).longestSilenceMinutes).toBe(silence);
  });
});

describe('insertEventInOrder', () => {
  const [first, secondA, secondB, third] = events(
    ['2026-11-20T10:00:00Z', 'ack'],
    ['2026-11-20T11:00:00Z', 'status_update', { id: 'second-a' }],
    ['2026-11-20T11:00:00Z', 'note', { id: 'second-b' }],
    ['2026-11-20T12:00:00Z', 'diagnosis'],
  );
  const recorded = [first, secondA, secondB, third].flatMap((event) => (event ? [event] : []));
  const ids = (list: { id: string }[]) => list.map((event) => event.id);

  it.each(
    titled(
      [
        { when: 'the list is empty', at: '2026-11-20T11:00:00Z', into: [], position: 0 },
        { when: 'the event is earlier than all', at: '2026-11-20T09:00:00Z', into: recorded, position: 0 },
        {
          when: 'the event falls between two instants',
          at: '2026-11-20T10:30:00Z',
          into: recorded,
          position: 1,
        },
        {
          when: 'the event shares an instant with two recorded events',
          at: '2026-11-20T11:00:00Z',
          into: recorded,
          position: 3,
        },
        {
          when: 'the event shares the first instant',
          at: '2026-11-20T10:00:00Z',
          into: recorded,
          position: 1,
        },
        {
          when: 'the event shares the last instant',
          at: '2026-11-20T12:00:00Z',
          into: recorded,
          position: 4,
        },
        { when: 'the event is later than all', at: '2026-11-20T13:00:00Z', into: recorded, position: 4 },
        {
          when: 'the event is a millisecond after a shared instant',
          at: '2026-11-20T11:00:00.001Z',
          into: recorded,
          position: 3,
        },
      ],
      (row) => `when ${row.when}, then it is placed at index ${row.position}`,
    ),
  )('%s', (_title, { at, into, position }) => {
    const [added] = events([at, 'status_update', { id: 'added' }]);
    if (!added) throw new Error('factory built no event');
    const before = ids(into);

    const result = insertEventInOrder(into, added);

    expect(ids(result)).toEqual([...before.slice(0, position), 'added', ...before.slice(position)]);
    expect(ids(into)).toEqual(before);
  });

  it('when any event joins any timeline in time order, then it lands after every event at or before its instant and before every later one', () => {
    const minute = fc.integer({ min: 0, max: 30 });
    fc.assert(
      fc.property(fc.array(minute, { maxLength: 30 }), minute, (minutes, addedMinute) => {
        const at = (m: number) => new Date(Date.UTC(2026, 10, 20, 10, m)).toISOString();
        const timeline = events(
          ...minutes
            .toSorted((a, b) => a - b)
            .map((m, i): [string, string, { id: string }] => [at(m), 'note', { id: `e${i}` }]),
        );
        const [added] = events([at(addedMinute), 'status_update', { id: 'added' }]);
        if (!added) throw new Error('factory built no event');
        const result = insertEventInOrder(timeline, added);
        const position = result.findIndex((event) => event.id === 'added');
        expect(result).toHaveLength(timeline.length + 1);
        expect(result.slice(0, position).every((event) => event.at <= added.at)).toBe(true);
        expect(result.slice(position + 1).every((event) => event.at > added.at)).toBe(true);
      }),
    );
  });

  it('when events are inserted one by one at the same instant, then they stay in recorded order', () => {
    const batch = events(
      ['2026-11-20T11:00:00Z', 'status_update', { id: 'one' }],
      ['2026-11-20T11:00:00Z', 'note', { id: 'two' }],
      ['2026-11-20T11:00:00Z', 'diagnosis', { id: 'three' }],
      ['2026-11-20T10:00:00Z', 'ack', { id: 'earlier' }],
    );

    const result = batch.reduce(insertEventInOrder, recorded.slice(0, 1));

    expect(ids(result)).toEqual([first?.id, 'earlier', 'one', 'two', 'three']);
  });
});
