import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from './support/test-app.js';

const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

describe('dashboard-api plumbing', () => {
  let testApp: TestApp | undefined;

  afterEach(async () => {
    await testApp?.close();
    testApp = undefined;
  });

  it('reports health of the database, Redis and the task-log directory', async () => {
    testApp = await startTestApp();
    const health = await testApp.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok', task_logs: 'ok' } });
  });

  it('answers 503 degraded when Redis is down, and shows a missing task-log directory', async () => {
    testApp = await startTestApp({
      pingRedis: async () => {
        throw new Error('ECONNREFUSED');
      },
      taskLogsDir: '/nonexistent/task-logs',
    });
    const health = await testApp.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: 'degraded', checks: { database: 'ok', redis: 'down', task_logs: 'missing' } });
  });

  it('counts a Redis ping that never answers as down', async () => {
    testApp = await startTestApp({ pingRedis: () => new Promise<void>(() => undefined) });
    const health = await testApp.app.inject({ method: 'GET', url: '/health' });
    expect(health.json().checks.redis).toBe('down');
  });

  it('serves Prometheus metrics and the OpenAPI document, which matches the committed openapi.json', async () => {
    testApp = await startTestApp();
    await testApp.inject({ method: 'GET', url: '/api/v1/tasks' });
    const metrics = await testApp.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/tasks",status_code="200"\} 1/);
    const docs = await testApp.app.inject({ method: 'GET', url: '/docs/json' });
    const committed = JSON.parse(await readFile(new URL('../openapi.json', import.meta.url), 'utf8'));
    expect(docs.json(), 'openapi.json is stale: run `npm run build && npm run openapi`').toEqual(committed);
    expect(Object.keys(committed.paths)).toEqual(expect.arrayContaining(['/api/v1/tasks', '/api/v1/tasks/{id}']));
    expect(Object.keys(committed.components.schemas)).toEqual(expect.arrayContaining(['Task', 'TaskSummary', 'TaskLog', 'TaskDetail']));
  });

  it('answers 401 on every route its openapi.json declares protected, and only the login and health are declared open', async () => {
    testApp = await startTestApp();
    type Security = Array<Record<string, string[]>>;
    const committed = JSON.parse(await readFile(new URL('../openapi.json', import.meta.url), 'utf8')) as {
      paths: Record<string, Record<string, { security?: Security }>>;
      components: { securitySchemes?: Record<string, unknown> };
    };
    expect(Object.keys(committed.components.securitySchemes ?? {}).sort()).toEqual(['apiToken', 'csrfToken', 'sessionCookie']);
    const operations = Object.entries(committed.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: VERBS.find((verb) => verb === method.toUpperCase()) ?? 'GET', path, security: operation.security })),
    );
    expect(operations.filter((operation) => operation.path.startsWith('/api/')).length).toBeGreaterThan(20);
    const undeclared = operations.filter((operation) => operation.security === undefined).map(({ method, path }) => `${method} ${path}`);
    expect(undeclared, 'every operation says what it needs').toEqual([]);
    const open = operations.filter((operation) => operation.security?.length === 0).map(({ method, path }) => `${method} ${path}`);
    expect(open.sort()).toEqual(['GET /health', 'POST /api/v1/auth/login']);
    for (const { method, path, security } of operations) {
      if (security?.length === 0) {
        const url = path.replace(/\{[^}]+\}/g, 'x');
        expect((await testApp.app.inject({ method, url, payload: method === 'POST' ? {} : undefined })).statusCode, `${method} ${path}`).not.toBe(401);
        continue;
      }
      // A write with the session cookie needs the CSRF header too; a read, or any call with a token, does not.
      const write = !['GET', 'HEAD'].includes(method);
      expect(security, `${method} ${path}`).toEqual([{ apiToken: [] }, write ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }]);
      const url = path.replace(/\{[^}]+\}/g, (name) => (name === '{id}' && path.includes('/tasks/') ? 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W' : 'x'));
      const response = await testApp.app.inject({ method, url });
      expect(response.statusCode, `${method} ${path}`).toBe(401);
      expect(response.json()).toEqual({ code: 'unauthorized', message: 'authentication is required' });
    }
    const board = await testApp.app.inject({ method: 'GET', url: '/api/v1/board/' });
    expect(board.statusCode).toBe(401);
    expect((await testApp.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await testApp.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    expect((await testApp.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });

  it('sends the security headers on every answer, and keeps API answers out of caches', async () => {
    testApp = await startTestApp();
    const api = await testApp.inject({ method: 'GET', url: '/api/v1/tasks' });
    const health = await testApp.app.inject({ method: 'GET', url: '/health' });
    for (const response of [api, health]) {
      expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
    }
    expect(api.headers['cache-control']).toBe('no-store');
    expect(health.headers['cache-control']).toBeUndefined();
  });

  it('answers unknown routes with a 404 in the { code, message } shape', async () => {
    testApp = await startTestApp();
    const response = await testApp.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'not_found', message: 'no route GET /api/v1/nothing' });
  });
});
