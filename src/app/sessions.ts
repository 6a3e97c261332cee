import { z } from 'zod';
import {
  EmailSchema,
  lesserRole,
  type ApiToken,
  type Role,
  type Session,
  type User,
} from '../domain/accounts.js';
import type { AppDeps } from './deps.js';
import { AppError } from './errors.js';
import { parseInput } from './parse.js';
import { verifyPassword } from './passwords.js';
import { digest, newSecret } from './secrets.js';

/** A browser session lasts a working week and a weekend; signing out ends it at once. */
export const SESSION_DAYS = 7;
/** A token's last use is written at most once a minute, so a busy script does not rewrite the file on every call. */
const TOKEN_USE_RESOLUTION_MS = 60_000;
export const TOKEN_PREFIX = 'slap_';

/** Who is asking, with the role that applies to this request. */
export interface Principal {
  user: User;
  role: Role;
  via: 'session' | 'token';
  /** The session cookie's value, for CSRF tokens and sign-out. */
  sessionSecret?: string;
  token?: ApiToken;
}

export const SignInSchema = z.object({
  email: z.string().trim().max(254),
  password: z.string().max(200),
});

export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'E-mail or password is not right');

/**
 * Check an e-mail and password; a wrong one (or an unknown or deactivated account) is a
 * 401 that does not say which, and is written to the audit log.
 */
export async function signIn(deps: AppDeps, input: unknown): Promise<{ user: User; sessionSecret: string }> {
  const { email, password } = parseInput(SignInSchema, input);
  const normalised = EmailSchema.safeParse(email);
  const user = normalised.success ? await deps.repository.findUserByEmail(normalised.data) : undefined;
  const matches = await verifyPassword(password, user?.passwordHash);
  if (!user || !matches || !user.active) {
    await deps.repository.recordLoginFailure(email.slice(0, 254), user);
    throw invalidCredentials();
  }
  return { user, sessionSecret: await startSession(deps, user) };
}

/** A new session for the user; the secret goes in the cookie, only its digest is stored. */
export async function startSession(deps: AppDeps, user: User): Promise<string> {
  const secret = newSecret();
  const now = deps.now();
  const session: Session = {
    idHash: digest(secret),
    userId: user.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
  };
  await deps.repository.insertSession(session, user);
  return secret;
}

export async function signOut(deps: AppDeps, sessionSecret: string): Promise<void> {
  await deps.repository.deleteSession(digest(sessionSecret));
}

/** The signed-in user of a session cookie, if the session is current and the account active. */
export async function principalOfSession(deps: AppDeps, secret: string): Promise<Principal | undefined> {
  const session = await deps.repository.getSession(digest(secret));
  if (!session || session.expiresAt <= deps.now().toISOString()) return undefined;
  const user = await deps.repository.getUser(session.userId);
  if (!user?.active) return undefined;
  return { user, role: user.role, via: 'session', sessionSecret: secret };
}

/**
 * The owner of a bearer token, if it is known, not revoked and its owner active. The token
 * acts with its own role, never more than its owner's current one.
 */
export async function principalOfToken(deps: AppDeps, secret: string): Promise<Principal | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
  const token = await deps.repository.findTokenBySecretHash(digest(secret));
  if (!token || token.revokedAt !== null) return undefined;
  const user = await deps.repository.getUser(token.userId);
  if (!user?.active) return undefined;
  const now = deps.now();
  if (token.lastUsedAt === null || now.getTime() - Date.parse(token.lastUsedAt) >= TOKEN_USE_RESOLUTION_MS) {
    await deps.repository.recordTokenUse(token.id, now.toISOString());
  }
  return { user, role: lesserRole(token.role, user.role), via: 'token', token };
}
