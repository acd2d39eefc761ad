import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const SERVICE_TOKEN = 'a-service-token-of-32-characters';

describe('loadConfig', () => {
  it('applies the defaults', () => {
    expect(loadConfig({ SERVICE_TOKEN })).toMatchObject({
      PORT: 8082,
      DATA_DIR: './data/jira-service',
      JIRA_TIMEOUT_MS: 10_000,
      JIRA_MAX_RETRIES: 3,
      JIRA_MAX_RETRY_AFTER_SECONDS: 10,
      JIRA_HEALTH_CACHE_SECONDS: 30,
      IDEMPOTENCY_RETENTION_HOURS: 72,
    });
  });

  it('treats empty variables from a copied .env as unset', () => {
    const config = loadConfig({ SERVICE_TOKEN, PORT: '', DATABASE_URL: '', JIRA_BASE_URL: '', JIRA_EMAIL: '', JIRA_API_TOKEN: '', CREDENTIALS_ENCRYPTION_KEY: '', DATA_DIR: '' });
    expect(config).toMatchObject({ PORT: 8082, DATA_DIR: './data/jira-service' });
    expect(config.JIRA_BASE_URL).toBeUndefined();
    expect(config.CREDENTIALS_ENCRYPTION_KEY).toBeUndefined();
  });

  it('decodes a 32-byte base64 encryption key', () => {
    const key = randomBytes(32);
    expect(loadConfig({ SERVICE_TOKEN, CREDENTIALS_ENCRYPTION_KEY: key.toString('base64') }).CREDENTIALS_ENCRYPTION_KEY).toEqual(key);
  });

  it('refuses a key of the wrong size without echoing it', () => {
    const key = randomBytes(16).toString('base64');
    let message = '';
    try {
      loadConfig({ SERVICE_TOKEN, CREDENTIALS_ENCRYPTION_KEY: key });
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toContain('CREDENTIALS_ENCRYPTION_KEY must be 32 bytes');
    expect(message).not.toContain(key);
  });

  it('refuses a short service token and a malformed Jira site or email', () => {
    expect(() => loadConfig({ SERVICE_TOKEN: 'short' })).toThrow(/SERVICE_TOKEN/);
    expect(() => loadConfig({ SERVICE_TOKEN, JIRA_BASE_URL: 'your-domain.atlassian.net' })).toThrow(/JIRA_BASE_URL/);
    expect(() => loadConfig({ SERVICE_TOKEN, JIRA_EMAIL: 'nobody' })).toThrow(/JIRA_EMAIL/);
  });

  it('reads how long idempotency records are kept, and refuses zero', () => {
    expect(loadConfig({ SERVICE_TOKEN, IDEMPOTENCY_RETENTION_HOURS: '24' }).IDEMPOTENCY_RETENTION_HOURS).toBe(24);
    expect(loadConfig({ SERVICE_TOKEN, IDEMPOTENCY_RETENTION_HOURS: '' }).IDEMPOTENCY_RETENTION_HOURS).toBe(72);
    expect(() => loadConfig({ SERVICE_TOKEN, IDEMPOTENCY_RETENTION_HOURS: '0' })).toThrow(/IDEMPOTENCY_RETENTION_HOURS/);
  });
});
