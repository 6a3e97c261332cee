/**
 * `npm run sample`: add the sample trial to the data the configuration names: PostgreSQL when
 * DATABASE_URL is set, else the database in $DATA_DIR (while no server runs on it).
 */
import { createSampleTrial } from '../src/app/sample.js';
import { withConfiguredStore } from '../src/app/wiring.js';
import { loadConfig } from '../src/config.js';
import { FolderInUseError, StorageError } from '../src/storage/errors.js';

try {
  const config = loadConfig();
  const trial = await withConfiguredStore(config, createSampleTrial);
  const where = config.databaseUrl ? 'PostgreSQL' : config.dataDir;
  console.log(`Sample trial "${trial.name}" created (id ${trial.id}) in ${where}.`);
} catch (error) {
  console.error(error instanceof StorageError || error instanceof FolderInUseError ? error.message : error);
  process.exitCode = 1;
}
