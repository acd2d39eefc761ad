import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_BOT_TOKEN, type SlackTestApp, auth, startSlackTestApp } from '../support/slack-test-app.js';

const CHANNEL = 'C123ABC456';
/** Lines of ~100 characters: with the test limit of 1,000 characters, about 10 per message. */
const longText = (lines: number) => Array.from({ length: lines }, (_, i) => `Line ${i}: ${'x'.repeat(90)}`).join('\n');

describe('messages: chat.postMessage and chat.update', () => {
  let t: SlackTestApp;

  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('posts a message to the channel with the bot token', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: 'Hello from the agent' } });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({ channel: CHANNEL, ts: expect.stringMatching(/^\d+\.\d+$/), thread_ts: null, continuation_ts: [], file: null });
    const sent = t.slack.calls('chat.postMessage').at(-1);
    expect(sent?.body).toMatchObject({ channel: CHANNEL, text: 'Hello from the agent' });
    expect(sent?.headers.authorization).toBe(`Bearer ${ENV_BOT_TOKEN}`);
    expect(t.slack.message(CHANNEL, body.ts)?.text).toBe('Hello from the agent');
  });

  it('replies in a thread when thread_ts is given', async () => {
    const parent = t.slack.addUserMessage(CHANNEL, '@agent why is CI red?');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/channels/${CHANNEL}/messages`,
      headers: auth,
      payload: { text: 'Looking into it', thread_ts: parent, reply_broadcast: true },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ thread_ts: parent, continuation_ts: [] });
    expect(t.slack.calls('chat.postMessage').at(-1)?.body).toMatchObject({ thread_ts: parent, reply_broadcast: 'true' });
    expect(t.slack.thread(CHANNEL, parent).map((m) => m.text)).toEqual(['@agent why is CI red?', 'Looking into it']);
  });

  it('splits a long text into messages of at most the limit, continuing in the thread', async () => {
    const parent = t.slack.addUserMessage(CHANNEL, '@agent explain');
    const text = longText(25);
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text, thread_ts: parent } });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.continuation_ts).toHaveLength(2);
    const posted = t.slack.thread(CHANNEL, parent).slice(1);
    expect(posted).toHaveLength(3);
    for (const message of posted) expect(message.text.length).toBeLessThanOrEqual(1000);
    expect(posted.map((m) => m.text).join('\n')).toBe(text);
  });

  it('starts a thread under the first part when a long top-level message continues', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: longText(15) } });
    const body = response.json();
    expect(body.thread_ts).toBe(body.ts);
    expect(t.slack.calls('chat.postMessage').at(-1)?.body).toMatchObject({ thread_ts: body.ts });
  });

  it('posts a preview and the whole text as a file snippet when it needs too many messages', async () => {
    const parent = t.slack.addUserMessage(CHANNEL, '@agent write the report');
    const text = longText(60);
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text, thread_ts: parent } });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.file).toEqual({ id: expect.stringMatching(/^F/), name: 'full-text.md' });
    expect(t.slack.files.get(body.file.id)).toMatchObject({ content: text, channel: CHANNEL, thread_ts: parent });
    const preview = t.slack.message(CHANNEL, body.ts);
    expect(preview?.text.length).toBeLessThanOrEqual(1000);
    expect(preview?.text).toContain('is attached below as a file');
  });

  it('passes blocks through and keeps the text as the notification fallback', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Done*' } }];
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: 'Done', blocks } });
    expect(response.statusCode).toBe(201);
    const sent = t.slack.calls('chat.postMessage').at(-1)?.body;
    expect(JSON.parse(String(sent?.blocks))).toEqual(blocks);
    expect(sent?.text).toBe('Done');
  });

  it('refuses a section block over 3,000 characters before calling Slack', async () => {
    const before = t.slack.requests.length;
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(3001) } }];
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: 'x', blocks } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('3,000 characters') });
    expect(t.slack.requests.length).toBe(before);
  });

  it('updates a message, continuing a long new text in its thread', async () => {
    const posted = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: 'Working…' } });
    const { ts } = posted.json();
    const text = longText(15);
    const response = await t.app.inject({ method: 'PATCH', url: `/api/v1/channels/${CHANNEL}/messages/${ts}`, headers: auth, payload: { text } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ channel: CHANNEL, ts, thread_ts: ts, file: null });
    expect(body.continuation_ts).toHaveLength(1);
    expect(t.slack.calls('chat.update').at(-1)?.body).toMatchObject({ channel: CHANNEL, ts });
    expect(t.slack.thread(CHANNEL, ts).map((m) => m.text).join('\n')).toBe(text);
  });

  it("maps Slack's message_not_found on an update to a 404 with Slack's message", async () => {
    const response = await t.app.inject({ method: 'PATCH', url: `/api/v1/channels/${CHANNEL}/messages/1111111111.000001`, headers: auth, payload: { text: 'x' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'slack_message_not_found', message: expect.stringContaining('No message exists with the requested timestamp') });
  });

  it('rejects a request without the service token, and one with a wrong token', async () => {
    const none = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, payload: { text: 'x' } });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'unauthorized' });
    const wrong = await t.app.inject({ method: 'PATCH', url: `/api/v1/channels/${CHANNEL}/messages/1.1`, headers: { authorization: 'Bearer nope' }, payload: { text: 'x' } });
    expect(wrong.statusCode).toBe(401);
  });

  it.each([
    ['an empty text', `/api/v1/channels/${CHANNEL}/messages`, { text: '' }],
    ['a channel that is not a conversation ID', '/api/v1/channels/general/messages', { text: 'x' }],
    ['a malformed thread_ts', `/api/v1/channels/${CHANNEL}/messages`, { text: 'x', thread_ts: 'yesterday' }],
  ])('rejects %s with 400', async (_name, url, payload) => {
    const response = await t.app.inject({ method: 'POST', url, headers: auth, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request' });
  });
});
