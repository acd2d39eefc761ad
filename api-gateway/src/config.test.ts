import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ SERVICE_TOKEN: 'a'.repeat(16) });
    expect(config).toMatchObject({
      PORT: 8080,
      DATA_DIR: './data/api-gateway',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'bull',
      TASK_LOGS_DIR: './data/task-logs',
      AGENT_MENTION: '@agent',
      GITHUB_BOT_LOGINS: ['swe-ai-fleet[bot]'],
      WEBHOOK_BODY_LIMIT_BYTES: 2 * 1024 * 1024,
      OUTBOX_RELAY_INTERVAL_MS: 5_000,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.GITHUB_WEBHOOK_SECRET).toBeUndefined();
  });

  it('treats empty values from a .env file as unset', () => {
    const config = loadConfig({ SERVICE_TOKEN: 'a'.repeat(16), PORT: '', DATABASE_URL: '', DATA_DIR: ' ', SENTRY_DSN: '' });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe('./data/api-gateway');
  });

  it('splits the bot logins list', () => {
    expect(loadConfig({ SERVICE_TOKEN: 'a'.repeat(16), GITHUB_BOT_LOGINS: ' fleet[bot], Other-Bot ,' }).GITHUB_BOT_LOGINS).toEqual(['fleet[bot]', 'Other-Bot']);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ SERVICE_TOKEN: 'short', PORT: 'eighty' })).toThrow(/SERVICE_TOKEN.*PORT|PORT.*SERVICE_TOKEN/);
  });
});
