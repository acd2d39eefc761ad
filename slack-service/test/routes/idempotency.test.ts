import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestApp, auth, startSlackTestApp } from '../support/slack-test-app.js';

const CHANNEL = 'C123ABC456';
const longText = (lines: number) => Array.from({ length: lines }, (_, i) => `Line ${i}: ${'x'.repeat(90)}`).join('\n');

describe('Idempotency-Key on writes', () => {
  let t: SlackTestApp;

  beforeAll(async () => {
    t = await startSlackTestApp({ maxRetries: 0 });
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (key: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers: { ...auth, 'idempotency-key': key }, payload });

  it('replays a repeated post without calling Slack again', async () => {
    const before = t.slack.calls('chat.postMessage').length;
    const first = await post('task-1:answer', { text: 'only once' });
    const second = await post('task-1:answer', { text: 'only once' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(t.slack.calls('chat.postMessage').length - before).toBe(1);
  });

  it('refuses a key reused for a different request with 422', async () => {
    await post('task-2:answer', { text: 'a' });
    const response = await post('task-2:answer', { text: 'b' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('replays updates, reactions, ephemeral messages and command responses too', async () => {
    const { ts } = (await post('task-3:status', { text: 'Working…' })).json();
    const requests = [
      { method: 'PATCH' as const, url: `/api/v1/channels/${CHANNEL}/messages/${ts}`, payload: { text: 'Done' }, slack: 'chat.update' },
      { method: 'POST' as const, url: `/api/v1/channels/${CHANNEL}/messages/${ts}/reactions`, payload: { name: 'white_check_mark' }, slack: 'reactions.add' },
      { method: 'POST' as const, url: `/api/v1/channels/${CHANNEL}/ephemeral-messages`, payload: { user: 'U0BPQUNTA', text: 'psst' }, slack: 'chat.postEphemeral' },
    ];
    for (const request of requests) {
      const headers = { ...auth, 'idempotency-key': `task-3:${request.slack}` };
      const before = t.slack.calls(request.slack).length;
      const first = await t.app.inject({ method: request.method, url: request.url, headers, payload: request.payload });
      const second = await t.app.inject({ method: request.method, url: request.url, headers, payload: request.payload });
      expect(second.statusCode).toBe(first.statusCode);
      expect(second.json()).toEqual(first.json());
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(t.slack.calls(request.slack).length - before).toBe(1);
    }
    const responseUrl = t.slack.responseUrl();
    const headers = { ...auth, 'idempotency-key': 'task-3:command' };
    for (let i = 0; i < 2; i += 1) {
      await t.app.inject({ method: 'POST', url: '/api/v1/command-responses', headers, payload: { response_url: responseUrl, text: 'queued' } });
    }
    expect(t.slack.hookPosts.filter((p) => p.path === new URL(responseUrl).pathname)).toHaveLength(1);
  });

  it('frees the key when Slack fails, so the retry really posts', async () => {
    t.slack.failNext({ status: 200, body: { ok: false, error: 'service_unavailable' } });
    const failed = await post('task-4:answer', { text: 'eventually' });
    expect(failed.statusCode).toBe(503);
    const retried = await post('task-4:answer', { text: 'eventually' });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('resumes a long answer that failed half-way without posting its first parts again', async () => {
    const parent = t.slack.addUserMessage(CHANNEL, '@agent long answer please');
    const text = longText(25);
    const before = t.slack.calls('chat.postMessage').length;
    // Part 1 goes through, part 2 fails.
    t.slack.failNext({}, { status: 200, body: { ok: false, error: 'internal_error' } });
    const failed = await post('task-5:answer', { text, thread_ts: parent });
    expect(failed.statusCode).toBe(502);
    const retried = await post('task-5:answer', { text, thread_ts: parent });
    expect(retried.statusCode).toBe(201);
    // 1 (part 1) + 1 (failed part 2) + 2 (parts 2 and 3 on the retry): part 1 was not posted twice.
    expect(t.slack.calls('chat.postMessage').length - before).toBe(4);
    const replies = t.slack.thread(CHANNEL, parent).slice(1);
    expect(replies.map((m) => m.text).join('\n')).toBe(text);
  });

  it('answers 409 while the first request with a key is still running', async () => {
    const slow = await t.rebuild({ timeoutMs: 5000 });
    t.slack.failNext({ delayMs: 500 });
    const headers = { ...auth, 'idempotency-key': 'task-6:answer' };
    const payload = { text: 'slow one' };
    const first = slow.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers, payload });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const concurrent = await slow.inject({ method: 'POST', url: `/api/v1/channels/${CHANNEL}/messages`, headers, payload });
    expect(concurrent.statusCode).toBe(409);
    expect(concurrent.json()).toMatchObject({ code: 'idempotency_in_progress' });
    expect(concurrent.headers['retry-after']).toBe('1');
    expect((await first).statusCode).toBe(201);
  });
});
