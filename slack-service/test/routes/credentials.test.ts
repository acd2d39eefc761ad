import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_BOT_TOKEN, type SlackTestApp, auth, startSlackTestApp } from '../support/slack-test-app.js';

const CHANNEL = 'C123ABC456';
const STORED = 'xoxb-stored-1111111111-aaaaaaaaaaaaaaaa';
const ROTATED = 'xoxb-rotated-2222222222-bbbbbbbbbbbbbbbb';

describe('credentials API', () => {
  let t: SlackTestApp;

  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const lastToken = () => t.slack.calls('chat.postMessage').at(-1)?.headers.authorization;
  const postMessage = () => t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: 'hi' } });

  it('starts from SLACK_BOT_TOKEN and says so, without showing it', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      active_source: 'environment',
      encryption_key_configured: true,
      fields: [{ name: 'bot_token', stored: false, in_environment: true, created_at: null, updated_at: null }],
    });
    expect(response.body).not.toContain(ENV_BOT_TOKEN);
  });

  it('stores a token after Slack accepts it, uses it at once, and never returns it', async () => {
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload: { bot_token: STORED } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      active_source: 'stored',
      replaced: false,
      identity: { team_id: t.slack.bot.team_id, user_id: t.slack.bot.user_id, bot_id: t.slack.bot.bot_id },
      fields: [{ name: 'bot_token', stored: true, created_at: expect.any(String), updated_at: expect.any(String) }],
    });
    expect(response.body).not.toContain(STORED);
    expect(t.slack.calls('auth.test').at(-1)?.headers.authorization).toBe(`Bearer ${STORED}`);
    await postMessage();
    expect(lastToken()).toBe(`Bearer ${STORED}`);
  });

  it('keeps only ciphertext in the database', async () => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    const { rows } = await client.query('SELECT name, ciphertext, iv, auth_tag FROM slack.credentials');
    const dump = JSON.stringify((await client.query('SELECT * FROM slack.credentials')).rows);
    await client.end();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'bot_token', ciphertext: expect.any(String), iv: expect.any(String), auth_tag: expect.any(String) });
    expect(dump).not.toContain(STORED);
    expect(dump).not.toContain(Buffer.from(STORED).toString('base64'));
  });

  it('rotates the token: the new one is used, the old one no longer', async () => {
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload: { bot_token: ROTATED } });
    expect(response.json()).toMatchObject({ replaced: true, active_source: 'stored' });
    const status = response.json().fields[0];
    expect(Date.parse(status.updated_at)).toBeGreaterThan(Date.parse(status.created_at));
    await postMessage();
    expect(lastToken()).toBe(`Bearer ${ROTATED}`);
  });

  it('refuses a token Slack does not accept, keeping the working one', async () => {
    const revoked = 'xoxb-revoked-3333333333-cccccccccccccccc';
    t.slack.revokeToken(revoked);
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload: { bot_token: revoked } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'credentials_rejected', message: expect.stringContaining('invalid_auth') });
    expect(response.body).not.toContain(revoked);
    await postMessage();
    expect(lastToken()).toBe(`Bearer ${ROTATED}`);
  });

  it('tests the token in use against Slack', async () => {
    const good = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ ok: true, source: 'stored', identity: { team: t.slack.bot.team }, error: null });
    t.slack.revokeToken(ROTATED);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
    expect(bad.json()).toMatchObject({ ok: false, source: 'stored', identity: null, error: { code: 'slack_invalid_auth' } });
  });

  it('rejects something that is not a bot token with 400, without echoing it', async () => {
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload: { bot_token: 'xoxp-user-token-secret' } });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('xoxp-user-token-secret');
  });

  it('deletes the stored token, falling back to SLACK_BOT_TOKEN', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/credentials', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ active_source: 'environment', fields: [{ stored: false }] });
    await postMessage();
    expect(lastToken()).toBe(`Bearer ${ENV_BOT_TOKEN}`);
  });

  it('requires the service token on every credentials route', async () => {
    for (const [method, url] of [['GET', '/api/v1/credentials'], ['PUT', '/api/v1/credentials'], ['DELETE', '/api/v1/credentials'], ['POST', '/api/v1/credentials/test']] as const) {
      const response = await t.app.inject({ method, url, payload: method === 'PUT' ? { bot_token: STORED } : undefined });
      expect(response.statusCode).toBe(401);
    }
  });

  it('answers 503 credentials_missing when there is no token at all', async () => {
    const app = await t.rebuild({ environmentToken: undefined });
    const before = t.slack.requests.length;
    const response = await app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: 'x' } });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'credentials_missing' });
    expect(t.slack.requests.length).toBe(before);
    const test = await app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
    expect(test.statusCode).toBe(503);
  });

  it('cannot store without an encryption key (503), and says so in GET', async () => {
    const app = await t.rebuild({ encryptionKey: undefined });
    const put = await app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload: { bot_token: STORED, verify: false } });
    expect(put.statusCode).toBe(503);
    expect(put.json()).toMatchObject({ code: 'encryption_key_missing' });
    const get = await app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth });
    expect(get.json()).toMatchObject({ encryption_key_configured: false });
  });

  it('refuses to fall back to SLACK_BOT_TOKEN when the stored token cannot be decrypted', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload: { bot_token: STORED, verify: false } });
    const otherKey = await t.rebuild({ encryptionKey: Buffer.alloc(32, 7).toString('base64') });
    const response = await otherKey.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: 'x' } });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'credentials_unreadable' });
  });
});
