import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialCipher } from './credential-cipher.js';

const key = randomBytes(32).toString('base64');

describe('CredentialCipher', () => {
  it('round-trips a value and never returns the plaintext in the ciphertext', () => {
    const cipher = new CredentialCipher(key);
    const encrypted = cipher.encrypt('sntrys_secret_token', 'auth_token');
    expect(encrypted.ciphertext).not.toContain('sntrys');
    expect(Buffer.from(encrypted.ciphertext, 'base64').toString('utf8')).not.toContain('secret');
    expect(cipher.decrypt(encrypted, 'auth_token')).toBe('sntrys_secret_token');
  });

  it('uses a fresh IV each time', () => {
    const cipher = new CredentialCipher(key);
    expect(cipher.encrypt('same', 'auth_token').ciphertext).not.toBe(cipher.encrypt('same', 'auth_token').ciphertext);
  });

  it('refuses a value moved to another field, a tampered value and a wrong key', () => {
    const cipher = new CredentialCipher(key);
    const encrypted = cipher.encrypt('sntrys_secret_token', 'auth_token');
    expect(() => cipher.decrypt(encrypted, 'organization')).toThrow();
    const flipped = Buffer.from(encrypted.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => cipher.decrypt({ ...encrypted, ciphertext: flipped.toString('base64') }, 'auth_token')).toThrow();
    expect(() => new CredentialCipher(randomBytes(32).toString('base64')).decrypt(encrypted, 'auth_token')).toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new CredentialCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
