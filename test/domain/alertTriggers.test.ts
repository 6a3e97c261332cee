import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertTriggers, triggerKey, type AlertTrigger } from '../../src/domain/alertTriggers.js';
import {
  BUYER_EVENT_KINDS,
  SEVERITIES,
  VENDOR_EVENT_KINDS,
  type ScoringModel,
  type SlaClauses,
  type Trial,
} from '../../src/domain/schemas.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';
import { shanghai } from './scoringHarness.js';

/**
 * Alert triggers read off the live board: P1 is 60 calendar minutes to a first reply and 1440
 * to resolution, escalation target 120; P2 is 240 business minutes to a first reply on the
 * default calendar (Mon–Fri 09:00–18:00). 2026-11-20 is a Friday; times are Asia/Shanghai.
 */
const RULES = { waitingMinutes: 240 };
const utc = (local: string) => new Date(Date.parse(shanghai(local))).toISOString();

function triggersAt(
  asOf: string,
  probe: Parameters<typeof buildProbe>[0],
  { sla = {}, trial = {} }: { sla?: SlaClauses; trial?: Partial<Trial> } = {},
): AlertTrigger[] {
  const built = buildTrial({ id: 'trial-alerts', ...trial });
  const vendor = buildVendor({ id: 'vendor-alerts', trialId: built.id, name: 'Vendor A', sla });
  return alertTriggers(
    {
      trial: built,
      vendors: [vendor],
      probes: [buildProbe({ id: 'p1', trialId: built.id, vendorId: vendor.id, ...probe })],
    },
    Date.parse(shanghai(asOf)),
    RULES,
  );
}

const summary = (triggers: readonly AlertTrigger[]) =>
  triggers.map((trigger) => [trigger.type, trigger.target, trigger.at]);

const SENT_10 = { severity: 'P1' as const, sentAt: shanghai('2026-11-20T10:00:00') };

