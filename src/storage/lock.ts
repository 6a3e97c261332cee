import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { FolderInUseError } from './errors.js';

export interface Lock {
  release(): Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `$dataDir/db.lock` holds the process id of the one program writing the folder. A lock
 * left by a process that is gone (killed, crashed) is taken over; a live one is refused,
 * so the admin command cannot write under a running server. The same process may open
 * the folder again (tests reopen a store to check what reached the disk).
 */
export async function acquireLock(dataDir: string): Promise<Lock> {
  const file = path.join(dataDir, 'db.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (holder === process.pid) return { release: () => Promise.resolve() };
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new FolderInUseError(dataDir, holder);
    }
    await rm(file, { force: true });
  }
  throw new Error(`Could not take the lock ${file}`);
}
