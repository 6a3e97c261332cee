import type { AppDeps } from './app/deps.js';
import { loadConfig } from './config.js';
import { createApp } from './http/app.js';
import { ReportPool } from './reports/pool.js';
import { StorageError } from './storage/errors.js';
import { newId } from './storage/ids.js';
import { createRepository } from './storage/repository.js';
import { Store } from './storage/store.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await Store.open(config.dataDir);
  const reports = new ReportPool({ size: config.reportWorkers });
  const deps: AppDeps = { repository: createRepository(store), now: () => new Date(), newId, reports };
  const app = createApp(deps);

  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    console.log(`SLA Probe is running at http://${host}:${port}/ (data in ${config.dataDir})`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down…`);
    server.close(() => {
      Promise.all([store.flush(), reports.close()])
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
