import type pg from 'pg';

/**
 * The database's schema, as ordered SQL steps. A step is never edited once released: a change
 * is a new step. `migrate` applies those not yet recorded in `schema_migrations`, each in its
 * own transaction, while holding an advisory lock so two instances starting at once take turns.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'records, change log, audit, attachments, import previews, sign-in failures',
    sql: `
      -- Every record of every collection, as the JSON store holds it: its JSON text, written
      -- and parsed by the program (cast body::json to query it). text rather than json or
      -- jsonb: a record reads back exactly as written, and PostgreSQL's JSON types refuse a
      -- few strings JavaScript keeps (a NUL, half of a surrogate pair). ord keeps the order
      -- records were first stored in, which lists follow.
      CREATE SEQUENCE records_ord;
      CREATE TABLE records (
        collection text NOT NULL,
        key text NOT NULL,
        ord bigint NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (collection, key)
      );
      CREATE INDEX records_by_order ON records (collection, ord);

      -- One row per committed batch of changes (records put and removed; the audit entries
      -- are in their own table, audit_seq the last of them), numbered without gaps: an
      -- instance catches up by reading the rows after the last one it applied. Old rows are
      -- pruned; an instance that finds a gap reloads the records instead.
      CREATE TABLE changes (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        touches_trials boolean NOT NULL,
        audit_seq bigint NOT NULL,
        body text NOT NULL
      );

      -- The audit log (SPEC §9), written in the same transaction as the change it records.
      CREATE TABLE audit (
        seq bigint PRIMARY KEY,
        entry text NOT NULL
      );

      -- Evidence files by SHA-256 (the JSON store keeps them in the data folder).
      CREATE TABLE attachment_files (
        sha256 text PRIMARY KEY,
        bytes bytea NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      );

      -- Import previews waiting for the person's "Import" (src/app/imports/sessions.ts): the
      -- preview is made by one instance and may be committed through another. body is the
      -- preview as v8.serialize writes it (it holds the uploaded files' bytes).
      CREATE TABLE import_previews (
        id text PRIMARY KEY,
        created_at_ms bigint NOT NULL,
        bytes bigint NOT NULL,
        claimed boolean NOT NULL DEFAULT false,
        body bytea NOT NULL
      );

      -- Failed sign-ins, shared by every instance (see LoginLimiter).
      CREATE TABLE sign_in_failures (
        address text NOT NULL,
        at bigint NOT NULL
      );
      CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at);
      CREATE TABLE sign_in_streaks (
        address text NOT NULL,
        account text NOT NULL,
        failures integer NOT NULL,
        last_at bigint NOT NULL,
        PRIMARY KEY (address, account)
      );
    `,
  },
];

/** Advisory lock keys: one number per purpose, the same on every instance. */
export const LOCKS = {
  migrate: 0x534c_5001,
  alerts: 0x534c_5003,
} as const;

/** Applies the steps the database lacks; returns the versions applied. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCKS.migrate]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...done);
    const known = Math.max(...MIGRATIONS.map((step) => step.version));
    if (newest > known)
      throw new Error(
        `The database's schema is version ${newest}, newer than this program knows (${known}): run a newer SLA Probe.`,
      );
    for (const step of MIGRATIONS) {
      if (done.has(step.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          step.version,
          step.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(step.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCKS.migrate]).catch(() => undefined);
    client.release();
  }
  return applied;
}
