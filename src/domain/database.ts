/**
 * The whole database file: its schema version and collections, and the migrations that
 * bring a file written by an earlier version up to this one.
 */
import { z } from 'zod';
import { ApiTokenSchema, SessionSchema, UserSchema } from './accounts.js';
import { AlertSchema, DeliverySchema, WebhookSchema } from './alerting.js';
import type { DeepReadonly } from './readonly.js';
import { repairStoredText } from './text.js';
import {
  FIRST_MODEL,
  InstantSchema,
  ProbeSchema,
  ScenarioSchema,
  TrialSchema,
  VendorSchema,
} from './schemas.js';

/**
 * Version 1: trials only. Version 2: accounts, API tokens, sessions and the audit log.
 * Version 3: the audit log moves to its own append-only files; the file carries the
 * generation its journal must match, and the answers kept for retried requests.
 * Version 4: each trial names its scoring model; trials stored before keep `sla-score/1`.
 * Version 5: alerts — webhook targets, the alerts that fired and the outbox of deliveries.
 */
export const SCHEMA_VERSION = 5;

/**
 * The answer to a creating request made with an `Idempotency-Key` (SPEC §9): a retry with the
 * same key and body gets it again instead of creating a duplicate. `key` is scoped to the
 * account that sent it.
 */
export const IdempotencyRecordSchema = z.object({
  key: z.string().min(1).max(600),
  /** SHA-256 of the method, path and body: the same key with another request is refused. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  status: z.number().int().min(200).max(299),
  body: z.unknown(),
  createdAt: InstantSchema,
});
export type IdempotencyRecord = DeepReadonly<z.infer<typeof IdempotencyRecordSchema>>;

export const DatabaseSchema = z.object({
  version: z.literal(SCHEMA_VERSION),
  /** Changes with every rewrite of the file; the journal beside it names the generation it extends. */
  generation: z.string().min(1).max(100),
  /** The generation this file replaced: a journal of that one is already folded in. */
  replaces: z.string().min(1).max(100).nullable(),
  /** The sequence number of the newest audit entry folded into the audit files. */
  auditSeq: z.number().int().min(0),
  trials: z.array(TrialSchema),
  vendors: z.array(VendorSchema),
  scenarios: z.array(ScenarioSchema),
  probes: z.array(ProbeSchema),
  users: z.array(UserSchema),
  tokens: z.array(ApiTokenSchema),
  sessions: z.array(SessionSchema),
  idempotency: z.array(IdempotencyRecordSchema),
  webhooks: z.array(WebhookSchema),
  alerts: z.array(AlertSchema),
  deliveries: z.array(DeliverySchema),
});
export type Database = z.infer<typeof DatabaseSchema>;

/** The collections of records, each an array in the file. */
export const COLLECTIONS = [
  'trials',
  'vendors',
  'scenarios',
  'probes',
  'users',
  'tokens',
  'sessions',
  'idempotency',
  'webhooks',
  'alerts',
  'deliveries',
] as const;
export type Collection = (typeof COLLECTIONS)[number];
export type Row<C extends Collection> = DeepReadonly<Database[C][number]>;

export function emptyDatabase(generation: string): Database {
  return {
    version: SCHEMA_VERSION,
    generation,
    replaces: null,
    auditSeq: 0,
    trials: [],
    vendors: [],
    scenarios: [],
    probes: [],
    users: [],
    tokens: [],
    sessions: [],
    idempotency: [],
    webhooks: [],
    alerts: [],
    deliveries: [],
  };
}

type RawDatabase = Record<string, unknown>;

/**
 * `MIGRATIONS[n]` turns a version-n file into a version-(n + 1) file. Each step is a plain
 * function of the parsed JSON, kept forever so any earlier file can still be opened.
 */
const MIGRATIONS: Record<number, (data: RawDatabase) => RawDatabase> = {
  1: (data) => ({ ...data, version: 2, users: [], tokens: [], sessions: [], audit: [] }),
  // The audit entries themselves are moved to the audit files by the store, which reads them
  // from the version-2 file before migrating it; the file keeps only the newest number.
  // Text fields now refuse control characters and broken Unicode: repair what was stored before.
  2: ({ audit, ...data }) => ({
    ...data,
    ...repairStoredText(
      Object.fromEntries(
        ['trials', 'vendors', 'scenarios', 'probes', 'users', 'tokens', 'sessions'].map((collection) => [
          collection,
          data[collection],
        ]),
      ),
    ),
    version: 3,
    generation: 'v2',
    replaces: null,
    auditSeq: Array.isArray(audit)
      ? audit.reduce<number>(
          (newest, entry) => Math.max(newest, Number((entry as { seq?: unknown } | null)?.seq) || 0),
          0,
        )
      : 0,
    idempotency: [],
  }),
  3: (data) => ({
    ...data,
    version: 4,
    trials: Array.isArray(data['trials'])
      ? data['trials'].map((trial: unknown) =>
          trial !== null && typeof trial === 'object' && !Object.hasOwn(trial, 'model')
            ? { ...trial, model: FIRST_MODEL }
            : trial,
        )
      : data['trials'],
  }),
  4: (data) => ({ ...data, version: 5, webhooks: [], alerts: [], deliveries: [] }),
};

export class MigrationError extends Error {}

/** The file's data at the current version, and the version it was written in. */
export function migrateDatabase(data: RawDatabase): { data: RawDatabase; from: number } {
  const from = data['version'];
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    throw new MigrationError(`has no valid schema version (found ${JSON.stringify(from)})`);
  }
  if (from > SCHEMA_VERSION) {
    throw new MigrationError(`schema version ${from} is newer than this program (${SCHEMA_VERSION})`);
  }
  let current = data;
  for (let version = from; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new MigrationError(`no migration from schema version ${version}`);
    current = step(current);
  }
  return { data: current, from };
}