describe('alertTriggers', () => {
  it.each([
    ['10:44:59', []],
    ['10:45:00', []],
    ['10:45:01', [['probe.at_risk', 'first_response', utc('2026-11-20T10:45:00')]]],
    ['11:00:00', [['probe.at_risk', 'first_response', utc('2026-11-20T10:45:00')]]],
    [
      '11:00:01',
      [
        ['probe.at_risk', 'first_response', utc('2026-11-20T10:45:00')],
        ['probe.breached', 'first_response', utc('2026-11-20T11:00:00')],
      ],
    ],
  ])('when a P1 sent at 10:00 is unanswered at %s, then the triggers are %j', (time, expected) => {
    expect(summary(triggersAt(`2026-11-20T${time}`, SENT_10))).toEqual(expected);
  });

  it.each([
    ['10:22:30', []],
    ['10:22:31', [['probe.at_risk', 'vendor_first_response', utc('2026-11-20T10:22:30')]]],
    ['10:30:00', [['probe.at_risk', 'vendor_first_response', utc('2026-11-20T10:22:30')]]],
    [
      '10:30:01',
      [
        ['probe.at_risk', 'vendor_first_response', utc('2026-11-20T10:22:30')],
        ['probe.breached', 'vendor_first_response', utc('2026-11-20T10:30:00')],
      ],
    ],
  ])(
    'when the vendor promised a reply within 30 minutes 24x7 and none came by %s, then the promise triggers are %j',
    (time, expected) => {
      const sla: SlaClauses = { responseTargets: { P1: { minutes: 30, coverage: '24x7' } } };
      expect(summary(triggersAt(`2026-11-20T${time}`, SENT_10, { sla }))).toEqual(expected);
    },
  );

  it.each([
    ['2026-11-23T11:00:00', []],
    ['2026-11-23T11:00:01', [['probe.at_risk', 'first_response', utc('2026-11-23T11:00:00')]]],
    [
      '2026-11-23T12:00:01',
      [
        ['probe.at_risk', 'first_response', utc('2026-11-23T11:00:00')],
        ['probe.breached', 'first_response', utc('2026-11-23T12:00:00')],
      ],
    ],
  ])(
    'when a P2 (240 business minutes) sent Friday 17:00 is unanswered at %s, then the business clock gives %j',
    (asOf, expected) => {
      const probe = { severity: 'P2' as const, sentAt: shanghai('2026-11-20T17:00:00') };
      const triggers = triggersAt(asOf, probe).filter((trigger) => trigger.target === 'first_response');
      expect(summary(triggers)).toEqual(expected);
      for (const trigger of triggers) expect(trigger).toMatchObject({ minutes: 240, clock: 'business' });
    },
  );

  it.each([
    ['2026-11-21T04:00:00', []],
    ['2026-11-21T04:00:01', [['probe.at_risk', 'resolution', utc('2026-11-21T04:00:00')]]],
  ])(
    'when a P1 answered at 10:10 is still open at %s, then the resolution target (75% of 1440 min) gives %j',
    (asOf, expected) => {
      const probe = { ...SENT_10, events: events([shanghai('2026-11-20T10:10:00'), 'ack']) };
      const triggers = triggersAt(asOf, probe).filter((trigger) => trigger.type !== 'escalation.due');
      expect(summary(triggers)).toEqual(expected);
    },
  );

  it.each([
    ['no escalation path: 75% of the resolution target', {}, '2026-11-21T04:00:00', []],
    [
      'no escalation path: 75% of the resolution target',
      {},
      '2026-11-21T04:00:01',
      [['escalation.due', 'escalation', utc('2026-11-21T04:00:00')]],
    ],
    [
      'an L3 level after 120 minutes',
      { escalationPath: [{ level: 'L2' }, { level: 'L3', afterMinutes: 120 }] },
      '2026-11-20T12:00:00',
      [],
    ],
    [
      'an L3 level after 120 minutes',
      { escalationPath: [{ level: 'L2' }, { level: 'L3', afterMinutes: 120 }] },
      '2026-11-20T12:00:01',
      [['escalation.due', 'escalation', utc('2026-11-20T12:00:00')]],
    ],
  ])(
    'when the vendor has %s and we have not asked, at %s, then the escalation triggers are %j',
    (_what, sla: SlaClauses, asOf, expected) => {
      const probe = { ...SENT_10, events: events([shanghai('2026-11-20T10:10:00'), 'ack']) };
      const triggers = triggersAt(asOf, probe, { sla }).filter((trigger) => trigger.target === 'escalation');
      expect(summary(triggers)).toEqual(expected);
    },
  );

  it.each([
    ['2026-11-19T12:00:00', []],
    ['2026-11-19T12:00:01', [['escalation.due', 'escalation', utc('2026-11-19T12:00:00')]]],
  ])(
    'when a P2 sent Monday 09:00 is open at %s, then escalation is due at 75% of 40 business hours (Thursday 12:00): %j',
    (asOf, expected) => {
      const probe = {
        severity: 'P2' as const,
        sentAt: shanghai('2026-11-16T09:00:00'),
        events: events([shanghai('2026-11-16T09:30:00'), 'ack']),
      };
      const triggers = triggersAt(asOf, probe).filter((trigger) => trigger.target === 'escalation');
      expect(summary(triggers)).toEqual(expected);
      for (const trigger of triggers) expect(trigger).toMatchObject({ minutes: 1800, clock: 'business' });
    },
  );

  it.each([
    ['sla-score/1', [['probe.at_risk', 'resolution', utc('2026-11-21T04:00:00')]]],
    ['sla-score/2', []],
  ] as [ScoringModel, unknown[]][])(
    'when the vendor has waited on us since 10:10 and it is the next day 06:00 under %s, then the resolution triggers are %j',
    (model, expected) => {
      const probe = { ...SENT_10, events: events([shanghai('2026-11-20T10:10:00'), 'info_request']) };
      const triggers = triggersAt('2026-11-21T06:00:00', probe, { trial: { model } }).filter(
        (trigger) => trigger.target === 'resolution',
      );
      expect(summary(triggers)).toEqual(expected);
    },
  );

  it('when the vendor promised a resolution within 8 hours, then its promise breaches on its own after the reply', () => {
    const sla: SlaClauses = {
      responseTargets: { P1: { minutes: 30, coverage: '24x7' } },
      resolutionTargets: { P1: { minutes: 480 } },
    };
    const probe = { ...SENT_10, events: events([shanghai('2026-11-20T10:10:00'), 'ack']) };
    const triggers = triggersAt('2026-11-20T18:00:01', probe, { sla });
    expect(summary(triggers)).toEqual([
      ['probe.at_risk', 'vendor_resolution', utc('2026-11-20T16:00:00')],
      ['probe.breached', 'vendor_resolution', utc('2026-11-20T18:00:00')],
    ]);
  });

  it('when we already sent an escalation request, then no escalation is due however late it is', () => {
    const probe = {
      ...SENT_10,
      events: events(
        [shanghai('2026-11-20T10:10:00'), 'ack'],
        [shanghai('2026-11-20T10:20:00'), 'escalation_request'],
      ),
    };
    const triggers = triggersAt('2026-11-22T10:00:00', probe);
    expect(triggers.map((trigger) => trigger.type)).not.toContain('escalation.due');
    expect(triggers.map((trigger) => trigger.type)).toContain('probe.breached');
  });

  it('when the severity has no escalation target (P3), then no escalation is ever due', () => {
    const probe = { severity: 'P3' as const, sentAt: shanghai('2026-11-20T10:00:00') };
    const sla: SlaClauses = { escalationPath: [{ level: 'L2', afterMinutes: 10 }] };
    expect(triggersAt('2026-12-20T10:00:00', probe, { sla }).map((trigger) => trigger.type)).not.toContain(
      'escalation.due',
    );
  });

  it.each([
    ['14:10:00', []],
    ['14:11:00', [['probe.waiting_on_us', 'our_answer', utc('2026-11-20T14:10:00')]]],
  ])(
    'when the vendor asked us for information at 10:10 and we have not answered by %s (limit 240 min), then %j',
    (time, expected) => {
      const probe = { ...SENT_10, events: events([shanghai('2026-11-20T10:10:00'), 'info_request']) };
      const triggers = triggersAt(`2026-11-20T${time}`, probe).filter(
        (trigger) => trigger.target === 'our_answer',
      );
      expect(summary(triggers)).toEqual(expected);
    },
  );

  it.each([
    ['fixed', 'confirmed_fixed'],
    ['closed unresolved', 'closed_unresolved'],
  ])('when the probe was %s, then nothing fires for it', (_what, kind) => {
    const probe = { ...SENT_10, events: events([shanghai('2026-11-20T10:10:00'), kind]) };
    expect(triggersAt('2026-11-25T10:00:00', probe)).toEqual([]);
  });

  it('when the trial is closed, then nothing fires even for a long-breached probe', () => {
    const closed = {
      status: 'closed' as const,
      snapshot: { sha256: 'a'.repeat(64), at: utc('2026-11-21T10:00:00') },
    };
    expect(triggersAt('2026-11-25T10:00:00', SENT_10, { trial: closed })).toEqual([]);
    expect(triggersAt('2026-11-25T10:00:00', SENT_10)).not.toEqual([]);
  });

  it('when a P0 is left unanswered for days, then each (probe, target, type) appears once with its own limit', () => {
    const sla: SlaClauses = { responseTargets: { P0: { minutes: 10, coverage: '24x7' } } };
    const triggers = triggersAt('2026-11-23T10:00:00', { severity: 'P0', sentAt: SENT_10.sentAt }, { sla });
    expect(triggers.map((trigger) => [triggerKey(trigger), trigger.minutes])).toEqual([
      ['p1|vendor_first_response|probe.at_risk', 10],
      ['p1|vendor_first_response|probe.breached', 10],
      ['p1|first_response|probe.at_risk', 15],
      ['p1|first_response|probe.breached', 15],
      ['p1|escalation|escalation.due', 180],
    ]);
  });
});

