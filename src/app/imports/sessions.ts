/**
 * Import previews waiting for the person's "Import": kept in memory only (a restart forgets
 * them, README "Importing"), each for an hour, and bounded in number and in the bytes of the
 * originals they hold, the oldest dropped first.
 */
import { randomBytes } from 'node:crypto';
import type { ImportItem, ImportProblem } from '../../domain/imports.js';
import type { ImportInput } from './preview.js';
import type { SheetColumn } from './sheetRows.js';

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

export interface ImportSessionLimits {
  ttlMs: number;
  maxSessions: number;
  maxBytes: number;
}

export const DEFAULT_IMPORT_SESSION_LIMITS: ImportSessionLimits = {
  ttlMs: 60 * 60 * 1000,
  maxSessions: 50,
  maxBytes: 200 * 1024 * 1024,
};

const bytesOf = (session: ImportSession) =>
  [...session.originals.values(), ...session.input.files].reduce(
    (sum, file) => sum + file.bytes.byteLength,
    0,
  ) +
  (session.input.chat?.length ?? 0) * 2 +
  JSON.stringify(session.items).length;

export class ImportSessions {
  readonly #sessions = new Map<string, { session: ImportSession; bytes: number }>();
  readonly #claimed = new Set<string>();

  constructor(
    private readonly now: () => Date,
    private readonly limits: ImportSessionLimits = DEFAULT_IMPORT_SESSION_LIMITS,
  ) {}

  /** Keeps a new preview under a fresh random id, making room by dropping the oldest. */
  add(session: Omit<ImportSession, 'id' | 'createdAtMs'>): ImportSession {
    this.#expire();
    const stored: ImportSession = {
      ...session,
      id: `imp_${randomBytes(16).toString('base64url')}`,
      createdAtMs: this.now().getTime(),
    };
    const bytes = bytesOf(stored);
    this.#sessions.set(stored.id, { session: stored, bytes });
    while (this.#sessions.size > this.limits.maxSessions || this.#total() > this.limits.maxBytes) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined || oldest === stored.id) break;
      this.#sessions.delete(oldest);
    }
    return stored;
  }

  get(id: string): ImportSession | undefined {
    this.#expire();
    return this.#sessions.get(id)?.session;
  }

  delete(id: string): void {
    this.#sessions.delete(id);
  }

  /** Marks a preview as being committed: false when another commit of it is under way. */
  claim(id: string): boolean {
    if (this.#claimed.has(id)) return false;
    this.#claimed.add(id);
    return true;
  }

  release(id: string): void {
    this.#claimed.delete(id);
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
