import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has a default for everything a laptop run needs', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 8090,
      QUEUE_PREFIX: 'bull',
      GATEWAY_URL: 'http://127.0.0.1:8080',
      AGENT_URL: 'http://127.0.0.1:8085',
      DASHBOARD_SESSION_TTL_HOURS: 12,
      DASHBOARD_COOKIE_SECURE: 'auto',
      TRUST_PROXY: 'loopback,uniquelocal',
      PROCESSED_EVENTS_RETENTION_DAYS: 30,
    });
    expect(loadConfig({ PROCESSED_EVENTS_RETENTION_DAYS: '0.5' }).PROCESSED_EVENTS_RETENTION_DAYS).toBe(0.5);
  });

  it('reads an empty value as unset, as .env files write them', () => {
    const config = loadConfig({ DATABASE_URL: '', DASHBOARD_ADMIN_EMAIL: '', DASHBOARD_ADMIN_PASSWORD: '', PORT: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DASHBOARD_ADMIN_EMAIL).toBeUndefined();
    expect(config.PORT).toBe(8090);
  });

  it('takes the first admin with a password or a token', () => {
    const config = loadConfig({ DASHBOARD_ADMIN_EMAIL: 'ops@example.com', DASHBOARD_ADMIN_PASSWORD: 'long enough password', DASHBOARD_ADMIN_TOKEN: 'x'.repeat(32) });
    expect(config).toMatchObject({ DASHBOARD_ADMIN_EMAIL: 'ops@example.com', DASHBOARD_ADMIN_TOKEN: 'x'.repeat(32) });
  });

  it('refuses what would fail later: a password without its admin, short secrets, URLs that are not HTTP', () => {
    expect(() => loadConfig({ DASHBOARD_ADMIN_PASSWORD: 'long enough password' })).toThrow(/need DASHBOARD_ADMIN_EMAIL/);
    expect(() => loadConfig({ DASHBOARD_ADMIN_EMAIL: 'ops@example.com', DASHBOARD_ADMIN_PASSWORD: 'short' })).toThrow(/DASHBOARD_ADMIN_PASSWORD/);
    expect(() => loadConfig({ DASHBOARD_ADMIN_EMAIL: 'ops@example.com', DASHBOARD_ADMIN_TOKEN: 'short' })).toThrow(/DASHBOARD_ADMIN_TOKEN/);
    expect(() => loadConfig({ DASHBOARD_ADMIN_EMAIL: 'not an email' })).toThrow(/DASHBOARD_ADMIN_EMAIL/);
    expect(() => loadConfig({ GATEWAY_URL: 'ftp://gateway' })).toThrow(/GATEWAY_URL/);
    expect(() => loadConfig({ DASHBOARD_COOKIE_SECURE: 'sometimes' })).toThrow(/DASHBOARD_COOKIE_SECURE/);
    expect(() => loadConfig({ PROCESSED_EVENTS_RETENTION_DAYS: '0' })).toThrow(/PROCESSED_EVENTS_RETENTION_DAYS/);
  });
});
