import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { credentialsFromEnvironment } from './credentials/github-credentials.js';

const base = { SERVICE_TOKEN: 'a-service-token-0123456789' };
const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;

describe('loadConfig', () => {
  it('takes defaults, and treats empty variables (copied .env lines) as unset', () => {
    const config = loadConfig({ ...base, GITHUB_TOKEN: '', GITHUB_APP_ID: '  ', PORT: '' });
    expect(config).toMatchObject({ PORT: 8081, GITHUB_TIMEOUT_MS: 10_000, GITHUB_MAX_RETRIES: 3, GITHUB_MAX_RETRY_AFTER_SECONDS: 10, GITHUB_HEALTH_CACHE_SECONDS: 30, IDEMPOTENCY_RETENTION_HOURS: 72 });
    expect(config.GITHUB_TOKEN).toBeUndefined();
    expect(credentialsFromEnvironment(config)).toBeNull();
  });

  it('requires CREDENTIALS_ENCRYPTION_KEY in production, as 32 base64 bytes', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/CREDENTIALS_ENCRYPTION_KEY: required when NODE_ENV=production/);
    expect(() => loadConfig({ ...base, CREDENTIALS_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/CREDENTIALS_ENCRYPTION_KEY: must be 32 bytes/);
    const key = randomBytes(32);
    expect(loadConfig({ ...base, NODE_ENV: 'production', CREDENTIALS_ENCRYPTION_KEY: key.toString('base64') }).CREDENTIALS_ENCRYPTION_KEY).toEqual(key);
  });

  it('accepts a \\n-escaped App private key and prefers the App over a PAT', () => {
    const key = pem();
    const config = loadConfig({ ...base, GITHUB_TOKEN: 'ghp_x', GITHUB_APP_ID: '123', GITHUB_APP_PRIVATE_KEY: key.replaceAll('\n', '\\n'), GITHUB_APP_INSTALLATION_ID: '77' });
    expect(config.GITHUB_APP_PRIVATE_KEY).toBe(key);
    expect(credentialsFromEnvironment(config)).toEqual({ type: 'app', app_id: '123', private_key: key, installation_id: 77 });
  });

  it('refuses half an App, and a private key that is not one', () => {
    expect(() => loadConfig({ ...base, GITHUB_APP_ID: '123' })).toThrow(/set both to use a GitHub App/);
    const config = loadConfig({ ...base, GITHUB_APP_ID: '123', GITHUB_APP_PRIVATE_KEY: 'not a key' });
    expect(() => credentialsFromEnvironment(config)).toThrow(/GITHUB_APP_PRIVATE_KEY is not a PEM RSA private key/);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ SERVICE_TOKEN: 'short' })).toThrow(/SERVICE_TOKEN: SERVICE_TOKEN must be at least 16 characters/);
    expect(() => loadConfig({ ...base, GITHUB_TIMEOUT_MS: '5' })).toThrow(/GITHUB_TIMEOUT_MS/);
    expect(() => loadConfig({ ...base, IDEMPOTENCY_RETENTION_HOURS: '0' })).toThrow(/IDEMPOTENCY_RETENTION_HOURS/);
    expect(loadConfig({ ...base, IDEMPOTENCY_RETENTION_HOURS: '24' }).IDEMPOTENCY_RETENTION_HOURS).toBe(24);
  });
});
