import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { DatabaseSchema, type Collection } from '../domain/database.js';

/**
 * One record of a collection checked on its own, by the element of that collection's array
 * in the database schema (the one schema of each shape): for the records a journal replays
 * over a file opened on its fingerprint, and for the records changed since db.json was last
 * written, before the store vouches for the next one (see fingerprint.ts).
 */
export function parseRecord(collection: Collection, record: unknown): z.ZodSafeParseResult<unknown> {
  const schema = DatabaseSchema.shape[collection].element as z.ZodType;
  return schema.safeParse(record);
}

/** `collection.index.field…: message` of a schema's first complaint, as start-up reports it. */
export function firstIssue(error: z.ZodError, at: readonly (string | number)[] = []): string {
  const first = error.issues[0];
  const where = [...at, ...(first?.path ?? [])].map(String).join('.') || '(root)';
  return `${where}: ${first?.message ?? 'unknown problem'}`;
}

/**
 * Why a record, as db.json would hold it (its JSON), cannot be vouched for: its schema refuses
 * it, or reads it back as something else (a default filled in, a field dropped), so a start
 * that validated the file would hold other data than one that trusted it. Null when the
 * schema takes it exactly as stored.
 */
export function storedRecordProblem(collection: Collection, record: unknown): string | null {
  const stored: unknown = JSON.parse(JSON.stringify(record));
  const result = parseRecord(collection, stored);
  if (!result.success) return firstIssue(result.error);
  if (!isDeepStrictEqual(result.data, stored)) return 'its schema reads it back changed';
  return null;
}
