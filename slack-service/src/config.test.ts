import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deprecationWarnings, loadConfig } from './config.js';

const base = { SERVICE_TOKEN: 'a-service-token-of-some-length' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      PORT: 8083,
      DATA_DIR: './data/slack-service',
      SLACK_API_URL: 'https://slack.com/api/',
      SLACK_MESSAGE_MAX_CHARS: 4000,
      SLACK_MAX_MESSAGES_PER_TEXT: 5,
      SLACK_RESPONSE_URL_ALLOWED_PREFIXES: ['https://hooks.slack.com/'],
    });
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
  });

  it('reads IDEMPOTENCY_RETENTION_HOURS, and the old IDEMPOTENCY_TTL_HOURS with a warning when only it is set', () => {
    expect(loadConfig(base).IDEMPOTENCY_RETENTION_HOURS).toBe(72);
    expect(loadConfig({ ...base, IDEMPOTENCY_TTL_HOURS: '12' }).IDEMPOTENCY_RETENTION_HOURS).toBe(12);
    expect(loadConfig({ ...base, IDEMPOTENCY_TTL_HOURS: '12', IDEMPOTENCY_RETENTION_HOURS: '24' }).IDEMPOTENCY_RETENTION_HOURS).toBe(24);
    expect(deprecationWarnings({ IDEMPOTENCY_TTL_HOURS: '12' })).toHaveLength(1);
    expect(deprecationWarnings({ IDEMPOTENCY_RETENTION_HOURS: '24' })).toHaveLength(0);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...base, SLACK_BOT_TOKEN: '', CREDENTIALS_ENCRYPTION_KEY: '' }).SLACK_BOT_TOKEN).toBeUndefined();
  });

  it('reads a comma-separated allowlist', () => {
    const config = loadConfig({ ...base, SLACK_RESPONSE_URL_ALLOWED_PREFIXES: 'https://hooks.slack.com/, http://127.0.0.1:4000/commands/' });
    expect(config.SLACK_RESPONSE_URL_ALLOWED_PREFIXES).toEqual(['https://hooks.slack.com/', 'http://127.0.0.1:4000/commands/']);
  });

  it.each([
    ['a missing SERVICE_TOKEN', { SERVICE_TOKEN: undefined }, /SERVICE_TOKEN/],
    ['a user token as SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: 'xoxp-123' }, /xoxb/],
    ['a 16-byte encryption key', { CREDENTIALS_ENCRYPTION_KEY: randomBytes(16).toString('base64') }, /32 bytes/],
    ['a message limit above what Slack keeps', { SLACK_MESSAGE_MAX_CHARS: '50000' }, /SLACK_MESSAGE_MAX_CHARS/],
  ])('refuses %s, naming the variable but not its value', (_name, env, pattern) => {
    let message = '';
    try {
      loadConfig({ ...base, ...env });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(pattern);
    for (const value of Object.values(env)) if (value) expect(message).not.toContain(value);
  });
});
