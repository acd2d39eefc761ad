import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, closedPort, startTestApp } from '../support/test-app.js';

const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const docs = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

describe('github-service when GitHub fails', () => {
  let t: TestApp;
  const sent = (before: number) => t.github.requests.slice(before);
  const getRepo = () => t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello', headers: auth });

  beforeAll(async () => {
    // Two retries, 10 ms per second of backoff or Retry-After, waits up to 5 s spent in place.
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('retries a GitHub 502 on a read and succeeds', async () => {
    const before = t.github.requests.length;
    t.github.failNext({ status: 502, body: { message: 'Server Error' } });
    const response = await getRepo();
    expect(response.statusCode).toBe(200);
    expect(sent(before)).toHaveLength(2);
  });

  it('retries a GitHub 503 on a write and posts once', async () => {
    const before = t.github.requests.length;
    t.github.failNext({ status: 503, body: { message: 'Service Unavailable' } });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/1/comments', headers: auth, payload: { body: 'after a retry' } });
    expect(response.statusCode).toBe(201);
    expect(sent(before).map((request) => request.method)).toEqual(['POST', 'POST']);
  });

  it("answers 502 with GitHub's message when 5xx outlast the retries", async () => {
    const before = t.github.requests.length;
    const failure = { status: 500, body: { message: 'Something went wrong' } };
    t.github.failNext(failure, failure, failure);
    const response = await getRepo();
    expect(response.statusCode).toBe(502);
    expect(response.json()).toEqual({ code: 'github_unavailable', message: 'GitHub: Something went wrong' });
    expect(sent(before)).toHaveLength(3);
  });

  it('waits out a short secondary rate limit (429 with Retry-After) and succeeds', async () => {
    const before = t.github.requests.length;
    t.github.failNext({ status: 429, body: { message: SECONDARY, documentation_url: docs }, headers: { 'retry-after': '1' } });
    const response = await getRepo();
    expect(response.statusCode).toBe(200);
    expect(sent(before)).toHaveLength(2);
  });

  it('answers 429 with Retry-After when the rate limit outlasts the retries', async () => {
    const before = t.github.requests.length;
    const limited = { status: 429, body: { message: SECONDARY, documentation_url: docs }, headers: { 'retry-after': '2' } };
    t.github.failNext(limited, limited, limited);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/1/comments', headers: auth, payload: { body: 'x' } });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('2');
    expect(response.json()).toMatchObject({ code: 'github_rate_limited', message: expect.stringContaining('secondary rate limit') });
    expect(sent(before)).toHaveLength(3);
  });

  it('hands a long Retry-After back to the caller at once instead of holding the request', async () => {
    const before = t.github.requests.length;
    t.github.failNext({ status: 429, body: { message: SECONDARY, documentation_url: docs }, headers: { 'retry-after': '120' } });
    const response = await getRepo();
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('120');
    expect(sent(before)).toHaveLength(1);
  });

  it('maps an exhausted primary rate limit (403, x-ratelimit-remaining 0) to 429 until the reset', async () => {
    const before = t.github.requests.length;
    const reset = Math.floor(Date.now() / 1000) + 600;
    t.github.failNext({
      status: 403,
      body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: docs },
      headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset) },
    });
    const response = await getRepo();
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(595);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(602);
    expect(response.json()).toMatchObject({ code: 'github_rate_limited', message: 'GitHub: API rate limit exceeded for user ID 1. - ' + docs });
    expect(sent(before)).toHaveLength(1);
  });

  it('keeps a plain 403 a 403, and a 401 (our credentials) a 502', async () => {
    t.github.failNext({ status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' } });
    const forbidden = await getRepo();
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'github_forbidden', message: expect.stringContaining('Resource not accessible by integration') });
    t.github.failNext({ status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } });
    const unauthorized = await getRepo();
    expect(unauthorized.statusCode).toBe(502);
    expect(unauthorized.json()).toMatchObject({ code: 'github_unauthorized', message: expect.stringContaining('Bad credentials') });
  });

  it('maps a 422 from GitHub (a recorded validation failure) to 422 with its details', async () => {
    t.github.failNext({
      status: 422,
      body: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', message: 'body is too long (maximum is 65536 characters)' }], documentation_url: 'https://docs.github.com/rest' },
    });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/1/comments', headers: auth, payload: { body: 'x' } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'github_unprocessable', message: expect.stringContaining('body is too long') });
  });

  it('counts calls to GitHub by operation and outcome', async () => {
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/provider_calls_total\{operation="repos.get",outcome="github_rate_limited",service="github-service"\} 2/);
    expect(metrics.body).toMatch(/provider_calls_total\{operation="issues.createComment",outcome="ok",service="github-service"\} 1/);
  });
});

describe('github-service when GitHub is slow or unreachable', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ settings: { timeoutMs: 150, maxRetries: 1 } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 504 github_timeout when every attempt of a read times out', async () => {
    const before = t.github.requests.length;
    const slow = { status: 200, body: {}, delayMs: 1000 };
    t.github.failNext(slow, slow);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello', headers: auth });
    expect(response.statusCode).toBe(504);
    expect(response.json()).toEqual({ code: 'github_timeout', message: 'GitHub did not answer within 150 ms' });
    expect(t.github.requests.length - before).toBe(2);
  });

  it('retries a read that timed out once and succeeds', async () => {
    t.github.failNext({ status: 200, body: {}, delayMs: 1000 });
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello', headers: auth });
    expect(response.statusCode).toBe(200);
  });

  it('never retries a POST that timed out (GitHub may have made it), and frees its Idempotency-Key', async () => {
    const before = t.github.requests.length;
    t.github.failNext({ status: 201, body: {}, delayMs: 1000 });
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/repos/octo/hello/issues/2/comments',
        headers: { ...auth, 'idempotency-key': 'task-7:answer' },
        payload: { body: 'slow' },
      });
    const response = await send();
    expect(response.statusCode).toBe(504);
    expect(response.json()).toMatchObject({ code: 'github_timeout' });
    expect(t.github.requests.length - before).toBe(1);
    const retried = await send();
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers 502 github_unreachable when GitHub refuses connections', async () => {
    const port = await closedPort();
    const offline = await startTestApp({ settings: { baseUrl: `http://127.0.0.1:${port}`, maxRetries: 1 } });
    try {
      const response = await offline.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello', headers: auth });
      expect(response.statusCode).toBe(502);
      expect(response.json()).toMatchObject({ code: 'github_unreachable', message: expect.stringContaining('GitHub could not be reached') });
    } finally {
      await offline.close();
    }
  });
});
