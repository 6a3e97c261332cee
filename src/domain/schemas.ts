/**
 * Every persisted shape of SLA Probe (SPEC §2), the only definition of each.
 * TypeScript types come from `z.infer` right under each schema.
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { isStoredInstant } from './instant.js';
import { multiLineText, singleLine, singleLineText } from './text.js';
import type { DeepReadonly } from './readonly.js';

export const SEVERITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const DIMENSIONS = ['responsiveness', 'resolution', 'escalation', 'commitment'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Instants outside these years are input mistakes, and would make SLA clocks walk centuries. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2199;

/** ISO 8601 instant with an offset (or Z) on input, seconds optional; stored in UTC. */
export const InstantSchema = z
  .string()
  .refine(
    (value) =>
      // The stored form is already valid and normal: no date library needed (start-up reads
      // every stored timestamp through here).
      isStoredInstant(value) ||
      (INSTANT_PATTERN.test(value) && DateTime.fromISO(value, { setZone: true }).isValid),
    { message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-20T10:00+08:00' },
  )
  .transform((value) =>
    isStoredInstant(value) ? value : (DateTime.fromISO(value, { setZone: true }).toUTC().toISO() ?? value),
  )
  .refine(
    (value) => {
      const year = Number(value.slice(0, 4));
      return year >= FIRST_YEAR && year <= LAST_YEAR;
    },
    { message: `must be between the years ${FIRST_YEAR} and ${LAST_YEAR}` },
  );
export type Instant = z.infer<typeof InstantSchema>;

export const TimeZoneSchema = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), { message: 'must be an IANA time zone, e.g. Asia/Shanghai' });

const LocalDateSchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const ClockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM (00:00–24:00)');
const MinutesSchema = z.number().nonnegative();
const PositiveMinutesSchema = z.number().positive();
/** Ids come back in imports and go into URLs: a broken character would break every link to the record. */
const IdSchema = singleLine(z.string().min(1).max(200));
/** Names and titles: one line, never blank. */
const ShortTextSchema = singleLine(z.string().trim().min(1).max(200));
const LongTextSchema = multiLineText(20_000);

/** A stretch of local time, [start, end), as in a break or one weekday's hours. */
const LocalSpanSchema = z.object({ start: ClockTimeSchema, end: ClockTimeSchema });

function spanIsOrdered(span: { start: string; end: string }): boolean {
  return span.end > span.start && span.start !== '24:00';
}

/** Weekdays "1" (Monday) to "7" (Sunday), the keys of `dayHours`. */
export const WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/**
 * A working calendar: windows [start, end) local time on working days, in its own time zone
 * (SPEC §2). `breaks` are cut out of every working day (a lunch break); `dayHours` gives a
 * listed weekday other hours (a Saturday shift); an extra workday uses the plain start/end.
 */
export const CalendarSchema = z
  .object({
    timezone: TimeZoneSchema,
    days: z.array(z.number().int().min(1).max(7)).max(7),
    start: ClockTimeSchema,
    end: ClockTimeSchema,
    holidays: z.array(LocalDateSchema).max(2000).default([]),
    extraWorkdays: z.array(LocalDateSchema).max(2000).default([]),
    breaks: z.array(LocalSpanSchema).max(10).optional(),
    dayHours: z.partialRecord(z.enum(WEEKDAY_KEYS), LocalSpanSchema).optional(),
  })
  .superRefine((calendar, context) => {
    if (!spanIsOrdered(calendar)) {
      context.addIssue({ code: 'custom', message: 'end must be after start', path: ['end'] });
    }
    const breaks = calendar.breaks ?? [];
    breaks.forEach((span, index) => {
      if (!spanIsOrdered(span)) {
        context.addIssue({
          code: 'custom',
          message: 'end must be after start',
          path: ['breaks', index, 'end'],
        });
      }
    });
    const ordered = breaks
      .map((span, index) => ({ span, index }))
      .sort((a, b) => (a.span.start < b.span.start ? -1 : a.span.start > b.span.start ? 1 : 0));
    for (let i = 1; i < ordered.length; i++) {
      const previous = ordered[i - 1];
      const current = ordered[i];
      if (previous && current && current.span.start < previous.span.end) {
        context.addIssue({
          code: 'custom',
          message: `overlaps another break (${previous.span.start}–${previous.span.end})`,
          path: ['breaks', current.index, 'start'],
        });
      }
    }
    for (const [day, span] of Object.entries(calendar.dayHours ?? {})) {
      if (!calendar.days.includes(Number(day))) {
        context.addIssue({
          code: 'custom',
          message: 'this weekday is not a working day (add it to days first)',
          path: ['dayHours', day],
        });
      }
      if (!spanIsOrdered(span)) {
        context.addIssue({
          code: 'custom',
          message: 'end must be after start',
          path: ['dayHours', day, 'end'],
        });
      }
    }
  });
