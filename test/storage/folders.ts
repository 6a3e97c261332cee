/** Data folders and stores for storage tests: each removed (and each store closed) when its test ends. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { createRepository, type Repository } from '../../src/storage/repository.js';
import { Store, type StoreOptions } from '../../src/storage/store.js';

export async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sla-probe-storage-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A store over `dir`, closed when the test ends unless the test closes it first. */
export async function openStore(dir: string, options: StoreOptions = {}): Promise<Store> {
  const store = await Store.open(dir, options);
  onTestFinished(() => store.close().catch(() => undefined));
  return store;
}

export async function openRepository(
  dir: string,
  options: StoreOptions = {},
): Promise<{ store: Store; repository: Repository }> {
  const store = await openStore(dir, options);
  return { store, repository: createRepository(store) };
}
