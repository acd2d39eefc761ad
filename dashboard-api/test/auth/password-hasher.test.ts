import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, decoyHash, hashPassword, verifyPassword } from '../../src/auth/password-hasher.js';

describe('password hashes', () => {
  it('are scrypt with the production cost, salted, and verify only the right password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(new RegExp(`^scrypt\\$${DEFAULT_SCRYPT.N}\\$8\\$1\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{86}$`));
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
  });

  it('keep their own parameters, so a hash made at another cost still verifies', async () => {
    const cheap = await hashPassword('pässwörd', { N: 2 ** 10, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    // NFKC: the same word typed with a combining diaeresis is the same password.
    expect(await verifyPassword('pa\u0308sswo\u0308rd', cheap)).toBe(true);
  });

  it('refuse anything that is not a hash they wrote', async () => {
    for (const stored of ['', 'plain', 'bcrypt$2b$10$abc', 'scrypt$x$8$1$c2FsdA$aGFzaA', 'scrypt$1024$8$1$$']) {
      expect(await verifyPassword('anything', stored), stored).toBe(false);
    }
    expect(await verifyPassword('anything', await decoyHash({ N: 2 ** 10, r: 8, p: 1 }))).toBe(false);
  });
});
