/**
 * A separate process that tries to take a data folder's lock: prints "held" or "refused …",
 * and keeps a held lock until its standard input closes. Run by lock.test.ts.
 */
import { acquireLock } from '../../src/storage/lock.js';

const dataDir = process.argv[2] ?? '.';
try {
  const lock = await acquireLock(dataDir);
  process.stdout.write('held\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    void lock.release().then(() => process.exit(0));
  });
} catch (error) {
  process.stdout.write(`refused ${(error as Error).message}\n`);
  process.exit(0);
}
