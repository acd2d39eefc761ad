import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

interface Operation {
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { description?: string }>;
}
type OpenApi = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const sample: Record<string, string> = { owner: 'octo', repo: 'hello', username: 'octocat' };
const concrete = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name] ?? '1');

describe('github-service API contract', () => {
  let t: TestApp;
  let doc: OpenApi;
  const operations = () =>
    Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })));

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApi>();
  });

  afterAll(async () => {
    await t.close();
  });

  it('offers every route of issue 4', () => {
    const routes = operations().map(({ method, path }) => `${method} ${path}`);
    expect(routes.sort()).toEqual(
      [
        'DELETE /api/v1/credentials',
        'DELETE /api/v1/repos/{owner}/{repo}/issues/comments/{comment_id}',
        'GET /api/v1/credentials',
        'GET /api/v1/repos/{owner}/{repo}',
        'GET /api/v1/repos/{owner}/{repo}/collaborators/{username}/permission',
        'GET /api/v1/repos/{owner}/{repo}/issues/{issue_number}',
        'GET /api/v1/repos/{owner}/{repo}/issues/{issue_number}/comments',
        'GET /api/v1/repos/{owner}/{repo}/pulls/{pull_number}',
        'GET /api/v1/repos/{owner}/{repo}/pulls/{pull_number}/diff',
        'GET /api/v1/repos/{owner}/{repo}/pulls/{pull_number}/files',
        'PATCH /api/v1/repos/{owner}/{repo}/issues/comments/{comment_id}',
        'POST /api/v1/credentials/test',
        'POST /api/v1/repos/{owner}/{repo}/clone-credentials',
        'POST /api/v1/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
        'POST /api/v1/repos/{owner}/{repo}/issues/{issue_number}/comments',
        'POST /api/v1/repos/{owner}/{repo}/issues/{issue_number}/reactions',
        'POST /api/v1/repos/{owner}/{repo}/pulls',
        'POST /api/v1/repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions',
        'POST /api/v1/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies',
        'PUT /api/v1/credentials',
      ].sort(),
    );
  });

  it('refuses every /api route without the service token, or with a wrong one, before calling GitHub', async () => {
    const before = t.github.requests.length;
    for (const { method, path } of operations()) {
      for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: auth.authorization.replace('Bearer', 'Basic') }]) {
        const response = await t.app.inject({ method: method as 'GET', url: concrete(path), headers });
        expect(response.statusCode, `${method} ${path}`).toBe(401);
        expect(response.json()).toEqual({ code: 'unauthorized', message: 'a valid bearer token is required' });
      }
    }
    expect(t.github.requests.length).toBe(before);
  });

  it('refuses percent-encoded spellings of /api that the router still matches', async () => {
    for (const { method, path } of operations()) {
      for (const spelling of [concrete(path).replace('/api/', '/%61pi/'), concrete(path).replace('/api/v1/', '/api/%761/')]) {
        const response = await t.app.inject({ method: method as 'GET', url: spelling });
        expect(response.statusCode, `${method} ${spelling}`).toBe(401);
      }
    }
  });

  it('documents security, tags, success and every error response of each /api route', () => {
    for (const { method, path, operation } of operations()) {
      const name = `${method} ${path}`;
      expect(operation.security, name).toEqual([{ serviceToken: [] }]);
      expect(operation.tags?.length, name).toBeGreaterThan(0);
      expect(Object.keys(operation.responses).some((status) => status.startsWith('2')), name).toBe(true);
      for (const status of ['400', '401']) expect(operation.responses[status]?.description, `${name} ${status}`).toBeTruthy();
      if (!path.startsWith('/api/v1/credentials')) {
        for (const status of ['404', '429', '502', '503', '504']) expect(operation.responses[status]?.description, `${name} ${status}`).toMatch(/\w/);
      }
    }
  });

  it('resolves every schema reference, and gives the named schemas examples', () => {
    const text = JSON.stringify(doc);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas, name).toHaveProperty(name ?? '');
    for (const name of ['Comment', 'Issue', 'PullRequest', 'Repository', 'CloneCredentials', 'CredentialsStatus', 'Error']) {
      expect(JSON.stringify(doc.components.schemas[name]), name).toContain('"example');
    }
  });
});
