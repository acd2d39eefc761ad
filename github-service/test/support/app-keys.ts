import { generateKeyPairSync } from 'node:crypto';

export const APP_ID = 123456;

/** A fresh App key pair; GitHub hands out App keys as PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"). */
export function appKeyPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
}
