import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DatabaseSchema } from '../domain/database.js';

/**
 * What the store records, in the header of the journal it creates with each db.json, about
 * the db.json it just wrote: the SHA-256 of its exact bytes and of the schema its records were
 * checked against. Opening a folder whose db.json still has those bytes, under that schema,
 * can skip the deep schema pass over every record (≈ 300 ms for an 8 MB file): the store
 * checked them before writing. A file edited by hand, restored from a backup, written by an
 * older version or checked under another schema does not match and is validated in full.
 */
export interface Fingerprint {
  sha256: string;
  schema: string;
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let identity: string | null | undefined;

/**
 * The database schema as zod itself describes it (its JSON Schema: every field, type, enum,
 * limit and pattern), hashed: a schema changed without a new version, and a file checked
 * under the old one is validated again. Computed once per process, when first needed (~10 ms).
 * Null if zod cannot describe it: then nothing is fingerprinted and every file is validated.
 */
export function schemaIdentity(): string | null {
  if (identity === undefined) {
    try {
      const described = JSON.stringify(z.toJSONSchema(DatabaseSchema, { unrepresentable: 'any' }));
      identity = sha256Of(Buffer.from(described, 'utf8'));
    } catch {
      identity = null;
    }
  }
  return identity;
}

/** The fingerprint of db.json's bytes as the store writes them, after checking every record. */
export function fingerprintOf(bytes: Uint8Array): Fingerprint | undefined {
  const schema = schemaIdentity();
  return schema === null ? undefined : { sha256: sha256Of(bytes), schema };
}

/** Whether `fingerprint` (from a journal header) vouches for these bytes under today's schema. */
export function vouchesFor(fingerprint: Fingerprint | null, bytes: Uint8Array): boolean {
  const schema = schemaIdentity();
  return (
    fingerprint !== null &&
    schema !== null &&
    fingerprint.schema === schema &&
    fingerprint.sha256 === sha256Of(bytes)
  );
}
