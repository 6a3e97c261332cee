import { randomBytes } from 'node:crypto';

/** Opaque, URL-safe ids with a readable prefix: `vendor_3kq9x…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}
