import { inThreadRenderer } from '../reports/inThreadRenderer.js';
import { AttachmentFiles } from '../storage/attachments.js';
import { newId } from '../storage/ids.js';
import { PgAttachments } from '../storage/postgres/pgAttachments.js';
import { PgImportPreviews } from '../storage/postgres/pgImportPreviews.js';
import { PgSignIns } from '../storage/postgres/pgSignIns.js';
import { PgStore } from '../storage/postgres/pgStore.js';
import { createRepository, dropExpired, expiredRecords } from '../storage/repository.js';
import { MemorySignIns } from '../storage/signIns.js';
import { Store } from '../storage/store.js';
import { DEFAULT_ALERTS, type AlertConfig } from './alerts/settings.js';
import type { AppDeps } from './deps.js';
import { ImportSessions, type ImportSession } from './imports/sessions.js';
import { snapshotClosedTrials } from './trialFreeze.js';

export interface WiringOptions {
  now?: () => Date;
  /** The calling thread unless told (the server passes its worker pool). */
  reports?: AppDeps['reports'];
  /** 10 MB unless told. */
  attachmentMaxBytes?: number;
  /** Alert settings; the defaults of `loadConfig` (no e-mail, public targets only) unless told. */
  alerts?: Partial<AlertConfig>;
}

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The use cases' dependencies over an open store: one clock for the data and its audit entries.
 * Evidence files, sign-in failures and import previews live where the records do: beside the
 * data folder and in this process's memory, or in PostgreSQL, shared by every instance.
 */
export function depsOver(
  store: Store | PgStore,
  {
    now = () => new Date(),
    reports = inThreadRenderer,
    attachmentMaxBytes = DEFAULT_ATTACHMENT_MAX_BYTES,
    alerts = {},
  }: WiringOptions = {},
): AppDeps {
  const shared =
    store instanceof PgStore
      ? {
          attachments: new PgAttachments(store.pool, now),
          signIns: new PgSignIns(store.pool),
          imports: new PgImportPreviews<ImportSession>(store.pool, now),
        }
      : {
          attachments: new AttachmentFiles(store.folder.dataDir, store.folder.files, now),
          signIns: new MemorySignIns(),
          imports: new ImportSessions(now),
        };
  return {
    repository: createRepository(store, { now }),
    now,
    newId,
    reports,
    ...shared,
    attachmentMaxBytes,
    alerts: { ...DEFAULT_ALERTS, ...alerts },
  };
}

/**
 * The store over a data folder, dropping expired sessions and request answers whenever it
 * folds its journal. A trial found closed without a snapshot (closed before trials were
 * frozen) gets its snapshot now, audited as the program itself (SPEC §2).
 */
export async function openDataFolder(dataDir: string, now: () => Date = () => new Date()): Promise<Store> {
  return snapshotOnOpen(await Store.open(dataDir, { keepOnFold: dropExpired(now) }), now);
}

/**
 * The store in PostgreSQL at `url` (its schema brought up to date first), dropping expired
 * sessions and request answers at open and hourly; closed trials get their snapshot as above.
 */
export async function openDatabase(url: string, now: () => Date = () => new Date()): Promise<PgStore> {
  return snapshotOnOpen(await PgStore.open(url, { expired: (view) => expiredRecords(view, now()) }), now);
}

async function snapshotOnOpen<S extends Store | PgStore>(store: S, now: () => Date): Promise<S> {
  try {
    await snapshotClosedTrials({ repository: createRepository(store, { now }), now });
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * Run `work` on the folder's data while no server has it open: the folder's lock is taken
 * around it, and closing folds the journal into db.json. The admin command and scripts use it.
 */
export async function withDataFolder<T>(
  dataDir: string,
  work: (deps: AppDeps) => Promise<T>,
  options: WiringOptions = {},
): Promise<T> {
  const store = await openDataFolder(dataDir, options.now);
  try {
    return await work(depsOver(store, options));
  } finally {
    await store.close();
  }
}

/**
 * Run `work` on the data the configuration names: PostgreSQL when `databaseUrl` is set (a
 * server may be running on it), else the data folder as withDataFolder takes it. The admin
 * command and `npm run sample` use it.
 */
export async function withConfiguredStore<T>(
  config: { dataDir: string; databaseUrl?: string | undefined },
  work: (deps: AppDeps) => Promise<T>,
): Promise<T> {
  if (config.databaseUrl === undefined) return withDataFolder(config.dataDir, work);
  const store = await openDatabase(config.databaseUrl);
  try {
    return await work(depsOver(store));
  } finally {
    await store.close();
  }
}
