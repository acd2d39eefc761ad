// A Slack thread end to end: an app_mention reply in a thread goes through the gateway's Events
// API endpoint; the agent reads the thread through slack-service, and its status reply in the
// thread becomes the answer. A second mention in the same thread sees the first question and
// answer.
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatRequestBody, startModelServer } from './stand-ins/model-server.js';
import { type SlackStandIn, startSlackStandIn } from './stand-ins/slack-api.js';
import { type RunningComponent, startComponent, waitFor } from './support/processes.js';
import { createTestDatabase } from './support/test-database.js';

const SIGNING_SECRET = 'e2e-slack-signing-secret';
const SERVICE_TOKEN = 'e2e-slack-service-token-0123456789ab';
const CHANNEL = 'C0DEPLOYS1';
const FIRST = 'The health check waits on port 8080, which the new image no longer opens.';
const SECOND = 'Staging uses the same image, so it hangs the same way.';

const asked = (body: ChatRequestBody) => /<user_request>\n([\s\S]*?)\n<\/user_request>/.exec(String(body.messages?.[1]?.content))?.[1] ?? '';

describe('a Slack thread reply, end to end', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let slack: SlackStandIn;
  let model: Awaited<ReturnType<typeof startModelServer>>;
  let taskLogsDir = '';
  const dirs: string[] = [];
  const components: RunningComponent[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    slack = await startSlackStandIn();
    model = await startModelServer({ turns: (body) => ({ content: asked(body).includes('staging') ? SECOND : FIRST }), usage: { prompt_tokens: 80, completion_tokens: 20 } });
    for (const prefix of ['e2e-slack-logs-', 'e2e-slack-workspaces-']) dirs.push(mkdtempSync(path.join(tmpdir(), prefix)));
    taskLogsDir = dirs[0] ?? '';
    const common = { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `e2e-slack-${randomUUID().slice(0, 8)}`, TASK_LOGS_DIR: taskLogsDir, SERVICE_TOKEN };
    const slackService = await startComponent('slack-service', { ...common, SLACK_BOT_TOKEN: 'xoxb-e2e-slack-bot-token', SLACK_API_URL: slack.apiUrl });
    components.push(slackService);
    components.push(
      await startComponent('agent-container', {
        ...common,
        SLACK_SERVICE_URL: slackService.url,
        VLLM_BASE_URL: model.baseUrl,
        VLLM_MODEL: 'stand-in-coder',
        WORKSPACES_DIR: dirs[1] ?? '',
        DASHBOARD_URL: 'http://dashboard.example.test',
      }),
    );
    components.push(await startComponent('api-gateway', { ...common, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_USER_ID: slack.bot.user_id }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(components.map((component) => component.stop()));
    await slack?.close();
    await model?.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** An app_mention in the thread, signed as Slack signs (v0, HMAC-SHA256 of `v0:<timestamp>:<body>`). */
  const mention = async (text: string, threadTs: string) => {
    const ts = slack.addUserMessage(CHANNEL, text, { user: 'U061F7AUR', thread_ts: threadTs });
    const body = JSON.stringify({
      token: 'XXYYZZ',
      team_id: slack.bot.team_id,
      api_app_id: 'A0FLEETAPP',
      event: { type: 'app_mention', user: 'U061F7AUR', text, ts, thread_ts: threadTs, channel: CHANNEL, event_ts: ts },
      type: 'event_callback',
      authorizations: [{ team_id: slack.bot.team_id, user_id: slack.bot.user_id, is_bot: true, is_enterprise_install: false }],
      event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const response = await fetch(`${components[2]?.url}/webhooks/slack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
      body,
    });
    expect(response.status).toBe(202);
    const { task_id: taskId } = (await response.json()) as { task_id: string };
    await waitFor(`task ${taskId} finished`, () => (existsSync(path.join(taskLogsDir, taskId, '06-final-result.json')) ? true : undefined), 45_000);
    return { taskId, ts };
  };

  it('answers in the thread by editing its status reply, and a second mention sees the first answer', async () => {
    const parent = slack.addUserMessage(CHANNEL, 'Deploys hang at "waiting for health check" since this morning.', { user: 'U0OPSOPS1' });
    const first = await mention(`<@${slack.bot.user_id}> ask why do deploys hang?`, parent);

    // 👀 on the message that asked; one bot reply in the thread, which is now the answer.
    expect(slack.message(CHANNEL, first.ts)?.reactions.has('eyes')).toBe(true);
    const botReplies = () => slack.thread(CHANNEL, parent).filter((message) => message.bot_id === slack.bot.bot_id);
    expect(botReplies()).toHaveLength(1);
    expect(botReplies()[0]?.text).toContain(FIRST);
    expect(botReplies()[0]?.text).toContain(`<http://dashboard.example.test/#/tasks/${first.taskId}|Task log>`);
    expect(slack.calls('chat.update').length).toBeGreaterThanOrEqual(1);
    // The agent read the thread: the parent message reached the model as context.
    expect(String(model.requests[0]?.body.messages?.[1]?.content)).toContain('Deploys hang at "waiting for health check" since this morning.');

    const second = await mention(`<@${slack.bot.user_id}> ask and what about staging?`, parent);
    expect(botReplies()).toHaveLength(2);
    expect(botReplies()[1]?.text).toContain(SECOND);
    const history = String(model.requests.at(-1)?.body.messages?.[1]?.content);
    expect(history).toMatch(/<conversation_history>[\s\S]*Question: why do deploys hang\?\nYour answer: The health check waits on port 8080[\s\S]*<\/conversation_history>/);
    expect(second.taskId).not.toBe(first.taskId);
  }, 90_000);
});
