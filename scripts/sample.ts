/** `npm run sample`: add the sample trial to the database in $DATA_DIR (while no server runs on it). */
import { createSampleTrial } from '../src/app/sample.js';
import { withDataFolder } from '../src/app/wiring.js';
import { loadConfig } from '../src/config.js';
import { FolderInUseError, StorageError } from '../src/storage/errors.js';

try {
  const config = loadConfig();
  const trial = await withDataFolder(config.dataDir, createSampleTrial);
  console.log(`Sample trial "${trial.name}" created (id ${trial.id}) in ${config.dataDir}.`);
} catch (error) {
  console.error(error instanceof StorageError || error instanceof FolderInUseError ? error.message : error);
  process.exitCode = 1;
}
