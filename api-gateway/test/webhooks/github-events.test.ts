import { AgentTaskJobSchema } from '@swe-ai-fleet/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { githubDelivery, githubPayload, issueCommentCreated } from '../support/github-deliveries.js';
import { createTestDatabase } from '../support/test-database.js';
import { type TestGateway, WEBHOOK_SECRET, deleteQueueKeys, queueReaders, removeDirectory, startTestGateway } from '../support/test-gateway.js';
import { waitFor } from '../support/wait-for.js';

// The recorded payloads' people: Codertocat (id 21031067) owns Codertocat/Hello-World.
const STRANGER = { login: 'drive-by', id: 999001, type: 'User' };

describe('GitHub events beyond issue comments', () => {
  let gateway: TestGateway;
  let readers: ReturnType<typeof queueReaders>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    gateway = await startTestGateway({
      databaseUrl: testDb.url,
      settings: {
        github: {
          webhookSecret: WEBHOOK_SECRET,
          botLogins: ['swe-ai-fleet[bot]', 'fleet-machine-user'],
          allowedAssociations: ['OWNER', 'MEMBER', 'COLLABORATOR'],
          allowedUsers: ['Trusted-Contractor'],
          triggerLabel: 'agent',
          appSlug: 'swe-ai-fleet',
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

  const send = async (event: string, payload: unknown, deliveryId?: string) =>
    gateway.app.inject(await githubDelivery(WEBHOOK_SECRET, payload, { event, ...(deliveryId ? { deliveryId } : {}) }));
  const jobOf = async (response: { json: () => { task_id?: string } }) => {
    const taskId = response.json().task_id;
    if (!taskId) throw new Error(`no task: ${JSON.stringify(response.json())}`);
    return AgentTaskJobSchema.parse((await readers.agentTasks.getJob(taskId))?.data);
  };

  it('turns a mention in a pull-request review comment into a task with the diff position and the PR branches', async () => {
    const payload = githubPayload('pull_request_review_comment', 'created', { 'comment.body': '@agent fix this off-by-one' });
    const response = await send('pull_request_review_comment', payload);
    expect(response.statusCode).toBe(202);
    expect(await jobOf(response)).toMatchObject({
      command: 'fix',
      text: 'this off-by-one',
      conversation_key: 'github:Codertocat/Hello-World#2',
      source: {
        provider: 'github',
        issue_number: 2,
        is_pull_request: true,
        trigger: 'pull_request_review_comment',
        review_comment_id: expect.any(Number),
        pull_request: { number: 2, head_ref: 'changes', head_repo: 'Codertocat/Hello-World', base_ref: 'master', head_sha: expect.any(String) },
        review_comment: { path: 'README.md', diff_hunk: expect.any(String), commit_id: expect.any(String) },
      },
    });
  });

  it('turns a mention in a submitted review body into a task', async () => {
    const response = await send('pull_request_review', githubPayload('pull_request_review', 'submitted', { 'review.body': 'Looks close. @agent review the error handling' }));
    expect(await jobOf(response)).toMatchObject({
      command: 'review',
      text: 'the error handling',
      source: { trigger: 'pull_request_review', review_id: expect.any(Number), pull_request: { number: 2 } },
    });
  });

  it('gives an issue comment on a pull request its PR number and link', async () => {
    const payload = issueCommentCreated({ body: '@agent ask why CI is red' });
    const issue = payload.issue as Record<string, unknown>;
    issue.pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1', html_url: 'https://github.com/Codertocat/Hello-World/pull/1' };
    expect(await jobOf(await send('issue_comment', payload))).toMatchObject({
      source: { is_pull_request: true, trigger: 'issue_comment', pull_request: { number: 1, html_url: 'https://github.com/Codertocat/Hello-World/pull/1' } },
    });
  });

  it('answers the GitHub App slug like the mention', async () => {
    expect(await jobOf(await send('issue_comment', issueCommentCreated({ body: '@swe-ai-fleet plan the migration' })))).toMatchObject({ command: 'plan' });
  });

  it('turns an issue opened with a mention into a task, and its trigger label into nothing more', async () => {
    const opened = githubPayload('issues', 'opened', { 'issue.number': 31, 'issue.body': '@agent implement dark mode for the settings page' });
    const first = await send('issues', opened);
    expect(await jobOf(first)).toMatchObject({ command: 'implement', text: 'dark mode for the settings page', source: { trigger: 'issue_opened', issue_number: 31 } });

    // GitHub also sends `labeled` for a label the issue was opened with.
    const labeled = githubPayload('issues', 'labeled', { 'issue.number': 31, 'label.name': 'agent' });
    const deliveryId = 'c0a8e3b0-0000-4000-8000-0000000003a1';
    const second = await send('issues', labeled, deliveryId);
    expect(second.json()).toEqual({ accepted: false, reason: 'duplicate_trigger' });
    const [record] = await gateway.database.db.select().from(deliveries).where(eq(deliveries.deliveryId, deliveryId));
    expect(record).toMatchObject({ outcome: 'duplicate_trigger', taskId: null, details: { task_id: first.json().task_id } });
  });

  it('hands an issue to the agent when someone with triage access adds the trigger label', async () => {
    const payload = githubPayload('issues', 'labeled', {
      'issue.number': 32,
      'issue.title': 'Importer drops rows',
      'issue.body': 'Rows with a BOM are skipped.',
      'issue.author_association': 'NONE',
      'label.name': 'Agent',
      sender: { login: 'maintainer', id: 5, type: 'User' },
    });
    const job = await jobOf(await send('issues', payload));
    expect(job).toMatchObject({
      command: 'implement',
      text: 'Importer drops rows\n\nRows with a BOM are skipped.',
      author: { login: 'maintainer' },
      source: { trigger: 'issue_labeled', issue_number: 32 },
    });
  });

  it('decides by the author when the label came with the issue (templates label for anyone)', async () => {
    const payload = githubPayload('issues', 'labeled', { 'issue.number': 33, 'issue.author_association': 'NONE', 'label.name': 'agent' });
    expect((await send('issues', payload)).json()).toEqual({ accepted: false, reason: 'author_not_authorized' });
  });

  it('ignores other labels and assignees', async () => {
    expect((await send('issues', githubPayload('issues', 'labeled', { 'issue.number': 34 }))).json()).toEqual({ accepted: false, reason: 'event_not_handled' });
    expect((await send('issues', githubPayload('issues', 'assigned', { 'issue.number': 34 }))).json()).toEqual({ accepted: false, reason: 'event_not_handled' });
  });

  it('hands an issue to the agent when it is assigned to the bot', async () => {
    const payload = githubPayload('issues', 'assigned', { 'issue.number': 35, assignee: { login: 'fleet-machine-user', id: 7, type: 'User' }, sender: { login: 'lead', id: 6, type: 'User' } });
    expect(await jobOf(await send('issues', payload))).toMatchObject({ command: 'implement', source: { trigger: 'issue_assigned', issue_number: 35 } });
  });

  it('lets listed users in whatever their association, and records every refusal with why', async () => {
    const trusted = issueCommentCreated({ body: '@agent fix the flaky test', association: 'NONE', login: 'trusted-contractor' });
    expect((await send('issue_comment', trusted)).statusCode).toBe(202);

    const deliveryId = 'c0a8e3b0-0000-4000-8000-0000000003b1';
    const stranger = issueCommentCreated({ body: '@agent fix the flaky test', association: 'CONTRIBUTOR', login: STRANGER.login });
    expect((await send('issue_comment', stranger, deliveryId)).json()).toEqual({ accepted: false, reason: 'author_not_authorized' });
    const [record] = await gateway.database.db.select().from(deliveries).where(eq(deliveries.deliveryId, deliveryId));
    expect(record?.details).toEqual({ author: 'drive-by', association: 'CONTRIBUTOR', rule: 'author_association', allowed_associations: ['OWNER', 'MEMBER', 'COLLABORATOR'] });
  });

  it('answers an unknown command and a bare mention with a help task that carries the help text', async () => {
    const unknown = await jobOf(await send('issue_comment', issueCommentCreated({ body: '@agent deploy' })));
    expect(unknown).toMatchObject({ command: 'help', text: 'deploy' });
    expect(unknown.help_text).toMatch(/^`deploy` is not a command I know\./);
    expect(unknown.help_text).toContain('- `@agent review`: Review the pull request or the change under discussion');

    const bare = await jobOf(await send('issue_comment', issueCommentCreated({ body: '@agent' })));
    expect(bare.command).toBe('help');
    expect(bare.help_text).toContain('- `@agent fix`:');
    expect(bare.help_text).not.toContain('is not a command');

    const asked = await jobOf(await send('issue_comment', issueCommentCreated({ body: '@agent why is CI red?' })));
    expect(asked).toMatchObject({ command: 'ask' });
    expect(asked.help_text).toBeUndefined();
  });
});

describe('GitHub organization allowlist', () => {
  let gateway: TestGateway;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    gateway = await startTestGateway({
      databaseUrl: testDb.url,
      settings: { github: { webhookSecret: WEBHOOK_SECRET, botLogins: [], allowedAssociations: ['OWNER'], allowedOrgs: ['acme'] } },
    });
  });

  afterAll(async () => {
    await gateway.close();
    await deleteQueueKeys(gateway.prefix);
    await removeDirectory(gateway.taskLogsDir);
    await testDb.drop();
  });

  it("refuses repositories outside the listed organizations, even their owners' mentions", async () => {
    const deliveryId = 'c0a8e3b0-0000-4000-8000-0000000003c1';
    const response = await gateway.app.inject(await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent fix it' }), { deliveryId }));
    expect(response.json()).toEqual({ accepted: false, reason: 'author_not_authorized' });
    const [record] = await gateway.database.db.select().from(deliveries).where(eq(deliveries.deliveryId, deliveryId));
    expect(record?.details).toMatchObject({ rule: 'allowed_orgs', organization: 'Codertocat' });
  });
});
