import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.js';

describe('health, metrics and the OpenAPI document', () => {
  let t: SlackTestApp;

  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the database, the credentials and Slack reachable (api.test, no token)', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', checks: { database: 'ok', credentials: 'present', credentials_source: 'environment', slack: 'reachable' } });
    const probe = t.slack.calls('api.test').at(-1);
    expect(probe?.headers.authorization).toBeUndefined();
  });

  it('reuses one reachability answer for frequent probes', async () => {
    const before = t.slack.calls('api.test').length;
    await t.app.inject({ method: 'GET', url: '/health' });
    await t.app.inject({ method: 'GET', url: '/health' });
    expect(t.slack.calls('api.test').length).toBe(before);
  });

  it('is degraded (still 200) without credentials or when Slack cannot be reached', async () => {
    const noToken = await t.rebuild({ environmentToken: undefined });
    const missing = await noToken.inject({ method: 'GET', url: '/health' });
    expect(missing.statusCode).toBe(200);
    expect(missing.json()).toMatchObject({ status: 'degraded', checks: { credentials: 'missing', credentials_source: null } });

    const offline = await t.rebuild({ apiUrl: 'http://127.0.0.1:1/api/' });
    const unreachable = await offline.inject({ method: 'GET', url: '/health' });
    expect(unreachable.statusCode).toBe(200);
    expect(unreachable.json()).toMatchObject({ status: 'degraded', checks: { slack: 'unreachable', credentials: 'present' } });
  });

  it('needs no service token for /health, /metrics and /docs', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).toContain('http_request_duration_seconds');
    const docs = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
  });

  it('documents every route, its error responses, and resolves every schema reference', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/channels/{channel}/ephemeral-messages',
      '/api/v1/channels/{channel}/messages',
      '/api/v1/channels/{channel}/messages/{ts}',
      '/api/v1/channels/{channel}/messages/{ts}/reactions',
      '/api/v1/channels/{channel}/messages/{ts}/replies',
      '/api/v1/command-responses',
      '/api/v1/credentials',
      '/api/v1/credentials/test',
      '/health',
    ]);
    const post = document.paths['/api/v1/channels/{channel}/messages'].post;
    expect(Object.keys(post.responses)).toEqual(['201', '400', '401', '403', '404', '409', '422', '429', '502', '503', '504']);
    expect(post.responses['429'].headers['Retry-After']).toBeDefined();
    expect(post.responses['404'].description).toContain('Slack does not know');
    expect(post.requestBody.content['application/json'].schema.example).toMatchObject({ text: expect.any(String) });
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(document.components.schemas).toHaveProperty(String(ref));
  });

  it('matches the committed openapi.json (regenerate with npm run openapi)', async () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'));
    await t.app.ready();
    expect(t.app.swagger()).toEqual(committed);
  });
});
