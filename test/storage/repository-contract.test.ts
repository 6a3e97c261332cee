/** The repository's contract (test/contract/repository.ts) over the JSON data folder. */
import { onTestFinished } from 'vitest';
import { createRepository, dropExpired } from '../../src/storage/repository.js';
import { Store, type StoreOptions } from '../../src/storage/store.js';
import { repositoryContract } from '../contract/repository.js';
import { dataFolder } from './folders.js';

repositoryContract({
  name: 'JSON data folder',
  open: async ({ now } = {}) => {
    const dir = await dataFolder();
    // As the app opens a folder (src/app/wiring.ts): expired records are dropped when it folds.
    const options: StoreOptions = { keepOnFold: dropExpired(now ?? (() => new Date())) };
    let store = await Store.open(dir, options);
    onTestFinished(() => store.close().catch(() => undefined));
    return {
      repository: createRepository(store, { ...(now ? { now } : {}) }),
      reopen: async () => {
        await store.close();
        store = await Store.open(dir, options);
        return createRepository(store, { ...(now ? { now } : {}) });
      },
    };
  },
});
