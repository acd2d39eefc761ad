import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const SERVICE_TOKEN = 'a-service-token-of-some-length';

describe('loadConfig', () => {
  it('applies the defaults of the contract', () => {
    const config = loadConfig({ SERVICE_TOKEN });
    expect(config).toMatchObject({ PORT: 8084, DATA_DIR: './data/sentry-service', SENTRY_BASE_URL: 'https://sentry.io', SENTRY_MAX_RETRIES: 3 });
    expect(config.SENTRY_AUTH_TOKEN).toBeUndefined();
  });

  it('treats empty values as unset, as .env files write them', () => {
    const config = loadConfig({ SERVICE_TOKEN, PORT: '', SENTRY_ORG: '', DATABASE_URL: '', CREDENTIALS_ENCRYPTION_KEY: '' });
    expect(config.PORT).toBe(8084);
    expect(config.SENTRY_ORG).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.CREDENTIALS_ENCRYPTION_KEY).toBeUndefined();
  });

  it('accepts a 32-byte base64 encryption key and refuses any other', () => {
    const key = randomBytes(32).toString('base64');
    expect(loadConfig({ SERVICE_TOKEN, CREDENTIALS_ENCRYPTION_KEY: key }).CREDENTIALS_ENCRYPTION_KEY).toBe(key);
    expect(() => loadConfig({ SERVICE_TOKEN, CREDENTIALS_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/CREDENTIALS_ENCRYPTION_KEY: must be 32 bytes/);
  });

  it('refuses a missing or short SERVICE_TOKEN and a base URL that is not a URL', () => {
    expect(() => loadConfig({})).toThrow(/SERVICE_TOKEN/);
    expect(() => loadConfig({ SERVICE_TOKEN: 'short' })).toThrow(/at least 16/);
    expect(() => loadConfig({ SERVICE_TOKEN, SENTRY_BASE_URL: 'sentry.io' })).toThrow(/SENTRY_BASE_URL/);
  });
});
