/**
 * Temporary folders for tests, gone after the test file that made them. Import this module
 * statically (not with `import()` inside a test): importing it registers the clean-up as an
 * `afterAll` of the importing file, and vitest loads modules afresh for each test file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

interface Closable {
  close(): Promise<void>;
}

const folders: string[] = [];
const openResources: Closable[] = [];

afterAll(async () => {
  // Closed first, newest first: a store still writing into a folder would make removing it
  // fail (ENOTEMPTY) or leave a file behind. A test may have broken its store on purpose, so a
  // failed close does not fail the file.
  for (const resource of openResources.splice(0).reverse()) {
    await resource.close().catch(() => undefined);
  }
  await Promise.all(
    folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true, maxRetries: 3 })),
  );
});

/** A new empty folder under the system's temp directory, removed (with all in it) after this test file. */
export async function tempDir(prefix = 'sla-probe-test-'): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** Close `resource` (a store, a server) after this test file, before its folders are removed. */
export function closeAfterFile(resource: Closable): void {
  openResources.push(resource);
}
