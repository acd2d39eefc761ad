import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_BOT_TOKEN, SERVICE_TOKEN, type SlackTestApp, auth, startSlackTestApp } from '../support/slack-test-app.js';

const STORED = 'xoxb-stored-9999999999-zzzzzzzzzzzzzzzz';

describe('logs', () => {
  let t: SlackTestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    // The most verbose level, so the SDK's own request logging is included too.
    t = await startSlackTestApp({ logger: pino({ level: 'trace' }, sink) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('carry the task id and the trace id of the request', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/channels/C123ABC456/messages',
      headers: { ...auth, 'x-task-id': 'task-01JTRACE', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      payload: { text: 'traced' },
    });
    const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.task_id === 'task-01JTRACE');
    expect(line).toMatchObject({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' });
  });

  it('never contain a token or a response_url, even at trace level', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/v1/credentials', headers: auth, payload: { bot_token: STORED } });
    await t.app.inject({ method: 'POST', url: '/api/v1/channels/C123ABC456/messages', headers: auth, payload: { text: 'with the stored token' } });
    const responseUrl = t.slack.responseUrl();
    t.slack.failNext({ status: 500 });
    await t.app.inject({ method: 'POST', url: '/api/v1/command-responses', headers: auth, payload: { response_url: responseUrl, text: 'x' } });
    const all = lines.join('\n');
    // The SDK's request logging (URL, redacted headers and body) is part of what was checked.
    expect(all).toContain('http request headers');
    for (const secret of [STORED, ENV_BOT_TOKEN, SERVICE_TOKEN, new URL(responseUrl).pathname]) expect(all).not.toContain(secret);
  });
});
