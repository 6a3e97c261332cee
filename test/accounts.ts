import type { AppDeps } from '../src/app/deps.js';
import { hashPassword } from '../src/app/passwords.js';
import type { Role, User } from '../src/domain/accounts.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let testPasswordHash: Promise<string> | undefined;

/** An account with a known password; the hash is computed once per test file (scrypt is slow on purpose). */
export async function addUser(deps: AppDeps, role: Role, email = `${role}@example.com`): Promise<User> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const at = deps.now().toISOString();
  const user: User = {
    id: deps.newId('user'),
    email,
    role,
    passwordHash: await testPasswordHash,
    active: true,
    createdAt: at,
    updatedAt: at,
  };
  await deps.repository.insertUser(user);
  return user;
}
