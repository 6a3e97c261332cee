/** `npm run sample`: add the sample trial to the database in $DATA_DIR (server stopped or not running on it). */
import { createSampleTrial } from '../src/app/sample.js';
import { loadConfig } from '../src/config.js';
import { inThreadRenderer } from '../src/reports/inThreadRenderer.js';
import { StorageError } from '../src/storage/errors.js';
import { newId } from '../src/storage/ids.js';
import { createRepository } from '../src/storage/repository.js';
import { Store } from '../src/storage/store.js';

try {
  const config = loadConfig();
  const store = await Store.open(config.dataDir);
  const trial = await createSampleTrial({
    repository: createRepository(store),
    now: () => new Date(),
    newId,
    reports: inThreadRenderer,
  });
  console.log(`Sample trial "${trial.name}" created (id ${trial.id}) in ${config.dataDir}.`);
} catch (error) {
  console.error(error instanceof StorageError ? error.message : error);
  process.exitCode = 1;
}
