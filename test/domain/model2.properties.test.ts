import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveProbeMetrics } from '../../src/domain/metrics.js';
import {
  BUYER_EVENT_KINDS,
  CalendarSchema,
  SEVERITIES,
  VENDOR_EVENT_KINDS,
  type Probe,
  type ScoringModel,
  type Severity,
  type TrialExport,
} from '../../src/domain/schemas.js';
import { computeScorecard, type ProbeScore } from '../../src/domain/scoring/scorecard.js';
import { BusinessClock, CALENDAR_CLOCK, type SlaClock } from '../../src/domain/time.js';
import { effectiveSpan, probeWaits } from '../../src/domain/waits.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';

/**
 * Laws of sla-score/2 (SPEC §5.2) over random probes: effective time never exceeds plain
 * time; a probe counted under both models never loses resolution or escalation points under
 * sla-score/2; sla-score/1 does not see waits at all. Probes are sent within a week of
 * Monday 2026-10-19 (so the Berlin autumn DST change falls inside), events follow within ten
 * days with info requests and answers made frequent; asOf falls in the following three weeks.
 */
const BASE_MS = Date.parse('2026-10-19T00:00:00Z');
const MINUTE_MS = 60_000;
const RUNS = { numRuns: 150 };
const at = (minutes: number) => new Date(BASE_MS + minutes * MINUTE_MS).toISOString();

interface EventSpec {
  offset: number;
  kind: string;
}
interface ProbeSpec {
  severity: Severity;
  difficulty: 'known' | 'hard';
  sentOffset: number;
  events: EventSpec[];
}

const kindArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('info_request', 'info_provided') },
  { weight: 1, arbitrary: fc.constantFrom('escalation_request', 'escalation', 'handoff', 'fix', 'ack') },
  { weight: 2, arbitrary: fc.constantFrom(...VENDOR_EVENT_KINDS, ...BUYER_EVENT_KINDS) },
);
const eventArb = fc.record({ offset: fc.integer({ min: 0, max: 10 * 24 * 60 }), kind: kindArb });
const probeArb: fc.Arbitrary<ProbeSpec> = fc.record({
  severity: fc.constantFrom(...SEVERITIES),
  difficulty: fc.constantFrom('known' as const, 'hard' as const),
  sentOffset: fc.integer({ min: 0, max: 7 * 24 * 60 }),
  events: fc.array(eventArb, { maxLength: 10 }),
});
const timezoneArb = fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York');
const asOfArb = fc.integer({ min: 0, max: 21 * 24 * 60 });

function toProbe(spec: ProbeSpec, trialId: string, index: number): Probe {
  const sentMs = BASE_MS + spec.sentOffset * MINUTE_MS;
  const ordered = [...spec.events].sort((a, b) => a.offset - b.offset);
  return buildProbe({
    id: `probe-${index}`,
    trialId,
    vendorId: 'vendor-x',
    severity: spec.severity,
    difficulty: spec.difficulty,
    sentAt: new Date(sentMs).toISOString(),
    events: events(
      ...ordered.map(({ offset, kind }): [string, string] => [at(spec.sentOffset + offset), kind]),
    ),
  });
}

function trialOf(model: ScoringModel, timezone: string, specs: ProbeSpec[]): TrialExport {
  const trial = buildTrial({ id: 'trial-prop', timezone, model });
  const vendor = buildVendor({ id: 'vendor-x', trialId: trial.id, name: 'X' });
  return {
    format: 'sla-probe-trial/1',
    trial,
    vendors: [vendor],
    scenarios: [],
    probes: specs.map((spec, index) => toProbe(spec, trial.id, index)),
  };
}

function probeScores(data: TrialExport, asOfMinutes: number): ProbeScore[] {
  const card = computeScorecard(data, BASE_MS + asOfMinutes * MINUTE_MS, { robustness: false });
  return card.vendors[0]?.probes ?? [];
}

const clockArb: fc.Arbitrary<SlaClock> = fc.constantFrom<SlaClock>(
  CALENDAR_CLOCK,
  new BusinessClock(
    CalendarSchema.parse({
      timezone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
      holidays: [],
      extraWorkdays: [],
    }),
  ),
  new BusinessClock(
    CalendarSchema.parse({
      timezone: 'Europe/Berlin',
      days: [1, 2, 3, 4, 5, 6, 7],
      start: '00:00',
      end: '24:00',
      holidays: [],
      extraWorkdays: [],
    }),
  ),
);

