/**
 * Reference data for benchmarks (SPEC §10): a trial with N vendors × M probes × ~8 events,
 * generated from a seeded PRNG so every run measures the same data.
 */
import {
  CATEGORIES,
  DEFAULT_TARGETS,
  DEFAULT_WEIGHTS,
  NEWEST_MODEL,
  SEVERITIES,
  TrialExportSchema,
  type TrialExport,
  type VendorEventKind,
} from '../src/domain/schemas.js';
import { seededRandom } from '../src/domain/prng.js';

const STORY: [VendorEventKind, number][] = [
  ['ack', 20],
  ['info_request', 45],
  ['troubleshooting', 120],
  ['handoff', 200],
  ['diagnosis', 400],
  ['escalation', 500],
  ['root_cause', 900],
  ['fix', 1500],
];

export function generateTrial(vendorCount = 20, probesPerVendor = 100, seed = 'bench'): TrialExport {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const start = Date.parse('2026-09-01T01:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const trialId = `trial_${seed}`;
  const created = iso(start - 86_400_000);
  const vendors = Array.from({ length: vendorCount }, (_, v) => ({
    id: `vendor_${v}`,
    trialId,
    name: v % 3 === 0 ? `供应商 ${v}` : `Vendor ${v}`,
    sla: {
      severityDefinitions: random() < 0.7,
      responseTargets: {
        P0: { minutes: pick([10, 15, 30, 60]), coverage: pick(['24x7', 'business'] as const) },
        P1: { minutes: pick([30, 60, 120]), coverage: pick(['24x7', 'business'] as const) },
        P2: { minutes: pick([120, 240, 480]), coverage: 'business' as const },
      },
      escalationPath: [
        { level: 'L2', contact: 'l2@example.com', afterMinutes: 60 },
        { level: 'R&D', afterMinutes: 240 },
      ],
      serviceCredits: { offered: random() < 0.5 },
      channels: { hotline24x7: random() < 0.5, dedicatedCsm: random() < 0.3 },
      rcaCommitment: random() < 0.5,
    },
    ...(v % 4 === 0
      ? {
          supportHours: {
            timezone: 'Asia/Shanghai',
            days: [1, 2, 3, 4, 5],
            start: '09:00',
            end: '17:30',
            holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
            extraWorkdays: ['2026-09-27', '2026-10-10'],
          },
        }
      : {}),
    createdAt: created,
    updatedAt: created,
  }));
  let eventSeq = 0;
  const probes = vendors.flatMap((vendor) =>
    Array.from({ length: probesPerVendor }, (_, p) => {
      const sentMs = start + Math.floor(random() * 60 * 86_400_000);
      const speed = 0.2 + random() * 3;
      let at = sentMs;
      const events: TrialExport['probes'][number]['events'][number][] = [];
      for (const [kind, minutes] of STORY) {
        if (random() < 0.12) continue;
        at = Math.max(at, sentMs + minutes * speed * 60_000 * (0.5 + random()));
        events.push({ id: `event_${++eventSeq}`, at: iso(at), actor: 'vendor', kind });
      }
      if (random() < 0.3) {
        events.splice(2, 0, {
          id: `event_${++eventSeq}`,
          at: events[1]?.at ?? iso(sentMs),
          actor: 'buyer',
          kind: 'escalation_request',
        });
      }
      if (random() < 0.75) {
        events.push({
          id: `event_${++eventSeq}`,
          at: iso(at + 1_800_000),
          actor: 'buyer',
          kind: pick(['confirmed_fixed', 'confirmed_workaround', 'closed_unresolved']),
        });
      }
      return {
        id: `probe_${vendor.id}_${p}`,
        trialId,
        vendorId: vendor.id,
        title: `Probe ${p}`,
        severity: pick(SEVERITIES),
        category: pick(CATEGORIES),
        difficulty: random() < 0.3 ? ('hard' as const) : ('known' as const),
        channel: 'ticket' as const,
        sentAt: iso(sentMs),
        ratings: {},
        events,
        createdAt: iso(sentMs),
        updatedAt: iso(at),
      };
    }),
  );
  return TrialExportSchema.parse({
    format: 'sla-probe-trial/1',
    trial: {
      id: trialId,
      name: 'Benchmark trial',
      status: 'running',
      timezone: 'Asia/Shanghai',
      weights: DEFAULT_WEIGHTS,
      targets: DEFAULT_TARGETS,
      calendar: {
        timezone: 'Asia/Shanghai',
        days: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '18:00',
        holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
        extraWorkdays: ['2026-09-27', '2026-10-10'],
      },
      knockouts: {},
      model: NEWEST_MODEL,
      createdAt: created,
      updatedAt: created,
    },
    vendors,
    scenarios: [],
    probes,
  });
}
