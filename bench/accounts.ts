import type { AppDeps } from '../src/app/deps.js';
import { createToken } from '../src/app/tokens.js';
import { createUser } from '../src/app/users.js';
import { inThreadRenderer } from '../src/reports/inThreadRenderer.js';
import { newId } from '../src/storage/ids.js';
import { createRepository } from '../src/storage/repository.js';
import { Store } from '../src/storage/store.js';

/** An evaluator account with an API token; the headers that authenticate as it. */
export async function benchHeaders(deps: AppDeps): Promise<Record<string, string>> {
  const user = await createUser(deps, {
    email: 'bench@example.com',
    password: 'benchmark password',
    role: 'evaluator',
  });
  const { secret } = await createToken(deps, { name: 'bench', userId: user.id });
  return { Authorization: `Bearer ${secret}` };
}

/** The same, written into a data folder before a server process opens it. */
export async function benchHeadersIn(dataDir: string): Promise<Record<string, string>> {
  const store = await Store.open(dataDir);
  try {
    const now = () => new Date();
    return await benchHeaders({
      repository: createRepository(store, { now }),
      now,
      newId,
      reports: inThreadRenderer,
    });
  } finally {
    await store.close();
  }
}
