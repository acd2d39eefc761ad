import { AgentTaskJobSchema } from '@swe-ai-fleet/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { slackFixture, slackRequest, slashCommandBody } from '../support/slack-requests.js';
import { readTaskLog } from '../support/task-log-files.js';
import { createTestDatabase } from '../support/test-database.js';
import { type TestGateway, deleteQueueKeys, queueReaders, removeDirectory, startTestGateway } from '../support/test-gateway.js';
import { waitFor } from '../support/wait-for.js';

const SIGNING_SECRET = 'slack-signing-secret-0123456789';
const BOT = 'U0LAN0Z89';
// The gateway's clock is fixed: Slack's 5-minute replay window is tested against it.
const NOW = new Date('2026-03-02T10:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;

function mention(text: string, changes: Record<string, unknown> = {}) {
  const payload = slackFixture('app-mention');
  payload.event = { ...payload.event, text: `<@${BOT}> ${text}`, ...changes };
  return payload;
}

describe('POST /webhooks/slack', () => {
  let gateway: TestGateway;
  let readers: ReturnType<typeof queueReaders>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let sequence = 0;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    gateway = await startTestGateway({
      databaseUrl: testDb.url,
      now: () => NOW,
      settings: {
        slack: {
          signingSecret: SIGNING_SECRET,
          botUserId: BOT,
          allowedTeams: ['T123ABC456', 'T0001'],
          allowedUsers: [],
          channelRepositories: { C2147483705: { owner: 'acme', name: 'weather' } },
        },
      },
    });
    readers = queueReaders(gateway.prefix);
    await waitFor('Redis', () => gateway.queues.isReady());
  });

  afterAll(async () => {
    await gateway.close();
    await readers.close();
    await deleteQueueKeys(gateway.prefix);
    await removeDirectory(gateway.taskLogsDir);
    await testDb.drop();
  });

  /** Every event gets its own event id and message ts unless a test says otherwise. */
  const post = (payload: Record<string, unknown>, options: { eventId?: string; timestamp?: number; retryNum?: number; signWith?: string } = {}) => {
    sequence += 1;
    const body: Record<string, unknown> = { ...payload, event_id: options.eventId ?? `Ev${String(sequence).padStart(8, '0')}` };
    const event = payload.event as Record<string, unknown>;
    if (event.ts === '1515449522.000016' || event.ts === '1355517523.000005') body.event = { ...event, ts: `17000000${String(sequence).padStart(2, '0')}.000100` };
    return gateway.app.inject(slackRequest(JSON.stringify(body), { secret: SIGNING_SECRET, timestamp: options.timestamp ?? NOW_SECONDS, ...options }));
  };
  const slash = (changes: Record<string, string> = {}) =>
    gateway.app.inject(slackRequest(slashCommandBody(changes), { secret: SIGNING_SECRET, timestamp: NOW_SECONDS, form: true }));
  const jobOf = async (taskId: string) => AgentTaskJobSchema.parse((await readers.agentTasks.getJob(taskId))?.data);

  it('answers url_verification with its challenge', async () => {
    const body = JSON.stringify(slackFixture('url-verification'));
    const response = await gateway.app.inject(slackRequest(body, { secret: SIGNING_SECRET, timestamp: NOW_SECONDS }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it("turns the documented app_mention into a task in the message's thread", async () => {
    const response = await post(slackFixture('app-mention'), { eventId: 'Ev123ABC456' });
    expect(response.statusCode).toBe(202);
    const job = await jobOf(response.json().task_id);
    expect(job).toMatchObject({
      provider: 'slack',
      delivery_id: 'Ev123ABC456',
      command: 'ask',
      text: 'is it everything a river should be?',
      author: { id: 'U061F7AUR', login: 'U061F7AUR' },
      repository: null,
      source: { provider: 'slack', team_id: 'T123ABC456', channel: 'C123ABC456', trigger: 'app_mention', user_id: 'U061F7AUR' },
    });
    expect(job.source).toMatchObject({ thread_ts: (job.source as { message_ts: string }).message_ts });
    expect(job.conversation_key).toMatch(/^slack:T123ABC456\/C123ABC456\/\d+\.\d+$/);
    expect(await readers.notifications.getJob(`${job.task_id}-ack`)).toBeDefined();
  });

  it('answers a retry of the same event_id with the first task and creates nothing', async () => {
    const first = await post(mention('fix the importer'), { eventId: 'EvRETRY0001' });
    const retry = await post(mention('fix the importer'), { eventId: 'EvRETRY0001', retryNum: 1 });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ task_id: first.json().task_id, duplicate: true });
  });

  it('reads the repository a thread names, and remembers it for the rest of the thread', async () => {
    const thread = '1700000999.000100';
    const first = await post(mention('fix the flaky login test repo:acme/web-app', { thread_ts: thread }));
    expect(await jobOf(first.json().task_id)).toMatchObject({ command: 'fix', text: 'the flaky login test', repository: { owner: 'acme', name: 'web-app' } });
    const followUp = await post(mention('and plan the retries', { thread_ts: thread }));
    expect(await jobOf(followUp.json().task_id)).toMatchObject({ command: 'ask', repository: { owner: 'acme', name: 'web-app' }, source: { thread_ts: thread } });
  });

  it("falls back to the channel's repository", async () => {
    const response = await post(mention('review the deploy script', { channel: 'C2147483705' }));
    expect(await jobOf(response.json().task_id)).toMatchObject({ command: 'review', repository: { owner: 'acme', name: 'weather' } });
  });

  it('takes a direct message as a request without a mention', async () => {
    const payload = slackFixture('message-im');
    payload.event = { ...payload.event, text: 'fix the flaky login test &amp; its &lt;retries&gt;' };
    const response = await post(payload);
    expect(response.statusCode).toBe(202);
    expect(await jobOf(response.json().task_id)).toMatchObject({
      command: 'fix',
      text: 'the flaky login test & its <retries>',
      source: { trigger: 'direct_message', channel: 'D024BE91L', channel_type: 'im' },
    });
  });

  it('makes one task of a message Slack announces as both app_mention and message.im', async () => {
    const dm = slackFixture('message-im');
    dm.event = { ...dm.event, ts: '1700001234.000200', text: `<@${BOT}> plan the cache` };
    const asMention = mention('plan the cache', { ts: '1700001234.000200', channel: 'D024BE91L' });
    const first = await post(asMention);
    expect(first.statusCode).toBe(202);
    expect((await post(dm)).json()).toEqual({ accepted: false, reason: 'duplicate_trigger' });
  });

  it("ignores the bot's own messages, other bots, edits and other events", async () => {
    const fromBot = slackFixture('message-im');
    fromBot.event = { ...fromBot.event, user: BOT, text: 'Working on it' };
    expect((await post(fromBot)).json()).toEqual({ accepted: false, reason: 'bot_author' });
    const otherBot = slackFixture('message-im');
    otherBot.event = { ...otherBot.event, bot_id: 'B0123', text: 'fix everything' };
    expect((await post(otherBot)).json()).toEqual({ accepted: false, reason: 'bot_author' });
    const edited = slackFixture('message-im');
    edited.event = { ...edited.event, subtype: 'message_changed' };
    expect((await post(edited)).json()).toEqual({ accepted: false, reason: 'event_not_handled' });
    const channelMessage = slackFixture('message-im');
    channelMessage.event = { ...channelMessage.event, channel_type: 'channel', text: 'fix it' };
    expect((await post(channelMessage)).json()).toEqual({ accepted: false, reason: 'event_not_handled' });
    const reaction = slackFixture('app-mention');
    reaction.event = { type: 'reaction_added', user: 'U061F7AUR', reaction: 'eyes', item: { type: 'message', channel: 'C1', ts: '1.2' }, event_ts: '1.3' };
    expect((await post(reaction)).json()).toEqual({ accepted: false, reason: 'event_not_handled' });
  });

  it('refuses workspaces outside SLACK_ALLOWED_TEAMS and records why', async () => {
    const outsider = mention('fix it', { team: 'T999' });
    outsider.team_id = 'T999OTHER';
    const response = await post(outsider, { eventId: 'EvOUTSIDER1' });
    expect(response.json()).toEqual({ accepted: false, reason: 'author_not_authorized' });
    const [record] = await gateway.database.db.select().from(deliveries).where(eq(deliveries.deliveryId, 'EvOUTSIDER1'));
    expect(record).toMatchObject({ provider: 'slack', outcome: 'author_not_authorized', details: { rule: 'allowed_teams', team: 'T999OTHER' } });
  });

  describe('slash command', () => {
    it('answers the documented slash command within the request, and queues the task', async () => {
      const response = await slash();
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ response_type: 'ephemeral', text: expect.stringMatching(/^On it: queued as task-[0-9A-Z]{26}\./) });
      const taskId = /task-[0-9A-Z]{26}/.exec(response.json().text)?.[0] ?? '';
      const job = await jobOf(taskId);
      expect(job).toMatchObject({
        delivery_id: 'slash:13345224609.738474920.8088930838d88f008e0',
        command: 'ask',
        text: '94070',
        repository: { owner: 'acme', name: 'weather' },
        source: { provider: 'slack', trigger: 'slash_command', command: '/weather', channel: 'C2147483705', thread_ts: '', response_url: 'https://hooks.slack.com/commands/1234/5678' },
      });
      // The response_url lets its holder post in the channel: kept in the job, never in the task log.
      await gateway.drain();
      const log = await readTaskLog(gateway.taskLogsDir, taskId);
      expect(log.input.source).toMatchObject({ response_url: '[redacted]' });
    });

    it('answers an unknown command with help written for the slash command', async () => {
      const response = await slash({ command: '/agent', text: 'deploy', trigger_id: '1.2.unknown' });
      const taskId = /task-[0-9A-Z]{26}/.exec(response.json().text)?.[0] ?? '';
      const job = await jobOf(taskId);
      expect(job.command).toBe('help');
      expect(job.help_text).toContain('- `/agent fix`:');
    });

    it('tells a refused person so, in an ephemeral reply', async () => {
      const response = await slash({ team_id: 'T999OTHER', trigger_id: '1.2.refused' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ response_type: 'ephemeral', text: 'You are not allowed to ask the agent here.' });
    });
  });

  describe('rejections', () => {
    it('refuses a wrong or missing signature with 401', async () => {
      expect((await post(mention('fix it'), { signWith: 'not-the-signing-secret' })).statusCode).toBe(401);
      const body = JSON.stringify(mention('fix it'));
      const unsigned = await gateway.app.inject(slackRequest(body, { secret: SIGNING_SECRET, timestamp: NOW_SECONDS, unsigned: true }));
      expect(unsigned.json()).toMatchObject({ code: 'invalid_signature' });
    });

    it('refuses a correctly signed request outside the 5-minute window with 401 stale_request', async () => {
      for (const timestamp of [NOW_SECONDS - 301, NOW_SECONDS + 301]) {
        const response = await post(mention('fix it'), { timestamp });
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ code: 'stale_request' });
      }
      expect((await post(mention('fix it'), { timestamp: NOW_SECONDS - 299 })).statusCode).toBe(202);
    });

    it('refuses malformed JSON and an event_callback without its fields with 400', async () => {
      const malformed = await gateway.app.inject(slackRequest('{"type": "event_callback", ', { secret: SIGNING_SECRET, timestamp: NOW_SECONDS }));
      expect(malformed.json()).toMatchObject({ code: 'malformed_payload' });
      const incomplete = await gateway.app.inject(slackRequest(JSON.stringify({ type: 'event_callback', event: { type: 'app_mention' } }), { secret: SIGNING_SECRET, timestamp: NOW_SECONDS }));
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.json()).toMatchObject({ code: 'invalid_payload' });
    });

    it('refuses a body over the limit with 413', async () => {
      const response = await post(mention(`fix ${'x'.repeat(300 * 1024)}`));
      expect(response.statusCode).toBe(413);
    });
  });
});

describe('POST /webhooks/slack without SLACK_SIGNING_SECRET', () => {
  let gateway: TestGateway;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    gateway = await startTestGateway({ databaseUrl: testDb.url });
    await waitFor('Redis', () => gateway.queues.isReady());
  });

  afterAll(async () => {
    await gateway.close();
    await deleteQueueKeys(gateway.prefix);
    await removeDirectory(gateway.taskLogsDir);
    await testDb.drop();
  });

  it('refuses every request with 503 webhook_not_configured', async () => {
    const response = await gateway.app.inject(slackRequest(JSON.stringify(slackFixture('url-verification')), { secret: 'anything-at-all', timestamp: Date.now() / 1000 }));
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'webhook_not_configured' });
  });
});
