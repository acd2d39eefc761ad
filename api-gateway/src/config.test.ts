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

  it('reads the provider allowlists and repository maps', () => {
    const config = loadConfig({
      SERVICE_TOKEN: 'a'.repeat(16),
      SLACK_ALLOWED_TEAMS: 'T1, T2',
      SLACK_CHANNEL_REPOSITORIES: 'C0123=acme/web, C0456 = acme/api.v2',
      JIRA_PROJECT_REPOSITORIES: 'PROJ=acme/web',
      SENTRY_PROJECT_REPOSITORIES: 'front-end=acme/web',
    });
    expect(config.SLACK_ALLOWED_TEAMS).toEqual(['T1', 'T2']);
    expect(config.SLACK_CHANNEL_REPOSITORIES).toEqual({ C0123: { owner: 'acme', name: 'web' }, C0456: { owner: 'acme', name: 'api.v2' } });
    expect(config.JIRA_PROJECT_REPOSITORIES).toEqual({ PROJ: { owner: 'acme', name: 'web' } });
    expect(config.SENTRY_PROJECT_REPOSITORIES).toEqual({ 'front-end': { owner: 'acme', name: 'web' } });
    expect(config.GITHUB_ALLOWED_ASSOCIATIONS).toEqual(['OWNER', 'MEMBER', 'COLLABORATOR']);
    expect(config.GITHUB_TRIGGER_LABEL).toBeUndefined();
    expect(config).toMatchObject({ GITHUB_TRIGGER_COMMAND: 'implement', SENTRY_ALERT_COMMAND: 'fix', SENTRY_ALERT_DEDUPE_SECONDS: 3600, WEBHOOK_RATE_LIMIT_PER_MINUTE: 600 });
  });

  it('refuses a repository map entry that is not key=owner/name, and a short encryption key', () => {
    expect(() => loadConfig({ SERVICE_TOKEN: 'a'.repeat(16), SLACK_CHANNEL_REPOSITORIES: 'C0123=acme' })).toThrow(/SLACK_CHANNEL_REPOSITORIES.*key=owner\/name/);
    expect(() => loadConfig({ SERVICE_TOKEN: 'a'.repeat(16), CREDENTIALS_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/CREDENTIALS_ENCRYPTION_KEY/);
  });
});
