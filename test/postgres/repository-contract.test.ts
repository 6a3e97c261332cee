/** The repository's contract (test/contract/repository.ts) over PostgreSQL. */
import { onTestFinished } from 'vitest';
import { PgStore, type PgStoreOptions } from '../../src/storage/postgres/pgStore.js';
import { createRepository, expiredRecords } from '../../src/storage/repository.js';
import { repositoryContract } from '../contract/repository.js';
import { freshDatabase } from '../support/postgres.js';

repositoryContract({
  name: 'PostgreSQL',
  open: async ({ now } = {}) => {
    const url = await freshDatabase();
    // As the app opens a database (src/app/wiring.ts): expired records are dropped at open.
    const clock = now ?? (() => new Date());
    const options: PgStoreOptions = { poolSize: 4, expired: (view) => expiredRecords(view, clock()) };
    let store = await PgStore.open(url, options);
    onTestFinished(() => store.close().catch(() => undefined));
    return {
      repository: createRepository(store, { ...(now ? { now } : {}) }),
      // A restart: a new instance loading everything from the database.
      reopen: async () => {
        await store.close();
        store = await PgStore.open(url, options);
        return createRepository(store, { ...(now ? { now } : {}) });
      },
    };
  },
});
