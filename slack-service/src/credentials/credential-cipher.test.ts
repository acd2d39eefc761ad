import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialCipher } from './credential-cipher.js';

const key = () => randomBytes(32).toString('base64');

describe('CredentialCipher', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const cipher = new CredentialCipher(key());
    const sealed = cipher.seal('xoxb-123-secret', 'bot_token');
    expect(JSON.stringify(sealed)).not.toContain('xoxb-123-secret');
    expect(cipher.open(sealed, 'bot_token')).toBe('xoxb-123-secret');
  });

  it('uses a fresh IV each time, so equal secrets give different ciphertexts', () => {
    const cipher = new CredentialCipher(key());
    expect(cipher.seal('same', 'bot_token').ciphertext).not.toBe(cipher.seal('same', 'bot_token').ciphertext);
  });

  it('refuses a ciphertext opened under another name, another key, or after tampering', () => {
    const cipher = new CredentialCipher(key());
    const sealed = cipher.seal('xoxb-123', 'bot_token');
    expect(() => cipher.open(sealed, 'other_field')).toThrow();
    expect(() => new CredentialCipher(key()).open(sealed, 'bot_token')).toThrow();
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => cipher.open({ ...sealed, ciphertext: flipped.toString('base64') }, 'bot_token')).toThrow();
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(() => new CredentialCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
