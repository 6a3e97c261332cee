/** `npm run sample`: add the sample trial to the database in $DATA_DIR (while no server runs on it). */
import { createSampleTrial } from '../src/app/sample.js';
import { loadConfig } from '../src/config.js';
import { inThreadRenderer } from '../src/reports/inThreadRenderer.js';
import { FolderInUseError, StorageError } from '../src/storage/errors.js';
import { newId } from '../src/storage/ids.js';
import { createRepository } from '../src/storage/repository.js';
import { Store } from '../src/storage/store.js';

try {
  const config = loadConfig();
  const store = await Store.open(config.dataDir);
  try {
    const trial = await createSampleTrial({
      repository: createRepository(store),
      now: () => new Date(),
      newId,
      reports: inThreadRenderer,
    });
    console.log(`Sample trial "${trial.name}" created (id ${trial.id}) in ${config.dataDir}.`);
  } finally {
    await store.close();
  }
} catch (error) {
  console.error(error instanceof StorageError || error instanceof FolderInUseError ? error.message : error);
  process.exitCode = 1;
}
