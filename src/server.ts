import os from 'node:os';
import path from 'node:path';
import { startAlerts, type AlertLoop } from './app/alerts/scheduler.js';
import { sweepAfterRemoval } from './app/attachments.js';
import { depsOver, openDatabase, openDataFolder } from './app/wiring.js';
import { loadConfig } from './config.js';
import { createApp } from './http/app.js';
import { ReportPool } from './reports/pool.js';
import { AttachmentFiles } from './storage/attachments.js';
import { Backups, scheduleBackups } from './storage/backups.js';
import { FolderInUseError, StorageError } from './storage/errors.js';
import { AdvisoryLease } from './storage/postgres/lease.js';
import { LOCKS } from './storage/postgres/migrations.js';
import { InvalidRecordError, type PgStore } from './storage/postgres/pgStore.js';
import { Store } from './storage/store.js';

/** A database file that cannot be used: say so, and name the newest backup that can. */
async function explainUnusableDatabase(error: StorageError, dataDir: string, keep: number): Promise<string> {
  const backup = await new Backups(dataDir, keep).newestValid().catch(() => null);
  if (!backup) return `${error.message}\nNo usable backup was found in ${path.join(dataDir, 'backups')}.`;
  const journals = ['db.journal', 'db.journal.next'].map((name) => `"${path.join(dataDir, name)}"`).join(' ');
  return `${error.message}\nNewest good backup: ${backup}\nTo restore it (changes since that backup are lost): rm -f ${journals} && cp "${backup}" "${path.join(dataDir, 'db.json')}", then start again.`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  let store: Store | PgStore;
  try {
    store = config.databaseUrl
      ? await openDatabase(config.databaseUrl)
      : await openDataFolder(config.dataDir);
  } catch (error) {
    if (error instanceof StorageError) {
      console.error(await explainUnusableDatabase(error, config.dataDir, config.backupKeep));
      process.exit(1);
    }
    if (error instanceof FolderInUseError || error instanceof InvalidRecordError) {
      console.error(error.message);
      process.exit(1);
    }
    if (config.databaseUrl) {
      // The URL may hold a password: name the server, not the URL.
      const { hostname, port, pathname } = new URL(config.databaseUrl);
      console.error(
        `Could not open the PostgreSQL database ${pathname.slice(1)} on ${hostname || 'the local socket'}${port ? `:${port}` : ''} (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    }
    throw error;
  }
  // Its workers start with the first report and leave when idle: see ReportPool.
  const reports = new ReportPool({
    size: config.reportWorkers,
    maxQueued: config.reportQueueMax,
    idleMs: config.reportWorkerIdleSeconds * 1000,
  });
  const now = () => new Date();
  const deps = depsOver(store, {
    now,
    reports,
    attachmentMaxBytes: config.attachmentMaxBytes,
    alerts: config.alerts,
  });
  // The data folder is backed up on a timer; PostgreSQL has its own backups (pg_dump, base
  // backups and WAL archiving for point-in-time recovery).
  const backups =
    store instanceof Store && deps.attachments instanceof AttachmentFiles
      ? scheduleBackups(
          store,
          new Backups(config.dataDir, config.backupKeep, undefined, deps.attachments),
          config.backupIntervalMinutes * 60_000,
        )
      : null;
  // With several instances on one database, one at a time checks and sends alerts.
  const alertLease = config.databaseUrl ? new AdvisoryLease(config.databaseUrl, LOCKS.alerts) : null;
  // Evidence files left by a crash between a file's write and its event's commit; and, as
  // often as backups, those whose last reference went with a deleted trial or vendor.
  void sweepAfterRemoval(deps);
  const sweeps = setInterval(() => void sweepAfterRemoval(deps), config.backupIntervalMinutes * 60_000);
  sweeps.unref();
  const app = createApp(deps, { trustProxy: config.trustProxy });

  let alerts: AlertLoop | undefined;
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    // Links in alerts need an absolute address: the server's own unless PUBLIC_BASE_URL says
    // (a server listening on every interface names itself by its host name).
    const linkHost = ['0.0.0.0', '[::]'].includes(host) ? os.hostname() : host;
    deps.alerts.publicBaseUrl ??= `http://${linkHost}:${port}`;
    // Alerts are checked and sent in the background from now on (SPEC §9).
    alerts = startAlerts(deps, alertLease ? { ourTurn: () => alertLease.held() } : {});
    const where = config.databaseUrl ? 'data in PostgreSQL' : `data in ${config.dataDir}`;
    console.log(`SLA Probe is running at http://${host}:${port}/ (${where})`);
    if (store.view.all('users').length === 0) {
      console.log('No account exists yet: open the address above to create the first admin.');
    }
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweeps);
    console.log(`${signal} received, shutting down…`);
    server.close(() => {
      // A tick in flight finishes (its outcomes written) before the store closes.
      const alertsStopped = alerts?.stop() ?? Promise.resolve();
      const stored = alertsStopped
        .then(() => Promise.all([backups?.stop(), alertLease?.close()]))
        .then(() => store.close());
      Promise.all([stored, reports.close()])
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          console.error('Could not write the database on shutdown:', error);
          process.exit(1);
        });
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => {
    shutdown('SIGTERM');
  });
  process.on('SIGINT', () => {
    shutdown('SIGINT');
  });
}

main().catch((error: unknown) => {
  if (error instanceof StorageError) console.error(error.message);
  else console.error('SLA Probe could not start:', error);
  process.exit(1);
});
