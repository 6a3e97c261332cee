/** Test data builders with overrides; every record goes through its schema, like stored data. */
import {
  DEFAULT_TARGETS,
  DEFAULT_WEIGHTS,
  defaultCalendar,
  EventSchema,
  ProbeSchema,
  TrialSchema,
  VendorSchema,
  type Probe,
  type ProbeEvent,
  type Trial,
  type Vendor,
} from '../src/domain/schemas.js';

let sequence = 0;
const nextId = (prefix: string) => `${prefix}_${++sequence}`;
const CREATED = '2026-01-01T00:00:00Z';

export function buildTrial(overrides: Partial<Trial> = {}): Trial {
  const timezone = overrides.timezone ?? 'Asia/Shanghai';
  return TrialSchema.parse({
    id: nextId('trial'),
    name: 'RTC SDK selection 2026 Q4',
    status: 'running',
    timezone,
    weights: DEFAULT_WEIGHTS,
    targets: DEFAULT_TARGETS,
    calendar: defaultCalendar(timezone),
    knockouts: {},
    // The model the scoring tests were written for; model 2's tests ask for it.
    model: 'sla-score/1',
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  });
}

export function buildVendor(overrides: Partial<Vendor> = {}): Vendor {
  return VendorSchema.parse({
    id: nextId('vendor'),
    trialId: 'trial',
    name: 'Vendor',
    sla: {},
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  });
}

type EventSpec = [at: string, kind: string, extra?: Partial<ProbeEvent>];

/** Events from compact tuples; the actor follows from the kind. */
export function events(...specs: EventSpec[]): ProbeEvent[] {
  const buyerKinds = new Set([
    'info_provided',
    'escalation_request',
    'confirmed_fixed',
    'confirmed_workaround',
    'closed_unresolved',
    'reopened',
    'note',
  ]);
  return specs.map(([at, kind, extra]) =>
    EventSchema.parse({
      id: nextId('event'),
      at,
      kind,
      actor: buyerKinds.has(kind) ? 'buyer' : 'vendor',
      ...extra,
    }),
  );
}

export function buildProbe(
  overrides: Partial<Omit<Probe, 'events'>> & { events?: ProbeEvent[] } = {},
): Probe {
  return ProbeSchema.parse({
    id: nextId('probe'),
    trialId: 'trial',
    vendorId: 'vendor',
    title: 'Push stream fails for all users',
    severity: 'P1',
    category: 'server-outage',
    difficulty: 'known',
    channel: 'ticket',
    sentAt: '2026-11-20T10:00:00+08:00',
    ratings: {},
    events: [],
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  });
}
