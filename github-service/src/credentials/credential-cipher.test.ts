import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialCipher } from './credential-cipher.js';

describe('CredentialCipher', () => {
  const cipher = new CredentialCipher(randomBytes(32));

  it('opens what it sealed, with a fresh IV each time', () => {
    const first = cipher.seal('ghp_secret', 'github');
    const second = cipher.seal('ghp_secret', 'github');
    expect(first.ciphertext).not.toContain('ghp_secret');
    expect(first.iv).not.toBe(second.iv);
    expect(cipher.open(first, 'github')).toBe('ghp_secret');
  });

  it('refuses another key, another row, or altered ciphertext', () => {
    const sealed = cipher.seal('ghp_secret', 'github');
    expect(() => new CredentialCipher(randomBytes(32)).open(sealed, 'github')).toThrow();
    expect(() => cipher.open(sealed, 'jira')).toThrow();
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(() => cipher.open({ ...sealed, ciphertext: bytes.toString('base64') }, 'github')).toThrow();
  });

  it('takes only a 32-byte key', () => {
    expect(() => new CredentialCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
