// A Jira comment end to end: a comment mentioning the platform's Jira account goes through the
// gateway's webhook; the agent reads the issue through jira-service, and its status comment on
// the issue is edited into the answer.
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JiraStandIn, startJiraStandIn } from './stand-ins/jira-api.js';
import { startModelServer } from './stand-ins/model-server.js';
import { type RunningComponent, root, startComponent, waitFor } from './support/processes.js';
import { createTestDatabase } from './support/test-database.js';

const WEBHOOK_SECRET = 'e2e-jira-webhook-secret';
const SERVICE_TOKEN = 'e2e-jira-service-token-0123456789ab';
const BOT_ACCOUNT = '5d9b0e3f6c5a0c0db1e5a123';
const ANSWER = 'The order flow breaks because PR-2 is not deployed yet; ship it first.';

describe('a Jira comment, end to end', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let jira: JiraStandIn;
  let model: Awaited<ReturnType<typeof startModelServer>>;
  let taskLogsDir = '';
  const dirs: string[] = [];
  const components: RunningComponent[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    jira = await startJiraStandIn();
    model = await startModelServer({ turns: [{ content: ANSWER }], usage: { prompt_tokens: 90, completion_tokens: 20 } });
    for (const prefix of ['e2e-jira-logs-', 'e2e-jira-workspaces-']) dirs.push(mkdtempSync(path.join(tmpdir(), prefix)));
    taskLogsDir = dirs[0] ?? '';
    const common = { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `e2e-jira-${randomUUID().slice(0, 8)}`, TASK_LOGS_DIR: taskLogsDir, SERVICE_TOKEN };
    const jiraService = await startComponent('jira-service', {
      ...common,
      JIRA_BASE_URL: 'https://acme.atlassian.net',
      JIRA_API_URL: jira.url,
      JIRA_EMAIL: 'agent@example.com',
      JIRA_API_TOKEN: 'jira-api-token',
    });
    components.push(jiraService);
    components.push(
      await startComponent('agent-container', {
        ...common,
        JIRA_SERVICE_URL: jiraService.url,
        VLLM_BASE_URL: model.baseUrl,
        VLLM_MODEL: 'stand-in-coder',
        WORKSPACES_DIR: dirs[1] ?? '',
        DASHBOARD_URL: 'http://dashboard.example.test',
      }),
    );
    components.push(await startComponent('api-gateway', { ...common, JIRA_WEBHOOK_SECRET: WEBHOOK_SECRET, JIRA_BOT_ACCOUNT_ID: BOT_ACCOUNT }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(components.map((component) => component.stop()));
    await jira?.close();
    await model?.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("answers on the issue by editing its status comment, from what the issue says", async () => {
    // Jira Cloud's comment_created payload (the gateway's documented fixture), on the stand-in's issue ED-1.
    const payload = JSON.parse(readFileSync(path.join(root, 'api-gateway/test/fixtures/jira/comment-created.json'), 'utf8')) as {
      comment: Record<string, unknown>;
      issue: { id: string; key: string; fields: Record<string, unknown> };
    };
    payload.comment.body = `[~accountid:${BOT_ACCOUNT}] ask why is the order flow broken?`;
    payload.issue = { ...payload.issue, id: '10002', key: 'ED-1', fields: { ...payload.issue.fields, project: { id: '10000', key: 'ED', name: 'Example' } } };
    const body = JSON.stringify(payload);
    const response = await fetch(`${components[2]?.url}/webhooks/jira`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-atlassian-webhook-identifier': randomUUID(),
        'x-hub-signature': `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`,
      },
      body,
    });
    expect(response.status).toBe(202);
    const { task_id: taskId } = (await response.json()) as { task_id: string };
    await waitFor('the final result', () => (existsSync(path.join(taskLogsDir, taskId, '06-final-result.json')) ? true : undefined), 45_000);

    // One comment on ED-1, created as the status and replaced by the answer.
    const created = jira.requests.filter((request) => request.method === 'POST' && request.path === '/rest/api/3/issue/ED-1/comment');
    expect(created).toHaveLength(1);
    const edits = jira.requests.filter((request) => request.method === 'PUT' && /^\/rest\/api\/3\/issue\/ED-1\/comment\/\d+$/.test(request.path));
    expect(edits.length).toBeGreaterThanOrEqual(1);
    const commentId = edits.at(-1)?.path.split('/').at(-1) ?? '';
    const stored = JSON.stringify(jira.comment(commentId)?.body);
    expect(stored).toContain(ANSWER);
    expect(stored).toContain(`http://dashboard.example.test/#/tasks/${taskId}`);
    // The agent knew the issue: its summary and description reached the model.
    const prompt = String(model.requests[0]?.body.messages?.[1]?.content);
    expect(prompt).toContain('## Jira issue ED-1: Main order flow broken');
    expect(prompt).toContain('<user_request>\nwhy is the order flow broken?\n</user_request>');
    const final = JSON.parse(readFileSync(path.join(taskLogsDir, taskId, '06-final-result.json'), 'utf8')) as { success: boolean; result: string };
    expect(final).toMatchObject({ success: true, result: ANSWER });
  }, 60_000);
});
