import { z } from 'zod';
import { ApiTokenSchema, RoleSchema, roleAtMost, type ApiToken } from '../domain/accounts.js';
import type { AppDeps } from './deps.js';
import { invalid, notFound } from './errors.js';
import { parseInput } from './parse.js';
import { digest, newSecret } from './secrets.js';
import { TOKEN_PREFIX } from './sessions.js';

export const TokenCreateSchema = z.object({
  name: ApiTokenSchema.shape.name,
  userId: z.string().min(1).max(200),
  /** Defaults to the owner's role; never above it. */
  role: RoleSchema.optional(),
});

/** A new API token for a user. The secret is returned this once; only its digest is kept. */
export async function createToken(
  deps: AppDeps,
  input: unknown,
): Promise<{ token: ApiToken; secret: string }> {
  const { name, userId, role } = parseInput(TokenCreateSchema, input);
  const owner = await deps.repository.getUser(userId);
  if (!owner?.active)
    throw invalid([{ path: 'userId', message: 'no active account with this id', reason: 'invalid' }]);
  const tokenRole = role ?? owner.role;
  if (!roleAtMost(tokenRole, owner.role)) {
    throw invalid([
      { path: 'role', message: `must not exceed the owner's role (${owner.role})`, reason: 'roleAboveOwner' },
    ]);
  }
  const secret = newSecret(TOKEN_PREFIX);
  const token: ApiToken = {
    id: deps.newId('token'),
    userId,
    name,
    role: tokenRole,
    secretHash: digest(secret),
    hint: secret.slice(0, TOKEN_PREFIX.length + 4),
    createdAt: deps.now().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.repository.insertToken(token);
  return { token, secret };
}

export function listTokens(deps: AppDeps): Promise<readonly ApiToken[]> {
  return deps.repository.listTokens();
}

/** Revoke a token: from now on it answers 401. Revoking twice changes nothing. */
export async function revokeToken(deps: AppDeps, tokenId: string): Promise<ApiToken> {
  const at = deps.now().toISOString();
  const token = await deps.repository.updateToken(tokenId, (current) =>
    current.revokedAt === null ? { ...current, revokedAt: at } : current,
  );
  if (!token) throw notFound('token');
  return token;
}

/** A token as an API client sees it: no digest. */
export function presentToken({ secretHash: _digest, ...token }: ApiToken): Omit<ApiToken, 'secretHash'> {
  return token;
}
