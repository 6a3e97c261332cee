import { deserialize, serialize } from 'node:v8';
import type pg from 'pg';
import {
  DEFAULT_IMPORT_SESSION_LIMITS,
  newPreviewId,
  type ImportPreviewStore,
  type ImportSessionLimits,
  type PreviewRecord,
} from '../importPreviews.js';

/** A new preview, and the expired ones gone, in one statement. */
const ADD = `
  WITH expired AS (DELETE FROM import_previews WHERE created_at_ms <= $5)
  INSERT INTO import_previews (id, created_at_ms, bytes, body) VALUES ($1, $2, $3, $4)`;

/**
 * Room made after an add: oldest first (by age, then id), a preview goes while it and those
 * newer than it are more than maxSessions ($3) or more than maxBytes ($4). Only previews older
 * than the one just added ($1, made at $2) go, never that one itself.
 */
const MAKE_ROOM = `
  DELETE FROM import_previews WHERE id IN (
    SELECT id FROM (
      SELECT id, created_at_ms,
             count(*) OVER newest_first AS count_from_here,
             sum(bytes) OVER newest_first AS bytes_from_here
      FROM import_previews
      WINDOW newest_first AS (ORDER BY created_at_ms DESC, id DESC ROWS UNBOUNDED PRECEDING)
    ) AS ranked
    WHERE (created_at_ms, id) < ($2::bigint, $1::text)
      AND (count_from_here > $3::bigint OR bytes_from_here > $4::bigint))`;

/**
 * Import previews in PostgreSQL (table import_previews), so a preview made through one instance
 * is found, updated and committed through any other. A row holds the preview as v8.serialize
 * writes it (Maps and byte arrays come back as they went in); its bytes are that body's length.
 * The limits are those of the in-memory store, over every instance's previews together.
 */
export class PgImportPreviews<T extends PreviewRecord> implements ImportPreviewStore<T> {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
    private readonly limits: ImportSessionLimits = DEFAULT_IMPORT_SESSION_LIMITS,
  ) {}

  async add(record: Omit<T, 'id' | 'createdAtMs'>): Promise<T> {
    const createdAtMs = this.now().getTime();
    const stored = { ...record, id: newPreviewId(), createdAtMs } as T;
    const body = serialize(stored);
    await this.pool.query(ADD, [
      stored.id,
      createdAtMs,
      body.byteLength,
      body,
      createdAtMs - this.limits.ttlMs,
    ]);
    await this.pool.query(MAKE_ROOM, [stored.id, createdAtMs, this.limits.maxSessions, this.limits.maxBytes]);
    return stored;
  }

  async get(id: string): Promise<T | undefined> {
    const { rows } = await this.pool.query<{ body: Buffer }>(
      'SELECT body FROM import_previews WHERE id = $1 AND created_at_ms > $2',
      [id, this.now().getTime() - this.limits.ttlMs],
    );
    const row = rows[0];
    return row === undefined ? undefined : (deserialize(row.body) as T);
  }

  async update(record: T): Promise<void> {
    const body = serialize(record);
    await this.pool.query('UPDATE import_previews SET body = $2, bytes = $3 WHERE id = $1', [
      record.id,
      body,
      body.byteLength,
    ]);
  }

  async delete(id: string): Promise<void> {
    await this.pool.query('DELETE FROM import_previews WHERE id = $1', [id]);
  }

  /** Atomic: of two instances claiming at once, one gets the row and the other none. */
  async claim(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'UPDATE import_previews SET claimed = true WHERE id = $1 AND NOT claimed RETURNING id',
      [id],
    );
    return (rowCount ?? 0) > 0;
  }

  async release(id: string): Promise<void> {
    await this.pool.query('UPDATE import_previews SET claimed = false WHERE id = $1', [id]);
  }
}
