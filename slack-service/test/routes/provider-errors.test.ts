import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestApp, auth, startSlackTestApp } from '../support/slack-test-app.js';

const CHANNEL = 'C123ABC456';
const post = (t: SlackTestApp, text = 'hello') =>
  t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text } });

describe('retries and error mapping', () => {
  let t: SlackTestApp;

  beforeAll(async () => {
    t = await startSlackTestApp({ maxRetries: 2 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('retries a Slack 5xx and succeeds', async () => {
    t.slack.failNext({ status: 503 });
    const before = t.slack.calls('chat.postMessage').length;
    const response = await post(t, 'after a retry');
    expect(response.statusCode).toBe(201);
    expect(t.slack.calls('chat.postMessage').length - before).toBe(2);
  });

  it('gives up after the configured retries with 502 slack_unavailable', async () => {
    t.slack.failNext({ status: 500 }, { status: 502 }, { status: 503 });
    const before = t.slack.calls('chat.postMessage').length;
    const response = await post(t);
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: 'slack_unavailable', message: expect.stringContaining('HTTP 503') });
    expect(t.slack.calls('chat.postMessage').length - before).toBe(3);
  });

  it('waits out a short Retry-After and succeeds', async () => {
    t.slack.failNext({ status: 429, headers: { 'retry-after': '2' } });
    const waitsBefore = t.waits.length;
    const response = await post(t, 'after a rate limit');
    expect(response.statusCode).toBe(201);
    expect(t.waits.slice(waitsBefore)).toEqual([2000]);
  });

  it('answers 429 with Retry-After when Slack asks for a longer wait', async () => {
    t.slack.failNext({ status: 429, headers: { 'retry-after': '45' } });
    const before = t.slack.calls('chat.postMessage').length;
    const response = await post(t);
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('45');
    expect(response.json()).toMatchObject({ code: 'slack_rate_limited' });
    expect(t.slack.calls('chat.postMessage').length - before).toBe(1);
  });

  it('answers 429 once the short waits run out', async () => {
    t.slack.failNext({ status: 429 }, { status: 429 }, { status: 429 });
    const response = await post(t);
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('1');
  });

  it("maps Slack's channel_not_found to 404 with Slack's own words", async () => {
    t.slack.failNext({ status: 200, body: { ok: false, error: 'channel_not_found' } });
    const response = await post(t);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'slack_channel_not_found', message: 'Slack: channel_not_found (Value passed for channel was invalid.)' });
  });

  it('maps an HTTP 404 from Slack to 404', async () => {
    t.slack.failNext({ status: 404, body: '<html>Not Found</html>' });
    const response = await post(t);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'slack_not_found' });
  });

  it('names the missing scope when Slack says missing_scope', async () => {
    t.slack.failNext({ status: 200, body: { ok: false, error: 'missing_scope', needed: 'chat:write', provided: 'channels:read' } });
    const response = await post(t);
    expect(response.statusCode).toBe(502);
    expect(response.json().message).toContain('needed scope: chat:write');
  });

  it("keeps Slack's detail messages for invalid_arguments (422)", async () => {
    t.slack.failNext({ status: 200, body: { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: channel'] } } });
    const response = await post(t);
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toContain('[ERROR] missing required field: channel');
  });

  it('maps a refused bot token to 502 slack_invalid_auth (an operator must fix it, not the caller)', async () => {
    t.slack.failNext({ status: 200, body: { ok: false, error: 'invalid_auth' } });
    const response = await post(t);
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: 'slack_invalid_auth' });
  });

  it('answers 502 slack_bad_response when Slack answers without the fields it documents', async () => {
    t.slack.failNext({ status: 200, body: { ok: true } });
    const response = await post(t);
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: 'slack_bad_response' });
  });

  it('answers 504 when Slack is too slow, without retrying a write that may have landed', async () => {
    const app = await t.rebuild({ timeoutMs: 200 });
    t.slack.failNext({ delayMs: 1000 });
    const before = t.slack.calls('chat.postMessage').length;
    const response = await app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: 'slow' } });
    expect(response.statusCode).toBe(504);
    expect(response.json()).toMatchObject({ code: 'slack_timeout' });
    expect(t.slack.calls('chat.postMessage').length - before).toBe(1);
  });

  it('answers 502 slack_unreachable when nothing listens at the Slack URL', async () => {
    const app = await t.rebuild({ apiUrl: 'http://127.0.0.1:1/api/', maxRetries: 0 });
    const response = await app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: 'x' } });
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: 'slack_unreachable' });
  });

  it('counts Slack calls by method and outcome in /metrics', async () => {
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/provider_calls_total\{[^}]*operation="chat.postMessage"[^}]*outcome="rate_limited"[^}]*\} [1-9]/);
  });
});
