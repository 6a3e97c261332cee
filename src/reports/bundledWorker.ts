/**
 * The report worker as `npm start` runs it: worker.ts and everything it imports in one
 * CommonJS file (scripts/build.mjs makes dist/reports/worker.cjs), compiled from V8's code
 * cache when one is there (see codeCache.ts). A worker that had to compile from source saves
 * the cache once it has answered its first report, so every worker after it — later in this
 * process, or after a restart — starts with the code that report needed already compiled.
 */
import { fileURLToPath } from 'node:url';
import { loadWithCodeCache } from './codeCache.js';

const loaded = loadWithCodeCache(fileURLToPath(new URL('./worker.cjs', import.meta.url)));
if (loaded.cache !== 'used') {
  const { firstAnswered } = loaded.exports as { firstAnswered: Promise<void> };
  void firstAnswered.then(() => loaded.saveCache());
}
