import { AgentTaskJobSchema } from '@swe-ai-fleet/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, sentryInstallations } from '../../src/db/schema.js';
import { sentryDelivery, sentryFixture } from '../support/sentry-requests.js';
import { createTestDatabase } from '../support/test-database.js';
import { type TestGateway, deleteQueueKeys, queueReaders, removeDirectory, startTestGateway } from '../support/test-gateway.js';

const SECRET = 'sentry-client-secret-0123456789';
const INSTALLATION = 'a8e5d37a-696c-4c54-adb5-b3f28d64c7de';

function comment(text: string, changes: { commentId?: number; installation?: string; actor?: Record<string, unknown>; action?: string } = {}) {
  const payload = sentryFixture('comment-created');
  payload.data = { ...payload.data, comment: text, project_slug: 'front-end', ...(changes.commentId !== undefined ? { comment_id: changes.commentId } : {}) };
  payload.installation = { uuid: changes.installation ?? INSTALLATION };
  if (changes.actor) payload.actor = changes.actor;
  if (changes.action) payload.action = changes.action;
  return payload;
}

describe('POST /webhooks/sentry', () => {
  let gateway: TestGateway;
  let readers: ReturnType<typeof queueReaders>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let commentId = 5000;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    gateway = await startTestGateway({
      databaseUrl: testDb.url,
      settings: {
        sentry: {
          clientSecret: SECRET,
          allowedOrgs: ['test-org'],
          projectRepositories: { 'front-end': { owner: 'acme', name: 'web' } },
          alertCommand: 'fix',
          alertDedupeMs: 60 * 60_000,
        },
      },
    });
    readers = queueReaders(gateway.prefix);
  });

  afterAll(async () => {
    await gateway.close();
    await readers.close();
    await deleteQueueKeys(gateway.prefix);
    await removeDirectory(gateway.taskLogsDir);
    await testDb.drop();
  });

  const send = (resource: string, payload: unknown, options?: Parameters<typeof sentryDelivery>[3]) => gateway.app.inject(sentryDelivery(SECRET, resource, payload, options));
  const jobOf = async (taskId: string) => AgentTaskJobSchema.parse((await readers.agentTasks.getJob(taskId))?.data);
  const nextComment = () => (commentId += 1);

  it('turns the documented issue alert into a fix task on its Sentry issue', async () => {
    const response = await send('event_alert', sentryFixture('event-alert'), { requestId: 'sentry-alert-1' });
    expect(response.statusCode).toBe(202);
    const job = await jobOf(response.json().task_id);
    expect(job).toMatchObject({
      provider: 'sentry',
      delivery_id: 'sentry-alert-1',
      command: 'fix',
      repository: { owner: 'acme', name: 'web' },
      source: {
        provider: 'sentry',
        organization: 'test-org',
        project: 'front-end',
        issue_id: '1117540176',
        trigger: 'event_alert',
        event_id: 'e4874d664c3540c1a32eab185f12c5ab',
        triggered_rule: 'Very Important Alert Rule!',
        installation_uuid: INSTALLATION,
        web_url: 'https://sentry.io/organizations/test-org/issues/1117540176/events/e4874d664c3540c1a32eab185f12c5ab/',
      },
      conversation_key: 'sentry:test-org/1117540176',
    });
    expect(job.text).toContain('Sentry alert "Very Important Alert Rule!": ReferenceError: heck is not defined');

    expect((await send('event_alert', sentryFixture('event-alert'), { requestId: 'sentry-alert-1' })).json()).toEqual({ task_id: job.task_id, duplicate: true });
  });

  it('makes one task per Sentry issue while the rule keeps firing', async () => {
    const response = await send('event_alert', sentryFixture('event-alert'), { requestId: 'sentry-alert-2' });
    expect(response.json()).toEqual({ accepted: false, reason: 'duplicate_trigger' });
  });

  it('records installations and finds the organization of comments through them', async () => {
    const installed = await send('installation', sentryFixture('installation-created'));
    expect(installed.statusCode).toBe(200);
    expect(await gateway.database.db.select().from(sentryInstallations)).toMatchObject([{ uuid: INSTALLATION, organization: 'test-org', status: 'pending' }]);

    const response = await send('comment', comment('@agent ask why this started after the release', { commentId: nextComment() }));
    expect(await jobOf(response.json().task_id)).toMatchObject({
      command: 'ask',
      text: 'why this started after the release',
      author: { id: '1', login: 'colleen' },
      repository: { owner: 'acme', name: 'web' },
      source: { organization: 'test-org', project: 'front-end', issue_id: '100', trigger: 'comment' },
      conversation_key: 'sentry:test-org/100',
    });
  });

  it('refuses comments from organizations outside SENTRY_ALLOWED_ORGS, and records why', async () => {
    const response = await send('comment', comment('@agent fix it', { commentId: nextComment(), installation: 'eac5a0ae-60ec-418f-9318-46dc5e7e52ec' }), { requestId: 'sentry-unknown-org' });
    expect(response.json()).toEqual({ accepted: false, reason: 'author_not_authorized' });
    const [record] = await gateway.database.db.select().from(deliveries).where(eq(deliveries.deliveryId, 'sentry-unknown-org'));
    expect(record).toMatchObject({ provider: 'sentry', outcome: 'author_not_authorized', details: { rule: 'allowed_orgs', organization: 'unknown' } });
  });

  it('ignores comments without the mention, by the integration itself, or carrying the marker', async () => {
    expect((await send('comment', comment('adding a comment', { commentId: nextComment() }))).json()).toEqual({ accepted: false, reason: 'no_mention' });
    const app = { type: 'application', id: '2ebf071f-28df-4989-aca9-c37c763b278f', name: 'swe-ai-fleet' };
    expect((await send('comment', comment('@agent fix it', { commentId: nextComment(), actor: app }))).json()).toEqual({ accepted: false, reason: 'bot_author' });
    const marked = '<!-- swe-ai-fleet:task=task-01JD7Z8Q5W3V4X2Y1Z0A9B8C7D -->\nWorking on it. @agent fix';
    expect((await send('comment', comment(marked, { commentId: nextComment() }))).json()).toEqual({ accepted: false, reason: 'hidden_marker' });
  });

  it('answers issue events, deleted comments and metric alerts with event_not_handled', async () => {
    expect((await send('issue', sentryFixture('issue-created'))).json()).toEqual({ accepted: false, reason: 'event_not_handled' });
    expect((await send('comment', comment('@agent fix', { action: 'deleted' }))).json()).toEqual({ accepted: false, reason: 'event_not_handled' });
    expect((await send('metric_alert', { action: 'critical', data: {} })).json()).toEqual({ accepted: false, reason: 'event_not_handled' });
  });

  describe('rejections', () => {
    it('refuses a wrong or missing signature with 401', async () => {
      expect((await send('event_alert', sentryFixture('event-alert'), { signWith: 'not-the-client-secret' })).statusCode).toBe(401);
      expect((await send('event_alert', sentryFixture('event-alert'), { omitHeaders: ['sentry-hook-signature'] })).json()).toMatchObject({ code: 'invalid_signature' });
    });

    it('refuses a delivery without Request-ID or Sentry-Hook-Resource with 400', async () => {
      for (const header of ['request-id', 'sentry-hook-resource']) {
        const response = await send('event_alert', sentryFixture('event-alert'), { omitHeaders: [header] });
        expect(response.statusCode).toBe(400);
        expect(response.json().message).toContain(header);
      }
    });

    it('refuses malformed JSON and an alert without its event with 400', async () => {
      expect((await send('event_alert', null, { rawBody: '{"action": "triggered", ' })).json()).toMatchObject({ code: 'malformed_payload' });
      const incomplete = await send('event_alert', { action: 'triggered', data: {} });
      expect(incomplete.json()).toMatchObject({ code: 'invalid_payload' });
    });

    it('refuses a body over the limit with 413', async () => {
      expect((await send('comment', comment(`@agent fix ${'x'.repeat(300 * 1024)}`))).statusCode).toBe(413);
    });
  });
});
