import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_API_TOKEN, ENV_EMAIL, type TestApp, auth, startTestApp } from '../support/test-app.js';

const STORED_EMAIL = 'bot@example.com';
const STORED_TOKEN = 'ATATT3xFfGF0-stored-token-4d1b';
const ROTATED_TOKEN = 'ATATT3xFfGF0-rotated-token-92ce';

const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

describe('credentials API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const status = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth })).json();
  const put = (payload: object, query = '') => t.app.inject({ method: 'PUT', url: `/api/v1/credentials${query}`, headers: auth, payload });
  const rotate = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/credentials/rotate', headers: auth, payload });
  const testCredentials = () => t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
  const lastAuthorization = () => t.jira.requests.at(-1)?.headers.authorization;

  it('starts on the JIRA_* variables, showing which are set and no values', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      source: 'environment',
      encryption_key_configured: true,
      stored: null,
      environment: { base_url: true, email: true, api_token: true },
    });
    expect(response.body).not.toContain(ENV_API_TOKEN);
  });

  it('tests the credentials in force against Jira', async () => {
    const response = await testCredentials();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: true,
      source: 'environment',
      account: { account_id: '5b10a2844c20165700ede21g', display_name: 'Mia Krystof', email_address: ENV_EMAIL },
    });
    expect(t.jira.requests.at(-1)).toMatchObject({ method: 'GET', path: '/rest/api/3/myself' });
    expect(lastAuthorization()).toBe(basic(ENV_EMAIL, ENV_API_TOKEN));
  });

  it('refuses credentials Jira rejects, and stores nothing', async () => {
    const response = await put({ base_url: t.jira.url, email: STORED_EMAIL, api_token: STORED_TOKEN });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({
      code: 'credentials_rejected',
      message: 'Jira refused the credentials, nothing was stored: Jira: Client must be authenticated to access this resource.',
    });
    expect((await status()).stored).toBeNull();
  });

  it('stores credentials Jira accepts; stored ones win over the environment from then on', async () => {
    t.jira.acceptCredentials(STORED_EMAIL, STORED_TOKEN);
    const response = await put({ base_url: t.jira.url, email: STORED_EMAIL, api_token: STORED_TOKEN });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      source: 'stored',
      stored: {
        fields: {
          base_url: { set: true, updated_at: expect.any(String) },
          email: { set: true, updated_at: expect.any(String) },
          api_token: { set: true, updated_at: expect.any(String) },
        },
      },
    });
    expect(response.body).not.toContain(STORED_TOKEN);
    expect(response.body).not.toContain(STORED_EMAIL);
    expect(lastAuthorization()).toBe(basic(STORED_EMAIL, STORED_TOKEN));

    const issue = await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1', headers: auth });
    expect(issue.statusCode).toBe(200);
    expect(lastAuthorization()).toBe(basic(STORED_EMAIL, STORED_TOKEN));
  });

  it('keeps only ciphertext in the database: no token, no email in any column', async () => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT * FROM jira.credentials');
      expect(rows).toHaveLength(1);
      const row = JSON.stringify(rows[0]);
      expect(row).not.toContain(STORED_TOKEN);
      expect(row).not.toContain(STORED_EMAIL);
      expect(row).not.toContain(Buffer.from(STORED_TOKEN).toString('base64'));
      expect(rows[0]).toMatchObject({ name: 'jira', ciphertext: expect.any(String), iv: expect.any(String), auth_tag: expect.any(String) });
    } finally {
      await client.end();
    }
  });

  it('rotates the API token: checked with Jira first, then used; only api_token moves', async () => {
    const before = (await status()).stored.fields;
    // Atlassian issued a new token and revoked the old one.
    t.jira.acceptCredentials(STORED_EMAIL, ROTATED_TOKEN);
    const response = await rotate({ api_token: ROTATED_TOKEN });
    expect(response.statusCode).toBe(200);
    const after = response.json().stored.fields;
    expect(after.base_url).toEqual(before.base_url);
    expect(after.email).toEqual(before.email);
    expect(Date.parse(after.api_token.updated_at)).toBeGreaterThan(Date.parse(before.api_token.updated_at));
    expect(response.body).not.toContain(ROTATED_TOKEN);

    await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1', headers: auth });
    expect(lastAuthorization()).toBe(basic(STORED_EMAIL, ROTATED_TOKEN));
  });

  it('keeps the old token when Jira refuses the new one', async () => {
    const response = await rotate({ api_token: 'revoked-or-mistyped-token' });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('credentials_rejected');
    expect((await testCredentials()).json()).toMatchObject({ ok: true, source: 'stored' });
    expect(lastAuthorization()).toBe(basic(STORED_EMAIL, ROTATED_TOKEN));
  });

  it('reports ok: false with Jira’s words when the stored token stops working', async () => {
    t.jira.acceptCredentials(STORED_EMAIL, 'someone-revoked-ours');
    const response = await testCredentials();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: false,
      source: 'stored',
      code: 'jira_unauthorized',
      message: 'Jira: Client must be authenticated to access this resource.',
    });
  });

  it('stores without checking when asked (?verify=false)', async () => {
    const before = t.jira.requests.length;
    const response = await put({ base_url: t.jira.url, email: STORED_EMAIL, api_token: STORED_TOKEN }, '?verify=false');
    expect(response.statusCode).toBe(200);
    expect(t.jira.requests.length).toBe(before);
  });

  it('rejects bad input with 400', async () => {
    for (const payload of [
      { base_url: 'not a url', email: STORED_EMAIL, api_token: 'x' },
      { base_url: t.jira.url, email: 'not-an-email', api_token: 'x' },
      { base_url: t.jira.url, email: STORED_EMAIL, api_token: '' },
      { base_url: t.jira.url, email: STORED_EMAIL },
      { base_url: 'ftp://example.com', email: STORED_EMAIL, api_token: 'x' },
      { base_url: t.jira.url, email: STORED_EMAIL, api_token: 'x', extra: true },
    ]) {
      expect((await put(payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await rotate({})).statusCode).toBe(400);
  });

  it('removes the stored credentials, and the environment applies again', async () => {
    const removed = await t.app.inject({ method: 'DELETE', url: '/api/v1/credentials', headers: auth });
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect(await status()).toMatchObject({ source: 'environment', stored: null });
    const again = await t.app.inject({ method: 'DELETE', url: '/api/v1/credentials', headers: auth });
    expect(again.statusCode).toBe(404);
  });

  it('requires the service token on every credentials route', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/credentials'],
      ['PUT', '/api/v1/credentials'],
      ['DELETE', '/api/v1/credentials'],
      ['POST', '/api/v1/credentials/rotate'],
      ['POST', '/api/v1/credentials/test'],
    ] as const) {
      expect((await t.app.inject({ method, url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} })).statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('never writes a secret into its logs', () => {
    const logs = t.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [STORED_TOKEN, ROTATED_TOKEN, ENV_API_TOKEN, 'revoked-or-mistyped-token', basic(STORED_EMAIL, STORED_TOKEN).slice(6)]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('credentials API without an encryption key', () => {
  it('cannot store (503 encryption_key_missing) but still shows the status', async () => {
    const t = await startTestApp({ encryptionKey: null });
    try {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/credentials?verify=false',
        headers: auth,
        payload: { base_url: t.jira.url, email: STORED_EMAIL, api_token: STORED_TOKEN },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json().code).toBe('encryption_key_missing');
      const status = await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth });
      expect(status.json()).toMatchObject({ source: 'environment', encryption_key_configured: false, stored: null });
    } finally {
      await t.close();
    }
  });
});

describe('credentials API with nothing configured', () => {
  it('has nothing to test or rotate', async () => {
    const t = await startTestApp({ environment: false });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth })).json()).toMatchObject({
        source: 'none',
        environment: { base_url: false, email: false, api_token: false },
      });
      const tested = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
      expect(tested.statusCode).toBe(503);
      expect(tested.json().code).toBe('credentials_missing');
      const rotated = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/rotate', headers: auth, payload: { api_token: 'x' } });
      expect(rotated.statusCode).toBe(409);
      expect(rotated.json().code).toBe('nothing_to_rotate');
    } finally {
      await t.close();
    }
  });
});