export type Calendar = DeepReadonly<z.infer<typeof CalendarSchema>>;

export function defaultCalendar(timezone: string): Calendar {
  return { timezone, days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', holidays: [], extraWorkdays: [] };
}

export const ClockSchema = z.enum(['calendar', 'business']);
export type Clock = z.infer<typeof ClockSchema>;

export const SeverityTargetSchema = z.object({
  firstResponseMinutes: PositiveMinutesSchema,
  clock: ClockSchema,
  resolutionMinutes: PositiveMinutesSchema.nullable(),
  escalationMinutes: PositiveMinutesSchema.nullable(),
});
export type SeverityTarget = z.infer<typeof SeverityTargetSchema>;

/** Industry tiers from seeds/README.md (004's table), SPEC §2. */
export const DEFAULT_TARGETS = {
  P0: { firstResponseMinutes: 15, clock: 'calendar', resolutionMinutes: 240, escalationMinutes: 30 },
  P1: { firstResponseMinutes: 60, clock: 'calendar', resolutionMinutes: 1440, escalationMinutes: 120 },
  P2: { firstResponseMinutes: 240, clock: 'business', resolutionMinutes: 2400, escalationMinutes: 480 },
  P3: { firstResponseMinutes: 480, clock: 'business', resolutionMinutes: null, escalationMinutes: null },
} as const satisfies Record<Severity, SeverityTarget>;

export const TargetsSchema = z.object({
  P0: SeverityTargetSchema,
  P1: SeverityTargetSchema,
  P2: SeverityTargetSchema,
  P3: SeverityTargetSchema,
});
export type Targets = DeepReadonly<z.infer<typeof TargetsSchema>>;

/** Resolution weighs most: "in the end the hard metric is whether the problem gets solved" (seed 004). */
export const DEFAULT_WEIGHTS = {
  responsiveness: 0.25,
  resolution: 0.35,
  escalation: 0.2,
  commitment: 0.2,
} as const;

export const WeightsSchema = z
  .object({
    responsiveness: z.number().nonnegative(),
    resolution: z.number().nonnegative(),
    escalation: z.number().nonnegative(),
    commitment: z.number().nonnegative(),
  })
  .refine((w) => Math.abs(w.responsiveness + w.resolution + w.escalation + w.commitment - 1) <= 0.001, {
    message: 'weights must sum to 1 (within 0.001)',
  });
export type Weights = z.infer<typeof WeightsSchema>;

/** Gates a vendor must pass whatever its score; a failing vendor is ranked but marked disqualified. */
export const KnockoutsSchema = z.object({
  p0Coverage24x7: z.boolean().default(false),
  serviceCredits: z.boolean().default(false),
  escalationPath: z.boolean().default(false),
  maxP0ResponseMinutes: PositiveMinutesSchema.nullable().default(null),
});
export type Knockouts = z.infer<typeof KnockoutsSchema>;

export const TrialStatusSchema = z.enum(['planning', 'running', 'closed']);

/**
 * The scoring models (SPEC §5). `sla-score/2` is `sla-score/1` except that time spent waiting
 * on us does not count against the vendor (§5.2). New trials get the newest; a trial stored
 * before models had versions keeps `sla-score/1`, so its scores do not move.
 */
export const SCORING_MODELS = ['sla-score/1', 'sla-score/2'] as const;
export const ScoringModelSchema = z.enum(SCORING_MODELS);
export type ScoringModel = z.infer<typeof ScoringModelSchema>;
export const NEWEST_MODEL: ScoringModel = 'sla-score/2';
/** The model of everything stored or exported before models had versions. */
export const FIRST_MODEL: ScoringModel = 'sla-score/1';

/** An ISO 4217 currency code ("CNY", "USD"), for costs. */
export const CurrencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code like CNY or USD' });

/** A support plan's annual cost: anything above this is a typing mistake, not a price. */
export const MAX_ANNUAL_COST = 1e12;

/** One approver's sign-off on the decision, or objection with a reason (SPEC §5.4). */
export const ApprovalSchema = z
  .object({
    by: IdSchema,
    at: InstantSchema,
    verdict: z.enum(['approve', 'object']),
    note: multiLineText(5000).optional(),
  })
  .refine((approval) => approval.verdict === 'approve' || (approval.note ?? '').trim() !== '', {
    message: 'an objection needs a reason',
    path: ['note'],
  });
export type Approval = DeepReadonly<z.infer<typeof ApprovalSchema>>;

/**
 * The team's recommendation (SPEC §5.4): which vendor (null: none of them) and why, who
 * recorded it, the approvers the lead chose, and each approver's sign-off or objection.
 */
export const DecisionSchema = z.object({
  vendorId: IdSchema.nullable(),
  rationale: multiLineText(20_000),
  decidedAt: InstantSchema,
  decidedBy: IdSchema,
  /** The users asked to approve (any signed-in user, viewers included). */
  approvers: z.array(IdSchema).max(50).default([]),
  approvals: z.array(ApprovalSchema).max(50).default([]),
});
export type Decision = DeepReadonly<z.infer<typeof DecisionSchema>>;

/** What a closed trial's data was when it was frozen: the SHA-256 of its canonical export. */
export const SnapshotSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  at: InstantSchema,
});
export type Snapshot = DeepReadonly<z.infer<typeof SnapshotSchema>>;

