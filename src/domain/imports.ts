/**
 * Capture without retyping (SPEC §8 imports): mail threads, chat transcripts and spreadsheet
 * rows become *proposed* probes and events, shown in a preview; nothing is stored until the
 * person commits it. The shapes below are the preview's, shared by every source.
 */
import { z } from 'zod';
import type { DeepReadonly } from './readonly.js';
import {
  ActorSchema,
  CategorySchema,
  ChannelSchema,
  DifficultySchema,
  EventKindSchema,
  HandlerSchema,
  InstantSchema,
  SeveritySchema,
  type Probe,
  type Trial,
  type Vendor,
} from './schemas.js';

/**
 * Every problem an import can find, as a stable code. The words live once in the import
 * catalogue (`imports.problem.<code>`, English and Chinese); the preview page shows them in
 * the page's language and the API answers the code with its English text.
 */
export const IMPORT_PROBLEM_CODES = [
  'file.unreadable',
  'mail.noTeamDomains',
  'mail.emptyFile',
  'mail.notMbox',
  'mail.cutOff',
  'mail.noMessage',
  'mail.unreadable',
  'mail.notMail',
  'mail.noMessageId',
  'mail.noDate',
  'mail.badDate',
  'mail.dateNoZone',
  'mail.badYear',
  'mail.unknownCharset',
  'mail.garbled',
  'mail.noOurMail',
  'mail.noVendor',
  'mail.unknownSender',
  'mail.olderThanProbe',
  'chat.noMessage',
  'chat.strayLines',
  'chat.unknownName',
  'chat.severalVendors',
  'chat.oursAndVendor',
  'chat.badYear',
  'chat.relativeDay',
  'chat.noDate',
  'chat.noText',
  'noKind',
  'sheet.noHeader',
  'sheet.tooManyRows',
  'sheet.notText',
  'sheet.badCsv',
  'sheet.zipBomb',
  'sheet.notXlsx',
  'sheet.noSheet',
  'sheet.noColumns',
  'sheet.duplicateRow',
  'sheet.unknownValue',
  'sheet.noTime',
  'sheet.dateOnly',
  'sheet.badTime',
  'sheet.zoneAssumed',
  'sheet.noKind',
  'sheet.kindNotActor',
  'sheet.alreadyImported',
  'sheet.noVendor',
  'sheet.unknownVendor',
  'sheet.noTitle',
  'sheet.noChannel',
  'sheet.probeExists',
  'sheet.probeKeyUsed',
  'sheet.noProbe',
  'sheet.unknownProbe',
  'commit.unknownProbe',
  'commit.probeNeeds',
  'commit.unknownVendor',
  'commit.invalid',
  'commit.eventNeedsProbe',
  'commit.eventNeeds',
  'commit.beforeSent',
  'commit.kindNotSide',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/**
 * One problem: its code and what fills the message. `file` (and for an archive `index`, the
 * message's place in it) says where, shown before the message. Params named `field`, `fields`
 * (comma-separated), `actor` and `kind` hold schema words, which the preview translates too.
 */
export const ImportProblemSchema = z.object({
  code: z.enum(IMPORT_PROBLEM_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

/** A problem with its params, leaving out params that are not there. */
export function importProblem(
  code: ImportProblemCode,
  params: Record<string, string | number | undefined> = {},
): ImportProblem {
  const given = Object.entries(params).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined,
  );
  return given.length === 0 ? { code } : { code, params: Object.fromEntries(given) };
}

/** The codes a choice in the preview settles: a side settles who wrote it, a time its date. */
export const SETTLED_BY: Readonly<
  Record<'actor' | 'vendorId' | 'at' | 'kind', readonly ImportProblemCode[]>
> = {
  actor: ['mail.unknownSender', 'chat.unknownName', 'chat.severalVendors', 'chat.oursAndVendor'],
  vendorId: ['mail.noVendor', 'chat.severalVendors'],
  at: [
    'mail.noDate',
    'mail.badDate',
    'mail.dateNoZone',
    'mail.badYear',
    'chat.badYear',
    'chat.relativeDay',
    'chat.noDate',
    'sheet.noTime',
    'sheet.dateOnly',
    'sheet.badTime',
    'sheet.zoneAssumed',
    'mail.olderThanProbe',
  ],
  kind: ['noKind', 'sheet.noKind', 'sheet.kindNotActor'],
};

/** Where a proposal came from: the uploaded file and the message, sheet row or transcript line. */
export const ImportSourceSchema = z.object({
  file: z.string(),
  messageId: z.string().optional(),
  row: z.number().int().positive().optional(),
  line: z.number().int().positive().optional(),
});

/**
 * One proposed record. A `probe` item proposes a new probe (`probeKey` is its own key), or
 * names the existing probe it matched (`probeId`); an `event` item belongs to a proposed probe
 * (`probeKey`) or an existing one (`probeId`). `problems` are what must be settled before it
 * can be stored (an unknown sender, a date without a zone, …), as codes the preview puts in words.
 */
export const ImportItemSchema = z.object({
  key: z.string().min(1),
  type: z.enum(['probe', 'event']),
  probeKey: z.string().optional(),
  probeId: z.string().optional(),
  vendorId: z.string().optional(),
  at: InstantSchema.optional(),
  actor: ActorSchema.optional(),
  kind: EventKindSchema.optional(),
  /** Who handled a vendor event (L1, L2, R&D, CSM), when a sheet row says. */
  handler: HandlerSchema.optional(),
  title: z.string().optional(),
  source: ImportSourceSchema,
  problems: z.array(ImportProblemSchema),
  /** Probe fields a sheet row or a subject can carry. */
  severity: SeveritySchema.optional(),
  category: CategorySchema.optional(),
  difficulty: DifficultySchema.optional(),
  channel: ChannelSchema.optional(),
  vendorRef: z.string().optional(),
  /** The first lines of the message, for the preview and the event's note. */
  text: z.string().optional(),
  /** The words that made the kind rules propose `kind` ("请提供日志"), shown beside it. */
  trigger: z.string().optional(),
  /** Dedupe: the importKey the created event will carry ("mail:<Message-ID>", …). */
  importKey: z.string().optional(),
  /** The sender as written ("Li Lei <li@vendor.example>", a chat name), for the preview. */
  from: z.string().optional(),
});
export type ImportItem = z.infer<typeof ImportItemSchema>;

/** What an import proposes: the items in order (each probe before its events) and file-level problems. */
export interface ImportProposal {
  items: ImportItem[];
  problems: ImportProblem[];
  /** Originals to keep as evidence of an event, by item key (the `.eml` of a mail). */
  originals: Map<string, { name: string; bytes: Uint8Array }>;
}

/** What a parser needs to know of the trial to propose: who is who, and what exists already. */
export interface ImportContext {
  trial: Trial;
  vendors: readonly Vendor[];
  probes: readonly Probe[];
  /** Every importKey already stored in the trial's events. */
  importedKeys: ReadonlySet<string>;
  /** The instant of the request, for rows without a date. */
  now: Date;
}

export type ImportPreview = DeepReadonly<{
  id: string;
  trialId: string;
  items: ImportItem[];
  problems: ImportProblem[];
}>;
