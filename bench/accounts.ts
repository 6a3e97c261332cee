import type { AppDeps } from '../src/app/deps.js';
import { createToken } from '../src/app/tokens.js';
import { createUser } from '../src/app/users.js';
import { withDataFolder } from '../src/app/wiring.js';

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
export function benchHeadersIn(dataDir: string): Promise<Record<string, string>> {
  return withDataFolder(dataDir, benchHeaders);
}
