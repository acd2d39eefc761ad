import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, closedPort, startTestApp } from '../support/test-app.js';

describe('github-service /health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('reports the database, the credentials and GitHub, probing GitHub once per cache period', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/health' });
    const second = await t.app.inject({ method: 'GET', url: '/health' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'ok', checks: { database: 'ok', credentials: 'present', github: 'reachable' } });
    expect(second.json()).toEqual(first.json());
    const probes = t.github.requests.filter((request) => request.path === '/rate_limit');
    expect(probes).toHaveLength(1);
    // The probe carries no credentials: it must work, and leak nothing, whatever they are.
    expect(probes[0]?.headers.authorization).toBeUndefined();
  });

  it('serves metrics and the OpenAPI document', async () => {
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('http_request_duration_seconds');
    const docs = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(Object.keys(docs.json<{ paths: object }>().paths)).toContain('/api/v1/repos/{owner}/{repo}/issues/{issue_number}/comments');
  });
});

describe('github-service /health when something is missing', () => {
  it('is degraded (200) when GitHub is unreachable and no credentials are configured', async () => {
    const port = await closedPort();
    const t = await startTestApp({ environment: null, settings: { baseUrl: `http://127.0.0.1:${port}` } });
    try {
      const response = await t.app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'degraded', checks: { database: 'ok', credentials: 'missing', github: 'unreachable' } });
    } finally {
      await t.close();
    }
  });

  it('answers 503 when its database is down', async () => {
    const t = await startTestApp();
    const { database } = t;
    await database.close();
    try {
      const response = await t.app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'degraded', checks: { database: 'down' } });
    } finally {
      // The database is closed already; close the rest.
      t.database.close = async () => undefined;
      await t.close();
    }
  });
});
