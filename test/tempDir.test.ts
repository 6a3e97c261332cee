import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/tempDir/', import.meta.url));
const VITEST = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

describe('tempDir', () => {
  it('when a test file has made folders and left a store open, then nothing of it is left once the file has run', async () => {
    // Arrange: a temp directory of the fixture's own, so other tests' folders do not count.
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'temp-dir-check-'));
    onTestFinished(() => rm(tmp, { recursive: true, force: true }));

    // Act
    const run = await promisify(execFile)(process.execPath, [VITEST, 'run', '--root', FIXTURE], {
      env: { ...process.env, TMPDIR: tmp, CI: 'true' },
    });

    // Assert
    expect(run.stdout).toMatch(/1 passed/);
    expect(await readdir(tmp)).toEqual([]);
  });
});
