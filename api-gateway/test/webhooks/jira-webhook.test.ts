import { AgentTaskJobSchema } from '@swe-ai-fleet/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { jiraDelivery, jiraFixture } from '../support/jira-requests.js';
import { createTestDatabase } from '../support/test-database.js';
import { type TestGateway, deleteQueueKeys, queueReaders, removeDirectory, startTestGateway } from '../support/test-gateway.js';

const SECRET = 'jira-webhook-secret-0123456789';
const BOT = '5d9b0e3f6c5a0c0db1e5a123';

/** The documented comment with another body, author or comment id. */
function comment(body: unknown, changes: { id?: string; author?: Record<string, unknown>; event?: string } = {}) {
  const payload = jiraFixture('comment-created');
  payload.comment = { ...payload.comment, body, ...(changes.id ? { id: changes.id, self: `https://acme.atlassian.net/rest/api/2/issue/10042/comment/${changes.id}` } : {}) };
  if (changes.author) payload.comment = { ...payload.comment, author: changes.author, updateAuthor: changes.author };
  if (changes.event) payload.webhookEvent = changes.event;
  return payload;
}

describe('POST /webhooks/jira', () => {
  let gateway: TestGateway;
  let readers: ReturnType<typeof queueReaders>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let commentId = 20_000;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    gateway = await startTestGateway({
      databaseUrl: testDb.url,
      settings: { jira: { webhookSecret: SECRET, botAccountId: BOT, allowedAccounts: [], projectRepositories: { SHOP: { owner: 'acme', name: 'shop' } } } },
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

  const send = (payload: unknown, options?: Parameters<typeof jiraDelivery>[2]) => gateway.app.inject(jiraDelivery(SECRET, payload, options));
  const nextId = () => String((commentId += 1));
  const jobOf = async (taskId: string) => AgentTaskJobSchema.parse((await readers.agentTasks.getJob(taskId))?.data);

  it('turns a wiki-markup comment that mentions the bot into a task on the issue', async () => {
    const response = await send(jiraFixture('comment-created'), { identifier: 'jira-delivery-1' });
    expect(response.statusCode).toBe(202);
    const job = await jobOf(response.json().task_id);
    expect(job).toMatchObject({
      provider: 'jira',
      delivery_id: 'jira-delivery-1',
      command: 'fix',
      text: 'the checkout rounding error\n\n```java\n@agent do not match me in code\n```',
      author: { id: '5b10a2844c20165700ede21g', login: 'Mia Krystof', association: 'atlassian' },
      repository: { owner: 'acme', name: 'shop' },
      source: { provider: 'jira', site: 'https://acme.atlassian.net', issue_key: 'SHOP-42', issue_id: '10042', project_key: 'SHOP', comment_id: '10101', trigger: 'comment_created' },
      conversation_key: 'jira:acme.atlassian.net/SHOP-42',
    });

    const again = await send(jiraFixture('comment-created'), { identifier: 'jira-delivery-1' });
    expect(again.json()).toEqual({ task_id: job.task_id, duplicate: true });
  });

  it('reads a comment body in Atlassian Document Format', async () => {
    const response = await send(jiraFixture('comment-created-adf'));
    expect(await jobOf(response.json().task_id)).toMatchObject({
      command: 'review',
      text: expect.stringMatching(/^the rounding in `Cart\.total\(\)`\nsee https:\/\/acme\.atlassian\.net\/browse\/SHOP-41\n\n- totals above 100/),
      source: { comment_id: '10102' },
    });
  });

  it('takes a mention edited into a comment once, and ignores later edits of it', async () => {
    const id = nextId();
    expect((await send(comment('Thanks, looking', { id }))).json()).toEqual({ accepted: false, reason: 'no_mention' });
    const edited = await send(comment(`[~accountid:${BOT}] plan the fix repo:acme/payments`, { id, event: 'comment_updated' }));
    expect(await jobOf(edited.json().task_id)).toMatchObject({ command: 'plan', repository: { owner: 'acme', name: 'payments' }, source: { trigger: 'comment_updated' } });
    const typoFix = await send(comment(`[~accountid:${BOT}] plan the fix, please repo:acme/payments`, { id, event: 'comment_updated' }));
    expect(typoFix.json()).toEqual({ accepted: false, reason: 'duplicate_trigger' });
  });

  it('accepts the typed mention too, and ignores mentions in code and quotes', async () => {
    expect((await send(comment('@agent ask why totals round down', { id: nextId() }))).statusCode).toBe(202);
    expect((await send(comment('{quote}@agent fix it{quote}\n{noformat}@agent fix{noformat}', { id: nextId() }))).json()).toEqual({ accepted: false, reason: 'no_mention' });
  });

  it("ignores the platform's own Jira user and app users (no reply loops)", async () => {
    const own = { accountId: BOT, accountType: 'atlassian', displayName: 'SWE AI Fleet' };
    expect((await send(comment('@agent fix it', { id: nextId(), author: own }))).json()).toEqual({ accepted: false, reason: 'bot_author' });
    const app = { accountId: '557058:automation', accountType: 'app', displayName: 'Automation for Jira' };
    expect((await send(comment('@agent fix it', { id: nextId(), author: app }))).json()).toEqual({ accepted: false, reason: 'bot_author' });
    const marked = `Working on it.\n<!-- swe-ai-fleet:task=task-01JD7Z8Q5W3V4X2Y1Z0A9B8C7D --> @agent fix`;
    expect((await send(comment(marked, { id: nextId() }))).json()).toEqual({ accepted: false, reason: 'hidden_marker' });
  });

  it('refuses service-desk customers and records why', async () => {
    const customer = { accountId: 'qm:customer-1', accountType: 'customer', displayName: 'A Customer' };
    const response = await send(comment('@agent fix my order', { id: nextId(), author: customer }), { identifier: 'jira-customer' });
    expect(response.json()).toEqual({ accepted: false, reason: 'author_not_authorized' });
    const [record] = await gateway.database.db.select().from(deliveries).where(eq(deliveries.deliveryId, 'jira-customer'));
    expect(record).toMatchObject({ provider: 'jira', outcome: 'author_not_authorized', details: { rule: 'service_desk_customer', author: 'qm:customer-1' } });
  });

  it('answers events it does not handle with event_not_handled', async () => {
    const updated = { ...jiraFixture('comment-created'), webhookEvent: 'jira:issue_updated', issue_event_type_name: 'issue_commented' };
    expect((await send(updated)).json()).toEqual({ accepted: false, reason: 'event_not_handled' });
    expect((await send(comment('@agent fix', { event: 'comment_deleted' }))).json()).toEqual({ accepted: false, reason: 'event_not_handled' });
  });

  describe('rejections', () => {
    it('refuses a wrong or missing signature with 401', async () => {
      expect((await send(jiraFixture('comment-created'), { signWith: 'not-the-secret' })).statusCode).toBe(401);
      expect((await send(jiraFixture('comment-created'), { omitHeaders: ['x-hub-signature'] })).json()).toMatchObject({ code: 'invalid_signature' });
    });

    it('refuses a delivery without X-Atlassian-Webhook-Identifier with 400', async () => {
      const response = await send(jiraFixture('comment-created'), { omitHeaders: ['x-atlassian-webhook-identifier'] });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toContain('x-atlassian-webhook-identifier');
    });

    it('refuses malformed JSON and a comment event without its fields with 400', async () => {
      expect((await send(null, { rawBody: '{"webhookEvent": "comment_created", ' })).json()).toMatchObject({ code: 'malformed_payload' });
      const incomplete = await send({ webhookEvent: 'comment_created', comment: { body: '@agent fix' } });
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.json()).toMatchObject({ code: 'invalid_payload' });
    });

    it('refuses a body over the limit with 413', async () => {
      expect((await send(comment(`@agent fix ${'x'.repeat(300 * 1024)}`))).statusCode).toBe(413);
    });
  });
});
