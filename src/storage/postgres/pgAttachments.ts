import type pg from 'pg';
import { sha256Of, type AttachmentStore } from '../attachments.js';
import { WriteRefusedError } from '../errors.js';
import { isDiskFull } from '../fileSystem.js';

/** A file saved this recently and not yet referenced is kept: its event may be on its way. */
const PENDING_MS = 60 * 60_000;

/**
 * Evidence files in PostgreSQL (table attachment_files), so every instance serves every file.
 * Saving the same content again only marks it as just saved, which keeps it from a sweep until
 * the event that refers to it is committed.
 */
export class PgAttachments implements AttachmentStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async save(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Of(bytes);
    try {
      await this.pool.query(
        `INSERT INTO attachment_files (sha256, bytes, saved_at) VALUES ($1, $2, $3)
         ON CONFLICT (sha256) DO UPDATE SET saved_at = excluded.saved_at`,
        [sha256, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), this.now()],
      );
    } catch (error) {
      throw new WriteRefusedError(isDiskFull(error), error);
    }
    return sha256;
  }

  async has(sha256: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM attachment_files WHERE sha256 = $1', [sha256]);
    return (rowCount ?? 0) > 0;
  }

  async read(sha256: string): Promise<Buffer | null> {
    const { rows } = await this.pool.query<{ bytes: Buffer }>(
      'SELECT bytes FROM attachment_files WHERE sha256 = $1',
      [sha256],
    );
    return rows[0]?.bytes ?? null;
  }

  async sweep(referenced: () => Promise<ReadonlySet<string>>): Promise<string[]> {
    const keep = await referenced();
    const { rows } = await this.pool.query<{ sha256: string }>(
      `DELETE FROM attachment_files WHERE saved_at < $1 AND NOT (sha256 = ANY($2::text[])) RETURNING sha256`,
      [new Date(this.now().getTime() - PENDING_MS), [...keep]],
    );
    return rows.map((row) => row.sha256);
  }
}
