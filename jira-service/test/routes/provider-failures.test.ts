import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

/** Retries, rate limits, timeouts and Jira's error answers, as a caller of this service sees them. */
describe('when Jira fails', () => {
  let t: TestApp;

  beforeAll(async () => {
    // One attempt may take 300 ms; a Retry-After of up to 1 s is waited out in place.
    t = await startTestApp({ timeoutMs: 300, maxRetryAfterSeconds: 1 });
  });
  afterAll(() => t.close());

  const getIssue = () => t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1', headers: auth });
  const addComment = (headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/issues/ED-1/comments', headers: { ...auth, ...headers }, payload: { body: 'hello' } });
  const requestsDuring = async <T>(work: () => Promise<T>) => {
    const before = t.jira.requests.length;
    const result = await work();
    return { result, requests: t.jira.requests.slice(before) };
  };

  it('retries a 503 and then succeeds', async () => {
    t.jira.intervene({ status: 503, body: { errorMessages: ['Service Unavailable'], errors: {} } });
    const { result, requests } = await requestsDuring(getIssue);
    expect(result.statusCode).toBe(200);
    expect(requests.map((request) => request.path)).toEqual(['/rest/api/3/issue/ED-1', '/rest/api/3/issue/ED-1']);
  });

  it('retries a 500 on a write, then posts once', async () => {
    t.jira.intervene({ status: 500, body: { errorMessages: ['Internal server error'], errors: {} } });
    const { result, requests } = await requestsDuring(() => addComment());
    expect(result.statusCode).toBe(201);
    expect(requests).toHaveLength(2);
  });

  it('gives up after the configured retries with a 502 carrying Jira’s message', async () => {
    const failure = { status: 502, body: { errorMessages: ['Bad Gateway'], errors: {} } };
    t.jira.intervene(failure, failure, failure);
    const { result, requests } = await requestsDuring(getIssue);
    expect(result.statusCode).toBe(502);
    expect(result.json()).toEqual({ code: 'jira_unavailable', message: 'Jira: Bad Gateway' });
    expect(requests).toHaveLength(3);
  });

  it('waits out a short Retry-After on a 429 and succeeds', async () => {
    t.jira.intervene({ status: 429, headers: { 'retry-after': '0', 'x-ratelimit-remaining': '0', 'ratelimit-reason': 'jira-quota-based' } });
    const { result, requests } = await requestsDuring(getIssue);
    expect(result.statusCode).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it('answers 429 with Jira’s Retry-After when the wait is longer than a request may be held', async () => {
    t.jira.intervene({
      status: 429,
      headers: { 'retry-after': '30', 'x-ratelimit-remaining': '0', 'ratelimit-reason': 'jira-quota-based' },
      body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
    });
    const { result, requests } = await requestsDuring(() => addComment({ 'idempotency-key': 'task-rl:answer' }));
    expect(result.statusCode).toBe(429);
    expect(result.headers['retry-after']).toBe('30');
    expect(result.json()).toEqual({ code: 'jira_rate_limited', message: 'Jira: Rate limit exceeded.' });
    expect(requests).toHaveLength(1);
    // The key was freed: the caller's retry after the wait posts the comment.
    expect((await addComment({ 'idempotency-key': 'task-rl:answer' })).statusCode).toBe(201);
  });

  it('answers 429 with a default Retry-After when Jira gave none, after the retries', async () => {
    const limited = { status: 429, body: { errorMessages: ['Rate limit exceeded.'], errors: {} } };
    t.jira.intervene(limited, limited, limited);
    const response = await getIssue();
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('60');
  });

  it('answers 504 when Jira does not answer in time, without repeating a write', async () => {
    t.jira.intervene({ delayMs: 1_500 });
    const { result, requests } = await requestsDuring(() => addComment());
    expect(result.statusCode).toBe(504);
    expect(result.json()).toEqual({ code: 'jira_timeout', message: 'Jira did not answer within 300 ms' });
    expect(requests).toHaveLength(1);
  });

  it('answers a slow read that is fast enough', async () => {
    t.jira.intervene({ delayMs: 50 });
    expect((await getIssue()).statusCode).toBe(200);
  });

  it('maps a 403 to a 403 and does not retry it', async () => {
    t.jira.intervene({ status: 403, body: { errorMessages: ['You do not have permission to add comments to this issue.'], errors: {} } });
    const { result, requests } = await requestsDuring(() => addComment());
    expect(result.statusCode).toBe(403);
    expect(result.json()).toEqual({ code: 'jira_forbidden', message: 'Jira: You do not have permission to add comments to this issue.' });
    expect(requests).toHaveLength(1);
  });

  it('reads per-field errors out of Jira’s error collection', async () => {
    t.jira.intervene({ status: 400, body: { errorMessages: [], errors: { comment: 'Comment body can not be empty!' } } });
    const response = await addComment();
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'jira_bad_request', message: 'Jira: comment: Comment body can not be empty!' });
  });

  it('answers 502 when Jira refuses our credentials, keeping Jira’s message', async () => {
    t.jira.intervene({ status: 401, body: { message: 'Client must be authenticated to access this resource.', 'status-code': 401 } });
    const response = await getIssue();
    expect(response.statusCode).toBe(502);
    expect(response.json()).toEqual({ code: 'jira_unauthorized', message: 'Jira: Client must be authenticated to access this resource.' });
  });

  it('answers 502 when a 2xx is not JSON (a login page from a wrong base URL)', async () => {
    t.jira.intervene({ status: 200, body: '<html><title>Log in</title></html>' });
    const response = await getIssue();
    expect(response.statusCode).toBe(502);
    expect(response.json().code).toBe('jira_unexpected_response');
  });

  it('counts every Jira call by operation and outcome in /metrics', async () => {
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/provider_calls_total\{[^}]*operation="issues.getIssue"[^}]*outcome="ok"[^}]*\} \d+/);
    expect(metrics).toMatch(/provider_calls_total\{[^}]*outcome="jira_timeout"[^}]*\} 1/);
  });
});

describe('when Jira cannot be reached at all', () => {
  it('retries a refused connection, then answers 502 jira_unreachable', async () => {
    const t = await startTestApp();
    await t.jira.close();
    try {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1', headers: auth });
      expect(response.statusCode).toBe(502);
      expect(response.json()).toMatchObject({ code: 'jira_unreachable', message: expect.stringContaining('ECONNREFUSED') });
    } finally {
      await t.close();
    }
  });
});

describe('without credentials', () => {
  it('answers 503 credentials_missing and calls nothing', async () => {
    const t = await startTestApp({ environment: false });
    try {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1', headers: auth });
      expect(response.statusCode).toBe(503);
      expect(response.json().code).toBe('credentials_missing');
      expect(t.jira.requests).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