/**
 * With the events fixed (all before the first look), a later look keeps every trigger of an
 * earlier one, at the same instant: the alerts never take back what fired, and a slow check
 * tells the same story as a fast one.
 */
describe('alertTriggers over time (property)', () => {
  const BASE_MS = Date.parse('2026-11-16T00:00:00+08:00');
  const MINUTE_MS = 60_000;
  const at = (minutes: number) => new Date(BASE_MS + minutes * MINUTE_MS).toISOString();
  const KINDS = [...VENDOR_EVENT_KINDS, ...BUYER_EVENT_KINDS];

  const promise = fc.option(
    fc.record({
      minutes: fc.integer({ min: 1, max: 3000 }),
      coverage: fc.constantFrom('24x7' as const, 'business' as const),
    }),
    { nil: undefined },
  );
  const slaArb: fc.Arbitrary<SlaClauses> = fc.record({
    responseTargets: fc.record({ P0: promise, P1: promise, P2: promise, P3: promise }),
    resolutionTargets: fc.record({
      P0: fc.option(fc.record({ minutes: fc.integer({ min: 1, max: 6000 }) }), { nil: undefined }),
      P2: fc.option(fc.record({ minutes: fc.integer({ min: 1, max: 6000 }) }), { nil: undefined }),
    }),
    escalationPath: fc.array(
      fc.record({
        level: fc.constantFrom('L2', 'R&D'),
        afterMinutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
      }),
      { maxLength: 2 },
    ),
  });
  const probeArb = fc.record({
    severity: fc.constantFrom(...SEVERITIES),
    sentOffset: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    events: fc.array(
      fc.record({ offset: fc.integer({ min: 0, max: 3 * 24 * 60 }), kind: fc.constantFrom(...KINDS) }),
      { maxLength: 6 },
    ),
  });
  const caseArb = fc.record({
    model: fc.constantFrom<ScoringModel>('sla-score/1', 'sla-score/2'),
    sla: slaArb,
    probes: fc.array(probeArb, { minLength: 1, maxLength: 4 }),
    /** Minutes after the last event (or send) of the first look, then between the looks. */
    firstLook: fc.integer({ min: 0, max: 5 * 24 * 60 }),
    later: fc.integer({ min: 0, max: 10 * 24 * 60 }),
    waitingMinutes: fc.integer({ min: 1, max: 600 }),
  });

  it('when asOf moves forward with no new events, then triggers only grow, keep their instants and never repeat', () => {
    fc.assert(
      fc.property(caseArb, (spec) => {
        const trial = buildTrial({ id: 'trial-prop', model: spec.model });
        const vendor = buildVendor({ id: 'vendor-prop', trialId: trial.id, sla: spec.sla });
        let lastMinute = 0;
        const probes = spec.probes.map((probe, index) => {
          const timeline = probe.events
            .map((event) => ({ ...event, offset: probe.sentOffset + event.offset }))
            .sort((a, b) => a.offset - b.offset);
          lastMinute = Math.max(lastMinute, probe.sentOffset, ...timeline.map((event) => event.offset));
          return buildProbe({
            id: `p${index}`,
            trialId: trial.id,
            vendorId: vendor.id,
            severity: probe.severity,
            sentAt: at(probe.sentOffset),
            events: events(...timeline.map((event) => [at(event.offset), event.kind] as [string, string])),
          });
        });
        const data = { trial, vendors: [vendor], probes };
        const rules = { waitingMinutes: spec.waitingMinutes };
        const firstMs = BASE_MS + (lastMinute + spec.firstLook) * MINUTE_MS;
        const before = alertTriggers(data, firstMs, rules);
        const after = alertTriggers(data, firstMs + spec.later * MINUTE_MS, rules);
        const afterByKey = new Map(after.map((trigger) => [triggerKey(trigger), trigger]));
        expect(afterByKey.size).toBe(after.length);
        expect(new Set(before.map(triggerKey)).size).toBe(before.length);
        for (const trigger of before) expect(afterByKey.get(triggerKey(trigger))).toEqual(trigger);
      }),
      { numRuns: 300 },
    );
  });
});
