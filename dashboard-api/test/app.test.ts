import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../src/errors.js';
import { type TestApp, startTestApp } from './support/test-app.js';

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
    await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks' });
    const metrics = await testApp.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/tasks",status_code="200"\} 1/);
    const docs = await testApp.app.inject({ method: 'GET', url: '/docs/json' });
    const committed = JSON.parse(await readFile(new URL('../openapi.json', import.meta.url), 'utf8'));
    expect(docs.json(), 'openapi.json is stale: run `npm run build && npm run openapi`').toEqual(committed);
    expect(Object.keys(committed.paths)).toEqual(expect.arrayContaining(['/api/v1/tasks', '/api/v1/tasks/{id}']));
    expect(Object.keys(committed.components.schemas)).toEqual(expect.arrayContaining(['Task', 'TaskSummary', 'TaskLog', 'TaskDetail']));
  });

  it('puts every /api route behind the authenticator, and nothing else', async () => {
    testApp = await startTestApp({
      authenticator: async () => {
        throw new UnauthorizedError();
      },
    });
    const api = await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks' });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toEqual({ code: 'unauthorized', message: 'authentication is required' });
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks/task-01JZ8Q4V6X2N3M4P5R6S7T8V9W' })).statusCode).toBe(401);
    expect((await testApp.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await testApp.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });

  it('answers unknown routes with a 404 in the { code, message } shape', async () => {
    testApp = await startTestApp();
    const response = await testApp.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'not_found', message: 'no route GET /api/v1/nothing' });
  });
});
