import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret: 32 random bytes, URL-safe. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Secrets are stored only as their SHA-256: they are long and random, so no salt or stretching is needed. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
