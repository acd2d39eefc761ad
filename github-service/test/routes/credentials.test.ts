import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, appKeyPair } from '../support/app-keys.js';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

const STORED_TOKEN = 'github_pat_11STORED0123456789_abcdefghijklmnopqrstuvwxyz';

describe('github-service credentials API', () => {
  const keys = appKeyPair();
  const encryptionKey = randomBytes(32);
  let t: TestApp;
  const put = (payload: unknown) => t.app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload: payload as object });
  const get = () => t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth });
  const getRepo = () => t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello', headers: auth });

  beforeAll(async () => {
    t = await startTestApp({ encryptionKey, standIn: { app: { id: APP_ID, publicKey: keys.publicKey } } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('describes the environment credentials while none are stored', async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ source: 'environment', type: 'token', fields: ['token'], updated_at: null, encryption: 'configured' });
  });

  it('stores a token, which then wins over the environment’s', async () => {
    const response = await put({ type: 'token', token: STORED_TOKEN });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ source: 'stored', type: 'token', fields: ['token'], encryption: 'configured' });
    expect(response.body).not.toContain(STORED_TOKEN);
    expect((await getRepo()).statusCode).toBe(200);
    expect(t.github.requests.at(-1)?.headers.authorization).toBe(`token ${STORED_TOKEN}`);
    const described = await get();
    expect(described.json()).toMatchObject({ source: 'stored', type: 'token', updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(described.body).not.toContain(STORED_TOKEN);
  });

  it('keeps only ciphertext in the database', async () => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT * FROM github.credentials');
      expect(rows).toHaveLength(1);
      const row = JSON.stringify(rows);
      expect(row).not.toContain(STORED_TOKEN);
      expect(row).not.toContain('github_pat_');
      expect(row).not.toContain(Buffer.from(STORED_TOKEN).toString('base64'));
      expect(rows[0]).toMatchObject({ name: 'github', iv: expect.any(String), auth_tag: expect.any(String) });
    } finally {
      await client.end();
    }
  });

  it('tests the stored token at GitHub (GET /user)', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, type: 'token', source: 'stored', login: 'octocat', name: 'monalisa octocat' });
    expect(t.github.requests.at(-1)).toMatchObject({ method: 'GET', path: '/user' });
  });

  it("reports GitHub's refusal of a token as a failed test", async () => {
    t.github.failNext({ status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: false,
      type: 'token',
      source: 'stored',
      error: { code: 'github_unauthorized', message: 'GitHub: Bad credentials - https://docs.github.com/rest' },
    });
  });

  it('rotates to a GitHub App (with a \\n-escaped key), used on the next call, and tests it with GET /app', async () => {
    const escaped = keys.privateKey.replaceAll('\n', '\\n');
    const response = await put({ type: 'app', app_id: APP_ID, private_key: escaped });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ type: 'app', fields: ['app_id', 'private_key'] });
    expect(response.body).not.toContain('PRIVATE KEY');
    expect((await getRepo()).statusCode).toBe(200);
    expect(t.github.requests.at(-1)?.headers.authorization).toMatch(/^token ghs_/);
    const tested = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
    expect(tested.json()).toEqual({ ok: true, type: 'app', source: 'stored', slug: 'swe-fleet', name: 'SWE Fleet' });
    expect(t.github.requests.at(-1)).toMatchObject({ method: 'GET', path: '/app' });
  });

  it('rejects credentials that cannot work with 400, and keeps the current ones', async () => {
    const cases = [
      { type: 'app', app_id: APP_ID, private_key: 'not a key' },
      { type: 'token', token: '' },
      { type: 'oauth', token: 'x' },
      { type: 'app', private_key: keys.privateKey },
    ];
    for (const payload of cases) {
      const response = await put(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_request' });
    }
    expect((await get()).json()).toMatchObject({ source: 'stored', type: 'app' });
  });

  it('cannot open the stored credentials with another key: 503 credentials_unreadable, not a silent fallback', async () => {
    const other = await startTestApp({ databaseUrl: t.databaseUrl, encryptionKey: randomBytes(32) });
    try {
      const response = await other.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello', headers: auth });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'credentials_unreadable' });
      expect(other.github.requests).toHaveLength(0);
    } finally {
      await other.app.close();
      await other.database.close();
      await other.github.close();
    }
  });

  it('deletes the stored credentials and falls back to the environment’s', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/credentials', headers: auth });
    expect(response.statusCode).toBe(204);
    expect((await get()).json()).toMatchObject({ source: 'environment', type: 'token' });
    expect((await getRepo()).statusCode).toBe(200);
    expect(t.github.requests.at(-1)?.headers.authorization).toBe('token ghp_test');
  });

  it('requires the service token', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const response = await t.app.inject({ method, url: '/api/v1/credentials', payload: method === 'PUT' ? { type: 'token', token: 'x' } : undefined });
      expect(response.statusCode).toBe(401);
    }
  });
});

describe('github-service without credentials or an encryption key', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ environment: null, encryptionKey: null });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 503 credentials_missing on GitHub routes and on a test', async () => {
    const comment = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/1/comments', headers: auth, payload: { body: 'x' } });
    expect(comment.statusCode).toBe(503);
    expect(comment.json()).toMatchObject({ code: 'credentials_missing' });
    const tested = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
    expect(tested.statusCode).toBe(503);
    expect(t.github.requests).toHaveLength(0);
  });

  it('says nothing is configured, and refuses to store a secret it cannot encrypt', async () => {
    const described = await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth });
    expect(described.json()).toEqual({ source: 'none', type: null, fields: [], updated_at: null, encryption: 'missing' });
    const stored = await t.app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload: { type: 'token', token: 'ghp_x' } });
    expect(stored.statusCode).toBe(503);
    expect(stored.json()).toMatchObject({ code: 'encryption_key_missing' });
  });
});