/** One question of the trial's diligence questionnaire, the same for every vendor. */
export const DiligenceItemSchema = singleLineText(300).trim().min(1);

/** A person's name as shown in a chat group. */
export const ChatNameSchema = singleLineText(100).trim().min(1);

/** A mail domain ("vendor.example"), lower case: who sent an imported message. */
export const MailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    message: 'must be a mail domain like vendor.example',
  });

export const TrialSchema = z.object({
  id: IdSchema,
  name: ShortTextSchema,
  description: LongTextSchema.optional(),
  status: TrialStatusSchema,
  timezone: TimeZoneSchema,
  weights: WeightsSchema,
  targets: TargetsSchema,
  calendar: CalendarSchema,
  knockouts: KnockoutsSchema,
  model: ScoringModelSchema,
  /** When it was put away: listed apart, under "Archived", and otherwise unchanged. */
  archivedAt: InstantSchema.optional(),
  /** The sample trial, loaded to look around: loading it again offers to open this one. */
  sample: z.literal(true).optional(),
  /** Our own mail domains: an imported message from one of them is ours (a buyer event). */
  teamDomains: z.array(MailDomainSchema).max(50).optional(),
  /** Our own people's names in chat groups: a pasted chat line from one of them is ours. */
  teamChatNames: z.array(ChatNameSchema).max(200).optional(),
  /** The currency costs are compared in, and the rates that bring other currencies into it. */
  currency: CurrencySchema.optional(),
  /** `{CUR: rate}`: one unit of CUR is `rate` units of the trial currency. */
  exchangeRates: z.record(CurrencySchema, z.number().positive().max(1e9)).optional(),
  /** The diligence questionnaire (SPEC §2), asked of every vendor alike. */
  diligenceItems: z.array(DiligenceItemSchema).max(60).optional(),
  decision: DecisionSchema.optional(),
  /** Set when the trial is closed (frozen); kept after a reopen until the next close. */
  snapshot: SnapshotSchema.optional(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Trial = DeepReadonly<z.infer<typeof TrialSchema>>;

const CoverageSchema = z.enum(['24x7', 'business']);
const ResponsePromiseSchema = z.object({ minutes: PositiveMinutesSchema, coverage: CoverageSchema });
export type ResponsePromise = z.infer<typeof ResponsePromiseSchema>;
const MinutesPromiseSchema = z.object({ minutes: PositiveMinutesSchema });

function perSeverity<T extends z.ZodType>(schema: T) {
  return z.object({
    P0: schema.optional(),
    P1: schema.optional(),
    P2: schema.optional(),
    P3: schema.optional(),
  });
}

export const EscalationLevelSchema = z.object({
  level: ShortTextSchema,
  contact: singleLineText(500).optional(),
  afterMinutes: MinutesSchema.optional(),
});
export type EscalationLevel = z.infer<typeof EscalationLevelSchema>;

/** What the vendor's SLA document commits to; every clause optional. */
export const SlaClausesSchema = z.object({
  source: z
    .object({
      document: ShortTextSchema,
      version: singleLineText(200).optional(),
      receivedAt: InstantSchema.optional(),
    })
    .optional(),
  severityDefinitions: z.boolean().optional(),
  responseTargets: perSeverity(ResponsePromiseSchema).optional(),
  resolutionTargets: perSeverity(MinutesPromiseSchema).optional(),
  updateCadence: perSeverity(MinutesPromiseSchema).optional(),
  escalationPath: z.array(EscalationLevelSchema).max(20).optional(),
  serviceCredits: z.object({ offered: z.boolean(), terms: multiLineText(5000).optional() }).optional(),
  channels: z
    .object({
      hotline24x7: z.boolean().optional(),
      ticketPortal: z.boolean().optional(),
      imGroup: z.boolean().optional(),
      email: z.boolean().optional(),
      dedicatedCsm: z.boolean().optional(),
    })
    .optional(),
  proactiveReports: z.boolean().optional(),
  rcaCommitment: z.boolean().optional(),
  quotes: z
    .array(z.object({ ref: singleLineText(200), text: multiLineText(5000) }))
    .max(200)
    .optional(),
});
export type SlaClauses = DeepReadonly<z.infer<typeof SlaClausesSchema>>;

/**
 * What seed 004 says to check besides probes (SPEC §2): the support team, reference-customer
 * calls and the trial's questionnaire. Shown beside the scores, never inside them.
 */
export const DiligenceSchema = z.object({
  supportTeam: z
    .object({
      size: z.number().int().nonnegative().max(1_000_000).optional(),
      l2Engineers: z.number().int().nonnegative().max(1_000_000).optional(),
      rtcSpecialists: z.number().int().nonnegative().max(1_000_000).optional(),
      languages: z.array(singleLineText(50).trim().min(1)).max(20).optional(),
      hoursByTimezone: singleLineText(500).optional(),
      namedCsm: z.boolean().optional(),
      notes: multiLineText(5000).optional(),
    })
    .default({}),
  references: z
    .array(
      z.object({
        customer: ShortTextSchema,
        contactRole: singleLineText(200).optional(),
        date: LocalDateSchema,
        summary: multiLineText(5000),
        rating: z.number().int().min(1).max(5),
        wouldRecommend: z.boolean(),
      }),
    )
    .max(50)
    .default([]),
  checks: z
    .array(
      z.object({
        item: DiligenceItemSchema,
        answer: z.enum(['yes', 'no', 'partial', 'unknown']),
        note: multiLineText(2000).optional(),
      }),
    )
    .max(60)
    .default([]),
});
export type Diligence = DeepReadonly<z.infer<typeof DiligenceSchema>>;

export const VendorSchema = z.object({
  id: IdSchema,
  trialId: IdSchema,
  name: ShortTextSchema,
  product: singleLineText(200).optional(),
  supportPlan: z
    .object({
      name: ShortTextSchema,
      annualCost: z
        .number()
        .nonnegative()
        .max(MAX_ANNUAL_COST, { message: 'is not a plausible annual cost' })
        .optional(),
      /** Free text as entered before costs were compared; a code without a rate is shown as is. */
      currency: singleLineText(10).optional(),
    })
    .optional(),
  contact: singleLineText(500).optional(),
  notes: LongTextSchema.optional(),
  supportHours: CalendarSchema.optional(),
  /** The vendor's support mail domains: an imported message from one of them is the vendor's. */
  domains: z.array(MailDomainSchema).max(50).optional(),
  /** Its people's names in chat groups: a pasted chat line from one of them is the vendor's. */
  chatNames: z.array(ChatNameSchema).max(200).optional(),
  sla: SlaClausesSchema.default({}),
  diligence: DiligenceSchema.optional(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Vendor = DeepReadonly<z.infer<typeof VendorSchema>>;

export const CATEGORIES = [
  'network',
  'compatibility',
  'sdk-version',
  'server-outage',
  'av-quality',
  'functional',
  'billing-account',
  'integration-docs',
  'feature-request',
  'other',
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export const DifficultySchema = z.enum(['known', 'hard']);
export const ChannelSchema = z.enum(['hotline', 'ticket', 'im', 'email', 'csm']);

/** Depth each vendor event kind shows (SPEC §2); `auto_ack` does not count as a response. */
export const VENDOR_EVENT_DEPTH = {
  auto_ack: 0,
  ack: 0,
  status_update: 0,
  handoff: 0,
  escalation: 0,
  info_request: 1,
  troubleshooting: 1,
  diagnosis: 2,
  workaround: 3,
  root_cause: 3,
  fix: 4,
} as const;
export const VENDOR_EVENT_KINDS = [
  'auto_ack',
  'ack',
  'status_update',
  'handoff',
  'escalation',
  'info_request',
  'troubleshooting',
  'diagnosis',
  'workaround',
  'root_cause',
  'fix',
] as const satisfies readonly (keyof typeof VENDOR_EVENT_DEPTH)[];
export const BUYER_EVENT_KINDS = [
  'info_provided',
  'escalation_request',
  'confirmed_fixed',
  'confirmed_workaround',
  'closed_unresolved',
  'reopened',
  'note',
] as const;
export type VendorEventKind = keyof typeof VENDOR_EVENT_DEPTH;
export type BuyerEventKind = (typeof BUYER_EVENT_KINDS)[number];
export const EventKindSchema = z.enum([...VENDOR_EVENT_KINDS, ...BUYER_EVENT_KINDS]);
export const ActorSchema = z.enum(['vendor', 'buyer']);
export const HandlerSchema = z.enum(['L1', 'L2', 'RnD', 'CSM']);

export function isVendorKind(kind: string): kind is VendorEventKind {
  return Object.hasOwn(VENDOR_EVENT_DEPTH, kind);
}

/** A probe's timeline is bounded: thousands of events would be a script gone wrong, not a ticket. */
export const MAX_EVENTS_PER_PROBE = 2000;

/** A file attached to an event, stored once under the data folder by its SHA-256. */
export const AttachmentRefSchema = z.object({
  id: IdSchema,
  name: singleLineText(255).min(1),
  /** The media type sniffed from the content, not taken from the name. */
  type: z.string().min(1).max(200),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentRef = DeepReadonly<z.infer<typeof AttachmentRefSchema>>;

export const EventSchema = z
  .object({
    id: IdSchema,
    at: InstantSchema,
    actor: ActorSchema,
    kind: EventKindSchema,
    handler: HandlerSchema.optional(),
    note: LongTextSchema.optional(),
    /** Evidence: the original mail, a screenshot, a log — files kept by content hash (SPEC §2). */
    attachments: z.array(AttachmentRefSchema).max(50).optional(),
    /**
     * Where an imported event came from ("mail:<Message-ID>", "sheet:<row hash>", "chat:<line hash>"),
     * so importing the same thing again adds nothing.
     */
    importKey: singleLineText(1000).optional(),
  })
  .refine((event) => (event.actor === 'vendor') === isVendorKind(event.kind), {
    message: 'kind does not belong to this actor',
    path: ['kind'],
  });
export type ProbeEvent = DeepReadonly<z.infer<typeof EventSchema>>;

export const RatingsSchema = z.object({
  depth: z.number().int().min(0).max(4).optional(),
  communication: z.number().int().min(1).max(5).optional(),
});

/**
 * One evaluator's own rating of a probe (SPEC §2): given without seeing the others', one per
 * user, a new rating replacing theirs.
 */
export const EvaluationSchema = z.object({
  by: IdSchema,
  depth: RatingsSchema.shape.depth,
  communication: RatingsSchema.shape.communication,
  note: multiLineText(2000).optional(),
  at: InstantSchema,
});
export type Evaluation = DeepReadonly<z.infer<typeof EvaluationSchema>>;

export const ProbeSchema = z
  .object({
    id: IdSchema,
    trialId: IdSchema,
    vendorId: IdSchema,
    scenarioId: IdSchema.optional(),
    title: ShortTextSchema,
    description: LongTextSchema.optional(),
    severity: SeveritySchema,
    category: CategorySchema,
    difficulty: DifficultySchema,
    channel: ChannelSchema,
    sentAt: InstantSchema,
    vendorRef: singleLineText(200).optional(),
    acceptedSeverity: SeveritySchema.optional(),
    ratings: RatingsSchema.default({}),
    evaluations: z.array(EvaluationSchema).max(200).default([]),
    events: z.array(EventSchema).max(MAX_EVENTS_PER_PROBE).default([]),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
  })
  .superRefine((probe, context) => {
    const raters = new Set<string>();
    probe.evaluations.forEach((evaluation, index) => {
      if (raters.has(evaluation.by)) {
        context.addIssue({
          code: 'custom',
          path: ['evaluations', index, 'by'],
          message: 'one evaluation per user',
        });
      }
      raters.add(evaluation.by);
    });
    const sentMs = Date.parse(probe.sentAt);
    let previousMs = sentMs;
    probe.events.forEach((event, index) => {
      const atMs = Date.parse(event.at);
      if (atMs < sentMs) {
        context.addIssue({
          code: 'custom',
          path: ['events', index, 'at'],
          message: 'event is before the probe was sent',
        });
      } else if (atMs < previousMs) {
        context.addIssue({
          code: 'custom',
          path: ['events', index, 'at'],
          message: 'events must be in time order',
        });
      }
      previousMs = Math.max(previousMs, atMs);
    });
  });
export type Probe = DeepReadonly<z.infer<typeof ProbeSchema>>;

export const ScenarioSchema = z.object({
  id: IdSchema,
  trialId: IdSchema,
  title: ShortTextSchema,
  description: LongTextSchema.optional(),
  severity: SeveritySchema,
  category: CategorySchema,
  difficulty: DifficultySchema,
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Scenario = DeepReadonly<z.infer<typeof ScenarioSchema>>;

/** A whole trial as exported and imported: round-trip exact. */
export const TrialExportSchema = z.object({
  format: z.literal('sla-probe-trial/1'),
  // An export written before models had versions was scored by the first model: keep it so.
  trial: z.preprocess(
    (trial) =>
      trial !== null && typeof trial === 'object' && !Object.hasOwn(trial, 'model')
        ? { ...trial, model: FIRST_MODEL }
        : trial,
    TrialSchema,
  ),
  vendors: z.array(VendorSchema),
  scenarios: z.array(ScenarioSchema),
  probes: z.array(ProbeSchema),
});
export type TrialExport = DeepReadonly<z.infer<typeof TrialExportSchema>>;
