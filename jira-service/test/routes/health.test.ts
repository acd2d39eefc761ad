import { afterEach, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('GET /health', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const health = async (app: TestApp) => {
    const response = await app.app.inject({ method: 'GET', url: '/health' });
    return { status: response.statusCode, body: response.json() };
  };

  it('is ok when the database answers and Jira accepts the credentials', async () => {
    t = await startTestApp();
    expect(await health(t)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'ok', credentials: 'present', credentials_source: 'environment', jira: 'reachable' } },
    });
    expect(t.jira.requests.at(-1)).toMatchObject({ method: 'GET', path: '/rest/api/3/myself' });
  });

  it('needs no service token', async () => {
    t = await startTestApp();
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('is degraded when Jira refuses the credentials', async () => {
    t = await startTestApp();
    t.jira.acceptCredentials('someone@example.com', 'another-token');
    expect(await health(t)).toEqual({
      status: 200,
      body: { status: 'degraded', checks: { database: 'ok', credentials: 'present', credentials_source: 'environment', jira: 'unauthorized' } },
    });
  });

  it('is degraded when Jira cannot be reached, with one attempt and no retries', async () => {
    t = await startTestApp();
    await t.jira.close();
    const started = Date.now();
    expect((await health(t)).body).toEqual({
      status: 'degraded',
      checks: { database: 'ok', credentials: 'present', credentials_source: 'environment', jira: 'unreachable' },
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('is degraded without credentials, and does not call Jira', async () => {
    t = await startTestApp({ environment: false });
    expect((await health(t)).body).toEqual({
      status: 'degraded',
      checks: { database: 'ok', credentials: 'missing', credentials_source: null, jira: 'unchecked' },
    });
    expect(t.jira.requests).toHaveLength(0);
  });

  it('reports stored credentials as their source once set', async () => {
    t = await startTestApp();
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/credentials',
      headers: auth,
      payload: { base_url: t.jira.url, email: 'agent@example.com', api_token: 'env-api-token-7f3a9c' },
    });
    expect((await health(t)).body.checks).toMatchObject({ credentials: 'present', credentials_source: 'stored', jira: 'reachable' });
  });

  it('answers 503 when the database is down', async () => {
    t = await startTestApp();
    await t.database.close();
    const { status, body } = await health(t);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'degraded', checks: { database: 'down' } });
  });

  it('reuses a recent check of Jira instead of calling it on every probe', async () => {
    t = await startTestApp({}, { healthCacheMs: 60_000 });
    await health(t);
    await health(t);
    await health(t);
    expect(t.jira.requests.filter((request) => request.path === '/rest/api/3/myself')).toHaveLength(1);
  });
});

describe('service endpoints', () => {
  it('serve metrics and the OpenAPI document with every route', async () => {
    const t = await startTestApp();
    try {
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toContain('http_request_duration_seconds');
      const docs = await t.app.inject({ method: 'GET', url: '/docs/json' });
      const document = docs.json();
      expect(Object.keys(document.paths).sort()).toEqual([
        '/api/v1/credentials',
        '/api/v1/credentials/rotate',
        '/api/v1/credentials/test',
        '/api/v1/issues/{issue_key}',
        '/api/v1/issues/{issue_key}/comments',
        '/api/v1/issues/{issue_key}/comments/{comment_id}',
        '/api/v1/issues/{issue_key}/transitions',
        '/api/v1/search',
        '/health',
      ]);
      const addComment = document.paths['/api/v1/issues/{issue_key}/comments'].post;
      expect(Object.keys(addComment.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '404', '409', '422', '429', '502', '503', '504']));
      expect(addComment.responses['429'].description).toContain('Retry-After');
      expect(addComment.security).toEqual([{ serviceToken: [] }]);
      // Every $ref points at a schema the document defines.
      const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of new Set(refs)) expect(document.components.schemas, ref).toHaveProperty([ref as string]);
    } finally {
      await t.close();
    }
  });
});
