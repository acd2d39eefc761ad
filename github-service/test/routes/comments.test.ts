import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { createGithubClient } from '../../src/github/github-client.js';
import { GithubOperations } from '../../src/github/github-operations.js';
import { startGithubStandIn } from '../../../e2e/stand-ins/github-api.js';
import { createTestDatabase } from '../support/test-database.js';

const TOKEN = 'test-service-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('github-service comments and reactions', () => {
  let app: FastifyInstance;
  let database: DatabaseHandle;
  let github: Awaited<ReturnType<typeof startGithubStandIn>>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    github = await startGithubStandIn();
    testDb = await createTestDatabase();
    database = openDatabase({ url: testDb.url, dataDir: '' });
    await database.migrate();
    const logger = pino({ level: 'silent' });
    const octokit = createGithubClient({ token: 'ghp_test', baseUrl: github.url, maxRetries: 2, logger, throttle: false });
    app = await buildApp({ logger, database, serviceToken: TOKEN, github: new GithubOperations(() => octokit) });
  });

  afterAll(async () => {
    await app.close();
    await database.close();
    await testDb.drop();
    await github.close();
  });

  it('creates an issue comment at GitHub with the token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/repos/octo/hello/issues/7/comments',
      headers: auth,
      payload: { body: 'Hello from the agent' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ body: 'Hello from the agent' });
    const sent = github.requests.at(-1);
    expect(sent).toMatchObject({ method: 'POST', path: '/repos/octo/hello/issues/7/comments', body: { body: 'Hello from the agent' } });
    expect(sent?.headers.authorization).toBe('token ghp_test');
  });

  it('replays a write with the same Idempotency-Key without calling GitHub again', async () => {
    const before = github.requests.length;
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/repos/octo/hello/issues/8/comments',
        headers: { ...auth, 'idempotency-key': 'task-1:answer' },
        payload: { body: 'only once' },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(github.requests.length - before).toBe(1);
  });

  it('refuses a reused Idempotency-Key with a different body', async () => {
    const headers = { ...auth, 'idempotency-key': 'task-2:answer' };
    await app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/9/comments', headers, payload: { body: 'a' } });
    const response = await app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/9/comments', headers, payload: { body: 'b' } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('adds a reaction to a comment', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/repos/octo/hello/issues/comments/55/reactions',
      headers: auth,
      payload: { content: 'eyes' },
    });
    expect(response.statusCode).toBe(201);
    expect(github.requests.at(-1)).toMatchObject({ path: '/repos/octo/hello/issues/comments/55/reactions', body: { content: 'eyes' } });
  });

  it('retries a GitHub 502 and succeeds', async () => {
    github.failNext({ status: 502, body: { message: 'Bad Gateway' } });
    const before = github.requests.length;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/repos/octo/hello/issues/10/comments',
      headers: auth,
      payload: { body: 'after a retry' },
    });
    expect(response.statusCode).toBe(201);
    expect(github.requests.length - before).toBe(2);
  });

  it("maps GitHub's 404 to a 404 with GitHub's message", async () => {
    github.failNext({ status: 404, body: { message: 'Not Found' } });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/repos/octo/missing/issues/1/comments',
      headers: auth,
      payload: { body: 'x' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'github_not_found', message: expect.stringContaining('Not Found') });
  });

  it('rejects a request without the service token', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/7/comments', payload: { body: 'x' } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('rejects an empty comment body with 400', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/7/comments', headers: auth, payload: { body: '' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request' });
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ status: 'ok', checks: { database: 'ok', credentials: 'present' } });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('http_request_duration_seconds');
    const docs = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(Object.keys(docs.json().paths)).toContain('/api/v1/repos/{owner}/{repo}/issues/{issue_number}/comments');
  });
});
