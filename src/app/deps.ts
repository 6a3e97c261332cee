import type { AlertConfig } from './alerts/settings.js';
import type { ReportRenderer } from '../reports/request.js';
import type { AttachmentStore } from '../storage/attachments.js';
import type { Repository } from '../storage/repository.js';
import type { SignInLedger } from '../storage/signIns.js';
import type { ImportPreviews } from './imports/sessions.js';

/** What the use cases need from the outside world; tests pass their own clock and ids. */
export interface AppDeps {
  repository: Repository;
  now: () => Date;
  newId: (prefix: string) => string;
  /** Builds PDF reports: a worker pool in the server, the calling thread in tests and scripts. */
  reports: ReportRenderer;
  /** Evidence files by SHA-256: beside the data folder, or in PostgreSQL. */
  attachments: AttachmentStore;
  /** Failed sign-ins, shared by every instance that serves the same data (the sign-in limit). */
  signIns: SignInLedger;
  /** The largest evidence file accepted, in bytes (`ATTACHMENT_MAX_BYTES`). */
  attachmentMaxBytes: number;
  /** Import previews waiting to be committed: in memory over a data folder, in PostgreSQL shared by every instance. */
  imports: ImportPreviews;
  /** Alert settings (SPEC §9): intervals, attempts, the public address for links, SMTP. */
  alerts: AlertConfig;
}
