import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedSecretColumn } from '../../db/schema.js';

/** GCM's recommended nonce size (NIST SP 800-38D): 96 bits, fresh for every encryption. */
const IV_BYTES = 12;

/**
 * AES-256-GCM for the HMAC secrets of custom webhook routes (CREDENTIALS_ENCRYPTION_KEY, the key
 * the provider services use for their credentials). `context` (the route's slug) is bound as
 * additional authenticated data, so a secret copied onto another route fails to open.
 */
export class SecretCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the credentials encryption key must be 32 bytes');
  }

  seal(plaintext: string, context: string): SealedSecretColumn {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext: ciphertext.toString('base64'), iv: iv.toString('base64'), authTag: cipher.getAuthTag().toString('base64') };
  }

  /** Throws when the key is wrong or the sealed data was altered. */
  open(sealed: SealedSecretColumn, context: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.authTag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }
}
