import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestApp, auth, startSlackTestApp } from '../support/slack-test-app.js';

const CHANNEL = 'C123ABC456';
const longText = (lines: number) => Array.from({ length: lines }, (_, i) => `Line ${i}: ${'x'.repeat(90)}`).join('\n');

describe('ephemeral messages and slash command responses', () => {
  let t: SlackTestApp;

  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a message to one user (chat.postEphemeral)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/channels/${CHANNEL}/ephemeral-messages`,
      headers: auth,
      payload: { user: 'U0BPQUNTA', text: 'Only you can see this' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ channel: CHANNEL, message_ts: [expect.any(String)], truncated: false });
    expect(t.slack.ephemerals.at(-1)).toMatchObject({ channel: CHANNEL, user: 'U0BPQUNTA', text: 'Only you can see this' });
  });

  it('cuts an ephemeral text that would need too many messages, and says so', async () => {
    const before = t.slack.ephemerals.length;
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/channels/${CHANNEL}/ephemeral-messages`,
      headers: auth,
      payload: { user: 'U0BPQUNTA', text: longText(60) },
    });
    expect(response.json()).toMatchObject({ truncated: true, message_ts: [expect.any(String), expect.any(String), expect.any(String)] });
    const sent = t.slack.ephemerals.slice(before);
    expect(sent).toHaveLength(3);
    for (const message of sent) expect(message.text.length).toBeLessThanOrEqual(1000);
    expect(sent.at(-1)?.text).toContain("cut to fit Slack's limits");
  });

  it("maps Slack's user_not_in_channel to 403", async () => {
    t.slack.failNext({ status: 200, body: { ok: false, error: 'user_not_in_channel' } });
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/ephemeral-messages`, headers: auth, payload: { user: 'U0OUTSIDE', text: 'x' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toContain('Intended recipient is not in the specified channel');
  });

  it('rejects a user that is not a user ID', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/ephemeral-messages`, headers: auth, payload: { user: 'C123', text: 'x' } });
    expect(response.statusCode).toBe(400);
  });

  it("answers a slash command by POSTing JSON to its response_url", async () => {
    const responseUrl = t.slack.responseUrl();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/command-responses',
      headers: auth,
      payload: { response_url: responseUrl, text: 'Task queued', response_type: 'in_channel' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ parts: 1, truncated: false });
    const posted = t.slack.hookPosts.at(-1);
    expect(posted?.path).toBe(new URL(responseUrl).pathname);
    expect(posted?.body).toEqual({ text: 'Task queued', response_type: 'in_channel', replace_original: false });
    // The response URL is a capability: no bot token goes with it.
    expect(t.slack.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('splits a long answer into posts, only the first replacing the original', async () => {
    const responseUrl = t.slack.responseUrl();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/command-responses',
      headers: auth,
      payload: { response_url: responseUrl, text: longText(25), replace_original: true },
    });
    expect(response.json()).toEqual({ parts: 3, truncated: false });
    const posts = t.slack.hookPosts.filter((post) => post.path === new URL(responseUrl).pathname);
    expect(posts.map((post) => post.body.replace_original)).toEqual([true, false, false]);
    expect(posts.map((post) => post.body.response_type)).toEqual(['ephemeral', 'ephemeral', 'ephemeral']);
  });

  it('refuses a response_url outside the allowlist without calling it, and without echoing it', async () => {
    const before = t.slack.requests.length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/command-responses',
      headers: auth,
      payload: { response_url: 'http://169.254.169.254/latest/meta-data/s3cr3t', text: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('response_url_not_allowed');
    expect(response.body).not.toContain('s3cr3t');
    expect(t.slack.requests.length).toBe(before);
  });

  it('maps an exhausted response_url (Slack 404) to 404', async () => {
    const responseUrl = t.slack.responseUrl();
    const answer = () => t.app.inject({ method: 'POST', url: '/api/v1/command-responses', headers: auth, payload: { response_url: responseUrl, text: 'again' } });
    for (let i = 0; i < 5; i += 1) expect((await answer()).statusCode).toBe(200);
    const sixth = await answer();
    expect(sixth.statusCode).toBe(404);
    expect(sixth.json()).toEqual({ code: 'slack_used_url', message: 'Slack response_url answered HTTP 404: used_url' });
  });

  it('retries a response_url 5xx with backoff, then succeeds', async () => {
    const responseUrl = t.slack.responseUrl();
    t.slack.failNext({ status: 503 });
    const waitsBefore = t.waits.length;
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/command-responses', headers: auth, payload: { response_url: responseUrl, text: 'after a retry' } });
    expect(response.statusCode).toBe(200);
    expect(t.slack.requests.filter((r) => r.path === new URL(responseUrl).pathname)).toHaveLength(2);
    expect(t.waits.length - waitsBefore).toBe(1);
  });

  it('answers 429 with Retry-After when a response_url is rate limited for long', async () => {
    t.slack.failNext({ status: 429, headers: { 'retry-after': '90' } });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/command-responses', headers: auth, payload: { response_url: t.slack.responseUrl(), text: 'x' } });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('90');
  });
});