describe('sla-score/2 properties', () => {
  it('when any span is measured against any waits, then effective ≤ plain, both ≥ 0, and effective + waited = plain', () => {
    fc.assert(
      fc.property(
        clockArb,
        probeArb,
        asOfArb,
        fc.integer({ min: 0, max: 21 * 24 * 60 }),
        fc.integer({ min: 0, max: 21 * 24 * 60 }),
        (clock, spec, asOf, a, b) => {
          const probe = toProbe(spec, 'trial', 0);
          const waits = probeWaits(probe.events, BASE_MS + asOf * MINUTE_MS);
          const fromMs = BASE_MS + Math.min(a, b) * MINUTE_MS;
          const toMs = BASE_MS + Math.max(a, b) * MINUTE_MS;
          const plain = clock.minutesBetween(fromMs, toMs);
          const { minutes, waitedMinutes } = effectiveSpan(clock, fromMs, toMs, waits);
          expect(minutes).toBeLessThanOrEqual(plain + 1e-9);
          expect(minutes).toBeGreaterThanOrEqual(0);
          expect(waitedMinutes).toBeGreaterThanOrEqual(0);
          expect(minutes + waitedMinutes).toBeCloseTo(plain, 6);
        },
      ),
      RUNS,
    );
  });

  it('when any timeline is read, then waits are ordered, disjoint, inside [first event, asOf], and only the last may be open', () => {
    fc.assert(
      fc.property(probeArb, asOfArb, (spec, asOf) => {
        const probe = toProbe(spec, 'trial', 0);
        const asOfMs = BASE_MS + asOf * MINUTE_MS;
        const metrics = deriveProbeMetrics(probe, asOfMs);
        metrics.waits.forEach((wait, index) => {
          expect(wait.startMs).toBeLessThanOrEqual(wait.endMs);
          expect(wait.endMs).toBeLessThanOrEqual(Math.max(asOfMs, wait.startMs));
          const next = metrics.waits[index + 1];
          if (next) {
            expect(wait.open).toBe(false);
            expect(wait.endMs).toBeLessThanOrEqual(next.startMs);
          }
        });
        expect(metrics.waitingOnUs).toBe(metrics.waits.at(-1)?.open ?? false);
      }),
      RUNS,
    );
  });

  it('when a probe counts under both models, then sla-score/2 never gives it fewer resolution or escalation points', () => {
    fc.assert(
      fc.property(
        timezoneArb,
        fc.array(probeArb, { minLength: 1, maxLength: 4 }),
        asOfArb,
        (zone, specs, asOf) => {
          const first = probeScores(trialOf('sla-score/1', zone, specs), asOf);
          const second = probeScores(trialOf('sla-score/2', zone, specs), asOf);
          expect(second.length).toBe(first.length);
          first.forEach((one, index) => {
            const two = second[index];
            if (!two) throw new Error('probe missing under sla-score/2');
            for (const dimension of ['resolution', 'escalation'] as const) {
              const [a, b] = [one.findings[dimension], two.findings[dimension]];
              if (a.status === 'counted' && b.status === 'counted') {
                expect(b.points ?? 0).toBeGreaterThanOrEqual((a.points ?? 0) - 1e-9);
              }
            }
            // Responsiveness and promise keeping ignore the model.
            expect(two.findings.responsiveness).toEqual(one.findings.responsiveness);
            expect(two.findings.commitment).toEqual(one.findings.commitment);
          });
        },
      ),
      RUNS,
    );
  });

  it('when answers to info requests are added or removed, then sla-score/1 scores every probe the same', () => {
    fc.assert(
      fc.property(
        timezoneArb,
        fc.array(probeArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 10 * 24 * 60 }), { maxLength: 4 }),
        asOfArb,
        (zone, specs, answers, asOf) => {
          const withoutAnswers = specs.map((spec) => ({
            ...spec,
            events: spec.events.filter((event) => event.kind !== 'info_provided'),
          }));
          const withMoreAnswers = specs.map((spec) => ({
            ...spec,
            events: [...spec.events, ...answers.map((offset) => ({ offset, kind: 'info_provided' }))],
          }));
          const base = probeScores(trialOf('sla-score/1', zone, specs), asOf);
          for (const variant of [withoutAnswers, withMoreAnswers]) {
            const scores = probeScores(trialOf('sla-score/1', zone, variant), asOf);
            expect(scores.map((probe) => probe.findings)).toEqual(base.map((probe) => probe.findings));
          }
        },
      ),
      RUNS,
    );
  });

  it('when a trial has no info request at all, then both models give the same points', () => {
    fc.assert(
      fc.property(
        timezoneArb,
        fc.array(probeArb, { minLength: 1, maxLength: 4 }),
        asOfArb,
        (zone, specs, asOf) => {
          const noWaits = specs.map((spec) => ({
            ...spec,
            events: spec.events.filter((event) => event.kind !== 'info_request'),
          }));
          const first = probeScores(trialOf('sla-score/1', zone, noWaits), asOf);
          const second = probeScores(trialOf('sla-score/2', zone, noWaits), asOf);
          expect(second.map((probe) => probe.points)).toEqual(first.map((probe) => probe.points));
        },
      ),
      RUNS,
    );
  });
});
