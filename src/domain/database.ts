/**
 * The whole database file: its schema version and collections, and the migrations that
 * bring a file written by an earlier version up to this one.
 */
import { z } from 'zod';
import { ApiTokenSchema, AuditEntrySchema, SessionSchema, UserSchema } from './accounts.js';
import { ProbeSchema, ScenarioSchema, TrialSchema, VendorSchema } from './schemas.js';

/** Version 1: trials only. Version 2: accounts, API tokens, sessions and the audit log. */
export const SCHEMA_VERSION = 2;

export const DatabaseSchema = z.object({
  version: z.literal(SCHEMA_VERSION),
  trials: z.array(TrialSchema),
  vendors: z.array(VendorSchema),
  scenarios: z.array(ScenarioSchema),
  probes: z.array(ProbeSchema),
  users: z.array(UserSchema),
  tokens: z.array(ApiTokenSchema),
  sessions: z.array(SessionSchema),
  audit: z.array(AuditEntrySchema),
});
export type Database = z.infer<typeof DatabaseSchema>;

export function emptyDatabase(): Database {
  return {
    version: SCHEMA_VERSION,
    trials: [],
    vendors: [],
    scenarios: [],
    probes: [],
    users: [],
    tokens: [],
    sessions: [],
    audit: [],
  };
}

type RawDatabase = Record<string, unknown>;

/**
 * `MIGRATIONS[n]` turns a version-n file into a version-(n + 1) file. Each step is a plain
 * function of the parsed JSON, kept forever so any earlier file can still be opened.
 */
const MIGRATIONS: Record<number, (data: RawDatabase) => RawDatabase> = {
  1: (data) => ({ ...data, version: 2, users: [], tokens: [], sessions: [], audit: [] }),
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
