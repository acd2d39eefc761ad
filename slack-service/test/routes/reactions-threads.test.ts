import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestApp, auth, startSlackTestApp } from '../support/slack-test-app.js';

const CHANNEL = 'C123ABC456';

describe('reactions.add and conversations.replies', () => {
  let t: SlackTestApp;

  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds a reaction to a message, accepting the name with colons', async () => {
    const ts = t.slack.addUserMessage(CHANNEL, '@agent fix the flaky test');
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages/${ts}/reactions`, headers: auth, payload: { name: ':eyes:' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ channel: CHANNEL, ts, name: 'eyes', already_reacted: false });
    expect(t.slack.calls('reactions.add').at(-1)?.body).toMatchObject({ channel: CHANNEL, timestamp: ts, name: 'eyes' });
    expect([...(t.slack.message(CHANNEL, ts)?.reactions ?? [])]).toEqual(['eyes']);
  });

  it("treats Slack's already_reacted as success", async () => {
    const ts = t.slack.addUserMessage(CHANNEL, 'again');
    const send = () => t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages/${ts}/reactions`, headers: auth, payload: { name: 'eyes' } });
    await send();
    const second = await send();
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ already_reacted: true });
    expect(t.slack.calls('reactions.add').filter((call) => call.body.timestamp === ts)).toHaveLength(2);
  });

  it('maps a reaction on a missing message to 404', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages/1000000000.000001/reactions`, headers: auth, payload: { name: 'eyes' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'slack_message_not_found' });
  });

  it('rejects an emoji name that is not one, and a missing token', async () => {
    const bad = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages/1.2/reactions`, headers: auth, payload: { name: 'Eyes Wide' } });
    expect(bad.statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages/1.2/reactions`, payload: { name: 'eyes' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it("reads a thread's messages, parent first, page by page", async () => {
    const parent = t.slack.addUserMessage(CHANNEL, '@agent summarise this thread');
    for (let i = 1; i <= 4; i += 1) t.slack.addUserMessage(CHANNEL, `reply ${i}`, { thread_ts: parent, user: 'U0ANOTHER' });
    const first = await t.app.inject({ method: 'GET', url: `/api/v1/channels/${CHANNEL}/messages/${parent}/replies?limit=3`, headers: auth });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.messages.map((m: { text: string }) => m.text)).toEqual(['@agent summarise this thread', 'reply 1', 'reply 2']);
    expect(page1.messages[0]).toMatchObject({ ts: parent, thread_ts: parent, reply_count: 4, user: 'U061F7AUR', bot_id: null });
    expect(page1).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/v1/channels/${CHANNEL}/messages/${parent}/replies?limit=3&cursor=${encodeURIComponent(page1.next_cursor)}`,
      headers: auth,
    });
    expect(second.json()).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.json().messages.map((m: { text: string }) => m.text)).toEqual(['reply 3', 'reply 4']);
    expect(t.slack.calls('conversations.replies').at(-1)?.body).toMatchObject({ channel: CHANNEL, ts: parent, limit: '3' });
  });

  it('shows messages the bot wrote with their bot_id, so callers can skip their own', async () => {
    const parent = t.slack.addUserMessage(CHANNEL, '@agent hi');
    await t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: auth, payload: { text: 'Hi!', thread_ts: parent } });
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/channels/${CHANNEL}/messages/${parent}/replies`, headers: auth });
    expect(response.json().messages[1]).toMatchObject({ text: 'Hi!', bot_id: t.slack.bot.bot_id, user: t.slack.bot.user_id });
  });

  it('maps an unknown thread to 404 thread_not_found', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/channels/${CHANNEL}/messages/1000000000.000009/replies`, headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'slack_thread_not_found' });
  });

  it('rejects a limit above 1,000 with 400', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/channels/${CHANNEL}/messages/1.2/replies?limit=5000`, headers: auth });
    expect(response.statusCode).toBe(400);
  });
});
