import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../support/test-app.js';

interface Operation {
  security?: unknown[];
  responses: Record<string, { description: string; headers?: Record<string, unknown> }>;
}

describe('sentry-service OpenAPI document', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
  });

  afterAll(async () => {
    await t.close();
  });

  it('documents every route under /api/v1', () => {
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/credentials',
      '/api/v1/credentials/rotate',
      '/api/v1/credentials/test',
      '/api/v1/issues/{issue_id}',
      '/api/v1/issues/{issue_id}/assignee',
      '/api/v1/issues/{issue_id}/comments',
      '/api/v1/issues/{issue_id}/comments/{comment_id}',
      '/api/v1/issues/{issue_id}/events/latest',
      '/api/v1/issues/{issue_id}/status',
      '/health',
    ]);
  });

  it('resolves every $ref to a component schema', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect(document.components.schemas, ref).toHaveProperty(ref);
  });

  it('gives every /api operation the service token, a 401, and a description for each response', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.security, `${method} ${path}`).toEqual([{ serviceToken: [] }]);
        expect(operation.responses, `${method} ${path}`).toHaveProperty('401');
        for (const [status, response] of Object.entries(operation.responses)) expect(response.description, `${method} ${path} ${status}`).not.toBe('Default Response');
      }
    }
  });

  it('documents the provider errors and the Retry-After of a 429', () => {
    const comment = document.paths['/api/v1/issues/{issue_id}/comments']?.post;
    expect(Object.keys(comment?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '422', '429', '502', '503', '504']));
    expect(comment?.responses['429']?.headers).toHaveProperty('retry-after');
    const edit = document.paths['/api/v1/issues/{issue_id}/comments/{comment_id}']?.put;
    expect(Object.keys(edit?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422', '429', '502', '503', '504']));
    expect(edit?.responses['404']?.description).toContain('no such comment');
    expect(edit?.responses['429']?.headers).toHaveProperty('retry-after');
  });

  it('serves Swagger UI and metrics', async () => {
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('http_request_duration_seconds');
  });
});
