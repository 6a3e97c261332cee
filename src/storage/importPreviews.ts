/**
 * Import previews waiting for the person's "Import" (src/app/imports/sessions.ts), as a store
 * keeps them: in this process's memory (ImportSessions, one instance over a data folder) or in
 * PostgreSQL (PgImportPreviews, shared by every instance behind the load balancer). A store
 * knows a preview only by its id and when it was made; what it holds is the app's.
 */
import { randomBytes } from 'node:crypto';

/** What a store needs to know of a preview: its id, and when it was made (epoch milliseconds). */
export interface PreviewRecord {
  id: string;
  createdAtMs: number;
}

/** How long a preview is kept, and how many of them and how many bytes at most. */
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

/**
 * Where previews wait. Every store keeps the same rules: a preview is gone an hour after it
 * was made (ttlMs); adding one makes room by dropping the oldest while there are more than
 * maxSessions or more than maxBytes, never the one just added.
 */
export interface ImportPreviewStore<T extends PreviewRecord> {
  /** Keeps a new preview under a fresh random id, made now, making room by dropping the oldest. */
  add(record: Omit<T, 'id' | 'createdAtMs'>): Promise<T>;
  /** The preview, or undefined when there is none or it has expired. */
  get(id: string): Promise<T | undefined>;
  /** Keeps the preview's new content under its id (its age unchanged); nothing when it is gone. */
  update(record: T): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Marks a preview as being committed, in one atomic step: false when another commit of it is
   * under way, or when it is gone (committed by the other press of "Import", or expired).
   */
  claim(id: string): Promise<boolean>;
  /** Ends a commit's claim, whether or not the preview is still there. */
  release(id: string): Promise<void>;
}

/** A preview's id: random and unguessable, since knowing it is all it takes to see the preview. */
export const newPreviewId = (): string => `imp_${randomBytes(16).toString('base64url')}`;
