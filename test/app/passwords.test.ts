import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/app/passwords.js';

describe('passwords', () => {
  it('when a password is hashed, then only that password verifies, and the hash does not contain it', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('when the same password is hashed twice, then the salts differ', async () => {
    expect(await hashPassword('密码也可以是中文的短语')).not.toBe(
      await hashPassword('密码也可以是中文的短语'),
    );
  });

  it('when there is no stored hash or it is damaged, then nothing verifies', async () => {
    expect(await verifyPassword('anything at all', undefined)).toBe(false);
    expect(await verifyPassword('anything at all', 'scrypt$broken')).toBe(false);
    expect(await verifyPassword('anything at all', 'bcrypt$1$2$3$4$5')).toBe(false);
  });
});
