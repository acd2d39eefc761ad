import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface EncryptedValue {
  ciphertext: string;
  iv: string;
  authTag: string;
}

/** NIST SP 800-38D recommends a 96-bit IV for GCM. */
const IV_BYTES = 12;

/**
 * AES-256-GCM with a fresh random IV per value. `context` (the field name) is bound as
 * additional authenticated data, so a ciphertext copied to another field fails to decrypt.
 */
export class CredentialCipher {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new Error('the credentials encryption key must be 32 bytes');
  }

  encrypt(plaintext: string, context: string): EncryptedValue {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext: ciphertext.toString('base64'), iv: iv.toString('base64'), authTag: cipher.getAuthTag().toString('base64') };
  }

  /** Throws when the key is wrong or the value (or its context) was tampered with. */
  decrypt(value: EncryptedValue, context: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(value.iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(value.authTag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(value.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }
}
