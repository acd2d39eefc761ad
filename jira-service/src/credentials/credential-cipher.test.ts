import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialCipher } from './credential-cipher.js';

describe('CredentialCipher', () => {
  const cipher = new CredentialCipher(randomBytes(32));

  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const sealed = cipher.seal('{"api_token":"secret-token"}', 'jira');
    expect(JSON.stringify(sealed)).not.toContain('secret-token');
    expect(cipher.open(sealed, 'jira')).toBe('{"api_token":"secret-token"}');
  });

  it('uses a fresh IV every time', () => {
    expect(cipher.seal('same', 'jira').iv).not.toBe(cipher.seal('same', 'jira').iv);
  });

  it('refuses altered ciphertext, another context, and another key', () => {
    const sealed = cipher.seal('secret', 'jira');
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => cipher.open({ ...sealed, ciphertext: flipped.toString('base64') }, 'jira')).toThrow();
    expect(() => cipher.open(sealed, 'slack')).toThrow();
    expect(() => new CredentialCipher(randomBytes(32)).open(sealed, 'jira')).toThrow();
  });

  it('insists on a 32-byte key', () => {
    expect(() => new CredentialCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
