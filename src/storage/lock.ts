import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { tryLock, unlock } from 'fs-native-extensions';
import { FolderInUseError } from './errors.js';
import { FILE_MODE } from './fileSystem.js';

export interface Lock {
  release(): Promise<void>;
}

/**
 * One writer per data folder: an exclusive advisory lock (an open-file-description lock, so
 * it also holds between two opens in one process) on `$dataDir/db.lock`, held for as long as
 * the store is open. The kernel drops it when the process ends however it ends, so a killed
 * server never leaves a lock to take over, and two servers starting at once over a folder
 * cannot both win: there is no check-then-delete to race. The file is never removed (a
 * process could otherwise lock a name another has already replaced); it holds the pid of the
 * holder, for the message a second process prints.
 */
export function acquireLock(dataDir: string): Promise<Lock> {
  const file = path.join(dataDir, 'db.lock');
  const fd = openSync(file, 'a+', FILE_MODE);
  let locked: boolean;
  try {
    locked = tryLock(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (!locked) {
    closeSync(fd);
    const holder = Number(readFileSync(file, 'utf8').trim());
    return Promise.reject(new FolderInUseError(dataDir, Number.isInteger(holder) ? holder : 0));
  }
  try {
    ftruncateSync(fd, 0);
    writeSync(fd, String(process.pid), 0);
  } catch {
    // The pid is only a note for the message; a full disk must not stop the lock.
  }
  let held = true;
  return Promise.resolve({
    release: () => {
      if (held) {
        held = false;
        unlock(fd);
        closeSync(fd);
      }
      return Promise.resolve();
    },
  });
}
