import { describe, expect, it } from 'vitest';
import { signIn } from '../../src/app/sessions.js';
import { changeUser } from '../../src/app/users.js';
import { addUser, createTestApp } from '../http/helpers.js';

describe('changeUser', () => {
  it('when the only two admins demote each other at the same moment, then exactly one succeeds and one admin remains', async () => {
    const { deps } = await createTestApp({ as: 'anonymous' });
    const first = await addUser(deps, 'admin', 'first@example.com');
    const second = await addUser(deps, 'admin', 'second@example.com');

    const results = await Promise.allSettled([
      changeUser(deps, first.id, { role: 'viewer' }),
      changeUser(deps, second.id, { role: 'viewer' }),
    ]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ status: 409, code: 'last_admin' });
    const admins = (await deps.repository.listUsers()).filter((user) => user.role === 'admin' && user.active);
    expect(admins).toHaveLength(1);
  });

  it('when a role change and a password reset of one account run at once, then both take effect', async () => {
    const { deps } = await createTestApp({ as: 'anonymous' });
    await addUser(deps, 'admin', 'lead@example.com');
    const member = await addUser(deps, 'viewer', 'member@example.com');

    await Promise.all([
      changeUser(deps, member.id, { password: 'a brand new passphrase' }),
      changeUser(deps, member.id, { role: 'evaluator' }),
    ]);

    expect(await deps.repository.getUser(member.id)).toMatchObject({ role: 'evaluator' });
    await expect(
      signIn(deps, { email: 'member@example.com', password: 'a brand new passphrase' }),
    ).resolves.toMatchObject({
      user: { id: member.id },
    });
  });
});
