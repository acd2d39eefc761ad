import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of API tokens, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'sfd_';

/** 32 random bytes, base64url: the value of a session cookie, a CSRF token or (prefixed) an API token. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored for a session or an API token: a SHA-256, never the value itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
