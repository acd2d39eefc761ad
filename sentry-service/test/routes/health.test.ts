import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { SERVICE_TOKEN, type TestApp, startTestApp } from '../support/test-app.js';

describe('sentry-service /health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('is ok when the database answers, credentials are present and Sentry accepts the token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', checks: { database: 'ok', credentials: 'present', provider: 'reachable' } });
    expect(t.sentry.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/0/' });
  });

  it('is degraded, still 200, when Sentry is down or refuses the token', async () => {
    t.sentry.failNext({ status: 503 });
    const down = await t.app.inject({ method: 'GET', url: '/health' });
    expect(down.statusCode).toBe(200);
    expect(down.json()).toEqual({ status: 'degraded', checks: { database: 'ok', credentials: 'present', provider: 'unreachable' } });

    const tokens = [...t.sentry.tokens];
    t.sentry.tokens.clear();
    const refused = await t.app.inject({ method: 'GET', url: '/health' });
    for (const token of tokens) t.sentry.tokens.add(token);
    expect(refused.json()).toEqual({ status: 'degraded', checks: { database: 'ok', credentials: 'present', provider: 'unauthorized' } });
  });

  it('answers 503 down when the database does not answer', async () => {
    const app = await buildApp({
      logger: pino({ level: 'silent' }),
      database: { ...t.database, ping: () => Promise.reject(new Error('connection refused')) },
      serviceToken: SERVICE_TOKEN,
      ...t.services,
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'down', checks: { database: 'down', credentials: 'present', provider: 'reachable' } });
    } finally {
      await app.close();
    }
  });

  it('needs no service token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health', headers: { authorization: 'Bearer wrong' } });
    expect(response.statusCode).toBe(200);
  });
});

describe('sentry-service /health without credentials', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ environment: (sentry) => ({ base_url: sentry.url }) });
  });

  afterAll(async () => {
    await t.close();
  });

  it('reports missing credentials, and whether Sentry answers at all', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'degraded', checks: { database: 'ok', credentials: 'missing', provider: 'reachable' } });
    expect(t.sentry.requests.at(-1)?.headers.authorization).toBeUndefined();
  });
});
