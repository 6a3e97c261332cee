import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FolderInUseError } from '../../src/storage/errors.js';
import { acquireLock } from '../../src/storage/lock.js';
import { Store } from '../../src/storage/store.js';
import { dataFolder } from './folders.js';

const HOLDER = fileURLToPath(new URL('./lockHolder.ts', import.meta.url));
/** A pid no process has: what a killed server leaves in db.lock. */
const DEAD_PID = '2147483646';

/** Starts a process that tries to take the folder's lock; resolves with its verdict and a way to let go. */
function contender(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  const verdict = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.trim());
    });
    child.once('exit', (code) => {
      if (!output.includes('\n'))
        reject(new Error(`the contender exited (${String(code)}) without a verdict`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  return {
    verdict,
    letGo: () => {
      child.stdin.end();
    },
    exited,
  };
}

describe('the data folder lock', () => {
  it('when two processes start at once over a lock left by a dead one, 50 times over, then exactly one holds the folder each time', async () => {
    const dir = await dataFolder();
    const outcomes: string[] = [];
    for (let round = 0; round < 50; round++) {
      await writeFile(path.join(dir, 'db.lock'), DEAD_PID);
      const both = [contender(dir), contender(dir)];
      const verdicts = await Promise.all(both.map((one) => one.verdict));
      for (const one of both) one.letGo();
      await Promise.all(both.map((one) => one.exited));
      outcomes.push(
        verdicts
          .map((verdict) => verdict.split(' ')[0])
          .sort()
          .join('+'),
      );
    }
    expect(outcomes).toEqual(Array(50).fill('held+refused'));
  }, 120_000);

  it('when one process opens the folder twice at once, 50 times over, then exactly one store opens each time', async () => {
    const dir = await dataFolder();
    for (let round = 0; round < 50; round++) {
      const attempts = await Promise.allSettled([Store.open(dir), Store.open(dir)]);
      const opened = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
      const refused = attempts.flatMap((attempt): unknown[] =>
        attempt.status === 'rejected' ? [attempt.reason] : [],
      );
      expect(opened).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(FolderInUseError);
      await opened[0]?.close();
    }
  });

  it('when another live process holds the folder, then opening it is refused naming that process, and nothing is read or written', async () => {
    const dir = await dataFolder();
    const holder = contender(dir);
    expect(await holder.verdict).toBe('held');
    const pid = await readFile(path.join(dir, 'db.lock'), 'utf8');

    await expect(Store.open(dir)).rejects.toThrow(`in use by process ${pid}`);
    holder.letGo();
    await holder.exited;
    await (await Store.open(dir)).close();
  });

  it('when the lock is released, then the folder can be taken again and the lock file stays (never removed under another process)', async () => {
    const dir = await dataFolder();
    const lock = await acquireLock(dir);
    await lock.release();
    const again = await acquireLock(dir);
    expect(await readFile(path.join(dir, 'db.lock'), 'utf8')).toBe(String(process.pid));
    await again.release();
  });
});
