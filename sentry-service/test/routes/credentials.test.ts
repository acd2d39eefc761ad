import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { composeServices } from '../../src/compose-services.js';
import { CredentialCipher } from '../../src/credentials/credential-cipher.js';
import { createMetrics } from '../../src/http/metrics.js';
import { SERVICE_TOKEN, STAND_IN_TOKEN, type TestApp, auth, startTestApp } from '../support/test-app.js';

const STORED_TOKEN = 'sntrys_stored_token_0123456789abcdef';
const ROTATED_TOKEN = 'sntrys_rotated_token_fedcba9876543210';

async function queryAll(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

describe('sentry-service credentials API', () => {
  let t: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await startTestApp({ logger: pino({ level: 'trace' }, sink) });
    t.sentry.tokens.add(STORED_TOKEN);
    t.sentry.tokens.add(ROTATED_TOKEN);
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows the environment as the source before anything is stored', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      encryption: 'configured',
      fields: {
        auth_token: { set: true, source: 'environment', updated_at: null },
        organization: { set: true, source: 'environment', updated_at: null },
        base_url: { set: true, source: 'environment', updated_at: null },
      },
    });
    expect(response.body).not.toContain(STAND_IN_TOKEN);
  });

  it('stores credentials, and GET shows only which fields are set and when', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/credentials',
      headers: auth,
      payload: { auth_token: STORED_TOKEN, organization: t.sentry.organization, base_url: t.sentry.url },
    });
    expect(put.statusCode).toBe(200);
    const get = await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth });
    const fields = get.json().fields;
    for (const name of ['auth_token', 'organization', 'base_url']) {
      expect(fields[name]).toMatchObject({ set: true, source: 'stored' });
      expect(Date.parse(fields[name].updated_at)).toBeGreaterThan(Date.now() - 60_000);
    }
    for (const body of [put.body, get.body]) expect(body).not.toContain(STORED_TOKEN);
  });

  it('keeps only ciphertext in the database: the clear token is nowhere in it', async () => {
    const rows = await queryAll(t.databaseUrl, 'SELECT name, ciphertext, iv, auth_tag FROM sentry.credentials ORDER BY name');
    expect(rows.map((row) => row.name)).toEqual(['auth_token', 'base_url', 'organization']);
    const everything = JSON.stringify(await queryAll(t.databaseUrl, 'SELECT * FROM sentry.credentials')) + JSON.stringify(await queryAll(t.databaseUrl, 'SELECT * FROM sentry.idempotency_records'));
    expect(everything).not.toContain(STORED_TOKEN);
    expect(everything).not.toContain(Buffer.from(STORED_TOKEN).toString('base64'));
    const tokenRow = rows.find((row) => row.name === 'auth_token');
    const cipher = new CredentialCipher(t.encryptionKey ?? '');
    const decrypted = cipher.decrypt({ ciphertext: String(tokenRow?.ciphertext), iv: String(tokenRow?.iv), authTag: String(tokenRow?.auth_tag) }, 'sentry-service:auth_token');
    expect(decrypted).toBe(STORED_TOKEN);
  });

  it('calls Sentry with the stored token, which wins over the environment', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/1', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(t.sentry.requests.at(-1)?.headers.authorization).toBe(`Bearer ${STORED_TOKEN}`);
  });

  it('tests the credentials in use against Sentry', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, organization: { id: '1', slug: t.sentry.organization, name: 'Acme' }, error: null });
    expect(t.sentry.requests.at(-1)).toMatchObject({ method: 'GET', path: `/api/0/organizations/${t.sentry.organization}/` });

    t.sentry.tokens.delete(STORED_TOKEN);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
    t.sentry.tokens.add(STORED_TOKEN);
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toEqual({ ok: false, organization: null, error: { code: 'sentry_unauthorized', message: 'Sentry: Invalid token' } });
  });

  it('refuses to rotate to a token Sentry does not accept, and keeps the old one', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth })).json();
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/rotate', headers: auth, payload: { auth_token: 'sntrys_revoked_token_000000' } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ code: 'credentials_rejected', message: 'the new token was not stored: Sentry: Invalid token' });
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth })).json();
    expect(after).toEqual(before);
    await t.app.inject({ method: 'GET', url: '/api/v1/issues/1', headers: auth });
    expect(t.sentry.requests.at(-1)?.headers.authorization).toBe(`Bearer ${STORED_TOKEN}`);
  });

  it('rotates the token after Sentry accepts it; later calls use the new one', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth })).json();
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/rotate', headers: auth, payload: { auth_token: ROTATED_TOKEN } });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(ROTATED_TOKEN);
    const verification = t.sentry.requests.at(-1);
    expect(verification).toMatchObject({ path: `/api/0/organizations/${t.sentry.organization}/` });
    expect(verification?.headers.authorization).toBe(`Bearer ${ROTATED_TOKEN}`);
    expect(response.json().fields.auth_token.updated_at).not.toBe(before.fields.auth_token.updated_at);
    expect(response.json().fields.organization).toEqual(before.fields.organization);

    await t.app.inject({ method: 'GET', url: '/api/v1/issues/1', headers: auth });
    expect(t.sentry.requests.at(-1)?.headers.authorization).toBe(`Bearer ${ROTATED_TOKEN}`);
  });

  it('answers 503 credentials_unreadable when the stored values do not decrypt with the configured key', async () => {
    const otherKey = composeServices({
      database: t.database,
      metrics: createMetrics('sentry-service'),
      encryptionKey: randomBytes(32).toString('base64'),
      environmentCredentials: {},
      client: { timeoutMs: 500, maxRetries: 0, maxRetryWaitMs: 0 },
      probe: { cacheMs: 0 },
    });
    const app = await buildApp({ logger: pino({ level: 'silent' }), database: t.database, serviceToken: SERVICE_TOKEN, ...otherKey });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/issues/1', headers: auth });
      expect(response.statusCode).toBe(503);
      expect(response.json().code).toBe('credentials_unreadable');
      const health = await app.inject({ method: 'GET', url: '/health' });
      expect(health.json()).toMatchObject({ status: 'degraded', checks: { credentials: 'unreadable' } });
    } finally {
      await app.close();
    }
  });

  it('removes the stored credentials; the environment applies again', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/credentials', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json().fields.auth_token).toEqual({ set: true, source: 'environment', updated_at: null });
    expect(await queryAll(t.databaseUrl, 'SELECT name FROM sentry.credentials')).toEqual([]);
    await t.app.inject({ method: 'GET', url: '/api/v1/issues/1', headers: auth });
    expect(t.sentry.requests.at(-1)?.headers.authorization).toBe(`Bearer ${STAND_IN_TOKEN}`);
  });

  it('rejects malformed credentials with 400 and requests without the service token with 401', async () => {
    const badBodies = [
      { organization: 'acme' },
      { auth_token: STORED_TOKEN, organization: 'not a slug!' },
      { auth_token: STORED_TOKEN, organization: 'acme', base_url: 'ftp://sentry.example.com' },
    ];
    for (const payload of badBodies) {
      const response = await t.app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('invalid_request');
    }
    for (const [method, url] of [['GET', '/api/v1/credentials'], ['PUT', '/api/v1/credentials'], ['POST', '/api/v1/credentials/rotate'], ['POST', '/api/v1/credentials/test'], ['DELETE', '/api/v1/credentials']] as const) {
      const response = await t.app.inject({ method, url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('never wrote a token to the logs', () => {
    const logs = logLines.join('');
    expect(logs).toContain('Sentry credentials stored');
    expect(logs).toContain('Sentry auth token rotated');
    for (const secret of [STORED_TOKEN, ROTATED_TOKEN, STAND_IN_TOKEN, SERVICE_TOKEN, t.encryptionKey ?? 'no key']) expect(logs).not.toContain(secret);
  });
});

describe('sentry-service credentials API without an encryption key', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ encryptionKey: null });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses to store or rotate credentials, and keeps working from the environment', async () => {
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: auth });
    expect(status.json().encryption).toBe('missing');
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload: { auth_token: STORED_TOKEN, organization: 'acme' } });
    expect(put.statusCode).toBe(503);
    expect(put.json().code).toBe('encryption_key_missing');
    const before = t.sentry.requests.length;
    const rotate = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/rotate', headers: auth, payload: { auth_token: STORED_TOKEN } });
    expect(rotate.statusCode).toBe(503);
    expect(t.sentry.requests.length).toBe(before);
    const issue = await t.app.inject({ method: 'GET', url: '/api/v1/issues/1', headers: auth });
    expect(issue.statusCode).toBe(200);
  });
});

describe('sentry-service without any credentials', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ environment: (sentry) => ({ base_url: sentry.url }) });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 503 credentials_missing without calling Sentry, and says so in the test', async () => {
    const issue = await t.app.inject({ method: 'GET', url: '/api/v1/issues/1', headers: auth });
    expect(issue.statusCode).toBe(503);
    expect(issue.json()).toMatchObject({ code: 'credentials_missing' });
    expect(issue.json().message).toContain('auth token or organization');
    const test = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/test', headers: auth });
    expect(test.json()).toMatchObject({ ok: false, error: { code: 'credentials_missing' } });
    expect(t.sentry.requests).toHaveLength(0);
  });
});
