import { z } from 'zod';
import { EmailSchema, PasswordSchema, RoleSchema, UserSchema, type User } from '../domain/accounts.js';
import type { AppDeps } from './deps.js';
import { AppError, invalid, notFound } from './errors.js';
import { parseInput } from './parse.js';
import { hashPassword } from './passwords.js';

const NameSchema = UserSchema.shape.name;

export const FirstAdminSchema = z.object({
  email: EmailSchema,
  name: NameSchema,
  password: PasswordSchema,
});

export const UserCreateSchema = z.object({
  email: EmailSchema,
  name: NameSchema,
  role: RoleSchema,
  password: PasswordSchema,
});

export const UserChangeSchema = z.strictObject({
  role: RoleSchema.optional(),
  name: NameSchema,
  active: z.boolean().optional(),
  password: PasswordSchema.optional(),
  /** The alert e-mails the account gets (SPEC §9): the daily digest, breaches, and their language. */
  alertEmails: UserSchema.shape.alertEmails,
});

/** True until the first account exists: every page leads to the set-up page meanwhile. */
/** Repositories known to hold an account: accounts are deactivated, never deleted, so set-up stays over. */
const setUp = new WeakSet<AppDeps['repository']>();

export async function needsSetup(deps: AppDeps): Promise<boolean> {
  if (setUp.has(deps.repository)) return false;
  const none = (await deps.repository.countUsers()) === 0;
  if (!none) setUp.add(deps.repository);
  return none;
}

/** True once an account is known to exist (after needsSetup said so): a check without waiting, for every page. */
export function isSetUp(deps: AppDeps): boolean {
  return setUp.has(deps.repository);
}

async function newUser(deps: AppDeps, input: z.output<typeof UserCreateSchema>): Promise<User> {
  const at = deps.now().toISOString();
  return {
    id: deps.newId('user'),
    email: input.email,
    ...(input.name ? { name: input.name } : {}),
    role: input.role,
    passwordHash: await hashPassword(input.password),
    active: true,
    createdAt: at,
    updatedAt: at,
  };
}

/** The one-time set-up: the first account, an admin. Once any account exists this is a 404. */
export async function createFirstAdmin(deps: AppDeps, input: unknown): Promise<User> {
  if (!(await needsSetup(deps))) throw notFound('page');
  const parsed = parseInput(FirstAdminSchema, input);
  const user = await newUser(deps, { ...parsed, role: 'admin' });
  if (!(await deps.repository.insertFirstUser(user))) throw notFound('page');
  return user;
}

export function listUsers(deps: AppDeps): Promise<readonly User[]> {
  return deps.repository.listUsers();
}

export async function createUser(deps: AppDeps, input: unknown): Promise<User> {
  const user = await newUser(deps, parseInput(UserCreateSchema, input));
  if (!(await deps.repository.insertUser(user))) {
    throw invalid([{ path: 'email', message: 'an account with this e-mail exists', reason: 'emailTaken' }]);
  }
  return user;
}

/**
 * Change an account's role, name, password, status or alert e-mails. The last active admin can neither
 * be demoted nor deactivated, so the tool always keeps someone who can manage accounts.
 */
export async function changeUser(deps: AppDeps, userId: string, input: unknown): Promise<User> {
  const change = parseInput(UserChangeSchema, input);
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  const at = deps.now().toISOString();
  // Checked and applied in one write, against the accounts as they are then: two admins
  // demoting each other at once cannot both succeed, and a concurrent change is not undone.
  const updated = await deps.repository.updateUser(userId, (user, users) => {
    const losesAdmin =
      user.role === 'admin' &&
      user.active &&
      ((change.role !== undefined && change.role !== 'admin') || change.active === false);
    if (losesAdmin && !users.some((other) => other.id !== userId && other.role === 'admin' && other.active)) {
      throw lastAdmin();
    }
    return {
      ...user,
      ...(change.role ? { role: change.role } : {}),
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(change.active === undefined ? {} : { active: change.active }),
      ...(passwordHash === undefined ? {} : { passwordHash }),
      ...(change.alertEmails === undefined ? {} : { alertEmails: change.alertEmails }),
      updatedAt: at,
    };
  });
  if (!updated) throw notFound('user');
  return updated;
}

const lastAdmin = () =>
  new AppError(409, 'last_admin', 'The last active admin cannot be demoted or deactivated');

/** What an account looks like to other people: everything but the password hash. */
export function presentUser({ passwordHash: _hash, ...user }: User): Omit<User, 'passwordHash'> {
  return user;
}
