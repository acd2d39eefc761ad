import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

// The client here retries twice, waits at most 1.5 s for a Retry-After, and times out after 300 ms.
describe('sentry-service when Sentry fails', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ client: { timeoutMs: 300, maxRetries: 2, maxRetryWaitMs: 1500 } });
  });

  afterAll(async () => {
    await t.close();
  });

  const getIssue = () => t.app.inject({ method: 'GET', url: '/api/v1/issues/1', headers: auth });

  it('retries a Sentry 503 and succeeds', async () => {
    t.sentry.failNext({ status: 503 });
    const before = t.sentry.requests.length;
    const response = await getIssue();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: '1' });
    expect(t.sentry.requests.length - before).toBe(2);
  });

  it('retries 5xx on a comment and posts it once', async () => {
    t.sentry.failNext({ status: 500 }, { status: 502, body: '<html><body>Bad Gateway</body></html>' });
    const before = t.sentry.callsTo('/comments/').length;
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers: { ...auth, 'idempotency-key': 'k-retry' }, payload: { text: 'after two failures' } });
    expect(response.statusCode).toBe(201);
    expect(t.sentry.callsTo('/comments/').length - before).toBe(3);
    expect(t.sentry.notes.filter((note) => note.data.text === 'after two failures')).toHaveLength(1);
  });

  it('answers 502 sentry_unavailable once the retries are spent, without showing the HTML page', async () => {
    const page = '<html><body>Bad Gateway</body></html>';
    t.sentry.failNext({ status: 502, body: page }, { status: 502, body: page }, { status: 502, body: page });
    const before = t.sentry.requests.length;
    const response = await getIssue();
    expect(response.statusCode).toBe(502);
    expect(response.json()).toEqual({ code: 'sentry_unavailable', message: 'Sentry: HTTP 502 Bad Gateway' });
    expect(t.sentry.requests.length - before).toBe(3);
  });

  it('waits out a 429 Retry-After and succeeds', async () => {
    t.sentry.failNext({ status: 429, headers: { 'retry-after': '1' } });
    const before = t.sentry.requests.length;
    const response = await getIssue();
    expect(response.statusCode).toBe(200);
    const [limited, retried] = t.sentry.requests.slice(before);
    expect(t.sentry.requests.length - before).toBe(2);
    expect((retried?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('answers 429 with Retry-After when Sentry asks for a longer wait than it will sit out', async () => {
    t.sentry.failNext({ status: 429, headers: { 'retry-after': '120' } });
    const before = t.sentry.requests.length;
    const response = await getIssue();
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('120');
    expect(response.json()).toEqual({
      code: 'sentry_rate_limited',
      message: 'Sentry: You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds',
    });
    expect(t.sentry.requests.length - before).toBe(1);
  });

  it("takes the wait from Sentry's X-Sentry-Rate-Limit-Reset when there is no Retry-After", async () => {
    const reset = Math.ceil(Date.now() / 1000) + 30;
    t.sentry.failNext({ status: 429, headers: { 'x-sentry-rate-limit-reset': String(reset) } });
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/status', headers: auth, payload: { status: 'resolved' } });
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(28);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(31);
  });

  it('answers 429 when Sentry keeps rate limiting through every retry', async () => {
    const limited = { status: 429, headers: { 'retry-after': '0' } };
    t.sentry.failNext(limited, limited, limited);
    const before = t.sentry.requests.length;
    const response = await getIssue();
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('1');
    expect(t.sentry.requests.length - before).toBe(3);
  });

  it('answers 504 sentry_timeout when Sentry is too slow, without repeating the request', async () => {
    t.sentry.failNext({ delayMs: 2000 });
    const before = t.sentry.requests.length;
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers: auth, payload: { text: 'slow' } });
    expect(response.statusCode).toBe(504);
    expect(response.json()).toEqual({ code: 'sentry_timeout', message: 'Sentry: no answer within 300 ms' });
    expect(t.sentry.requests.length - before).toBe(1);
  });

  it('answers 502 sentry_unauthorized when Sentry refuses our token', async () => {
    const [token] = [...t.sentry.tokens];
    t.sentry.tokens.clear();
    try {
      const response = await getIssue();
      expect(response.statusCode).toBe(502);
      expect(response.json()).toEqual({ code: 'sentry_unauthorized', message: 'Sentry: Invalid token' });
    } finally {
      if (token) t.sentry.tokens.add(token);
    }
  });

  it('counts provider calls, outcomes and retries in /metrics', async () => {
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/provider_calls_total\{[^}]*operation="issues.get"[^}]*outcome="ok"[^}]*\} [1-9]/);
    expect(metrics.body).toMatch(/provider_calls_total\{[^}]*operation="issues.get"[^}]*outcome="429"[^}]*\} [1-9]/);
    expect(metrics.body).toMatch(/provider_retries_total\{[^}]*operation="issues.addComment"[^}]*reason="500"[^}]*\} 1/);
  });
});

describe('sentry-service when Sentry cannot be reached', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A loopback port just released: nothing listens there, so the connection is refused at once.
    const server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    await new Promise((resolve) => server.close(resolve));
    t = await startTestApp({ environment: (sentry) => ({ auth_token: 'sntrys_x', organization: sentry.organization, base_url: `http://127.0.0.1:${port}` }) });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 502 sentry_unreachable', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/1', headers: auth });
    expect(response.statusCode).toBe(502);
    expect(response.json().code).toBe('sentry_unreachable');
    expect(response.json().message).toContain('ECONNREFUSED');
  });
});
