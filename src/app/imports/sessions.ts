/**
 * Import previews waiting for the person's "Import", each for an hour, bounded in number and
 * in the bytes they hold, the oldest dropped first. Over a data folder they are kept in this
 * process's memory (ImportSessions: a restart forgets them, README "Importing"); over
 * PostgreSQL in the database (PgImportPreviews), so a preview made through one instance can be
 * updated and committed through another.
 */
import type { ImportItem, ImportProblem } from '../../domain/imports.js';
import {
  DEFAULT_IMPORT_SESSION_LIMITS,
  newPreviewId,
  type ImportPreviewStore,
  type ImportSessionLimits,
} from '../../storage/importPreviews.js';
import type { ImportInput } from './preview.js';
import type { SheetColumn } from './sheetRows.js';

export { DEFAULT_IMPORT_SESSION_LIMITS, type ImportSessionLimits };

export interface ImportSession {
  id: string;
  trialId: string;
  items: ImportItem[];
  problems: ImportProblem[];
  originals: Map<string, { name: string; bytes: Uint8Array }>;
  /** What was uploaded, so the preview can be read again under another column mapping. */
  input: ImportInput;
  /** Each sheet's columns and the field each was read as, for the preview's mapping step. */
  sheets: { file: string; columns: SheetColumn[] }[];
  /** Items the person unticked before pressing "Update proposals", shown unticked again. */
  skipped?: string[];
  createdAtMs: number;
}

/**
 * Where previews wait (src/storage/importPreviews.ts has each method's contract): in memory
 * (ImportSessions) or in PostgreSQL (PgImportPreviews<ImportSession>). A preview read back may
 * be a copy: a change is kept only by `update`.
 */
export type ImportPreviews = ImportPreviewStore<ImportSession>;

const bytesOf = (session: ImportSession) =>
  [...session.originals.values(), ...session.input.files].reduce(
    (sum, file) => sum + file.bytes.byteLength,
    0,
  ) +
  (session.input.chat?.length ?? 0) * 2 +
  JSON.stringify(session.items).length;

/** Previews in this process's memory, for one instance over a data folder. */
export class ImportSessions implements ImportPreviews {
  readonly #sessions = new Map<string, { session: ImportSession; bytes: number }>();
  readonly #claimed = new Set<string>();

  constructor(
    private readonly now: () => Date,
    private readonly limits: ImportSessionLimits = DEFAULT_IMPORT_SESSION_LIMITS,
  ) {}

  add(session: Omit<ImportSession, 'id' | 'createdAtMs'>): Promise<ImportSession> {
    this.#expire();
    const stored: ImportSession = { ...session, id: newPreviewId(), createdAtMs: this.now().getTime() };
    const bytes = bytesOf(stored);
    this.#sessions.set(stored.id, { session: stored, bytes });
    while (this.#sessions.size > this.limits.maxSessions || this.#total() > this.limits.maxBytes) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined || oldest === stored.id) break;
      this.#sessions.delete(oldest);
    }
    return Promise.resolve(stored);
  }

  get(id: string): Promise<ImportSession | undefined> {
    this.#expire();
    return Promise.resolve(this.#sessions.get(id)?.session);
  }

  update(session: ImportSession): Promise<void> {
    // Map.set on a key it has keeps the key's place: the preview stays as old as it was.
    if (this.#sessions.has(session.id)) this.#sessions.set(session.id, { session, bytes: bytesOf(session) });
    return Promise.resolve();
  }

  delete(id: string): Promise<void> {
    this.#sessions.delete(id);
    return Promise.resolve();
  }

  claim(id: string): Promise<boolean> {
    if (!this.#sessions.has(id) || this.#claimed.has(id)) return Promise.resolve(false);
    this.#claimed.add(id);
    return Promise.resolve(true);
  }

  release(id: string): Promise<void> {
    this.#claimed.delete(id);
    return Promise.resolve();
  }

  #total(): number {
    let total = 0;
    for (const entry of this.#sessions.values()) total += entry.bytes;
    return total;
  }

  #expire(): void {
    const nowMs = this.now().getTime();
    for (const [id, { session }] of this.#sessions) {
      if (nowMs - session.createdAtMs >= this.limits.ttlMs) this.#sessions.delete(id);
    }
  }
}
