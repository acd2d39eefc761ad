// One GitHub mention answered end to end: every component runs as a real process on a free port
// against the machine's Redis and Postgres, with local stand-ins of GitHub's REST API and of an
// OpenAI-compatible model server.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGithubStandIn } from './stand-ins/github-api.js';
import { startModelServer } from './stand-ins/model-server.js';
import { type RunningComponent, startComponent, waitFor } from './support/processes.js';
import { createTestDatabase } from './support/test-database.js';

const require = createRequire(import.meta.url);
interface WebhookExample {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExample[];

const SECRET = 'e2e-webhook-secret';
const SERVICE_TOKEN = 'e2e-service-token-0123456789abcdef';
// dashboard-api serves no data without credentials: a bearer token of its configured admin.
const DASHBOARD_TOKEN = 'e2e-dashboard-admin-token-0123456789abcdef';
const asAdmin = { headers: { authorization: `Bearer ${DASHBOARD_TOKEN}` } };
const ANSWER = 'The login test is flaky because it races the session cookie; await the redirect first.';

function issueCommentCreated(body: string): Record<string, unknown> {
  const example = examples.find((entry) => entry.name === 'issue_comment')?.examples.find((entry) => entry.action === 'created');
  if (!example) throw new Error('no issue_comment.created example in @octokit/webhooks-examples');
  const payload = structuredClone(example) as Record<string, unknown> & { comment: Record<string, unknown> };
  payload.comment = { ...payload.comment, body, author_association: 'OWNER' };
  return payload;
}

describe('a GitHub @agent mention, end to end', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let github: Awaited<ReturnType<typeof startGithubStandIn>>;
  let model: Awaited<ReturnType<typeof startModelServer>>;
  let taskLogsDir: string;
  const components: RunningComponent[] = [];
  const byName = (name: string) => {
    const found = components.find((component) => component.name === name);
    if (!found) throw new Error(`${name} is not running`);
    return found;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    github = await startGithubStandIn();
    model = await startModelServer({
      turns: [
        { toolCalls: [{ name: 'list_files', arguments: { path: '.' } }] },
        { reasoning: 'The workspace is listed; I can answer now.', content: ANSWER },
      ],
      usage: { prompt_tokens: 120, completion_tokens: 30 },
    });
    taskLogsDir = mkdtempSync(path.join(tmpdir(), 'e2e-task-logs-'));
    const common = {
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `e2e-${randomUUID().slice(0, 8)}`,
      TASK_LOGS_DIR: taskLogsDir,
      SERVICE_TOKEN,
    };
    const githubService = await startComponent('github-service', { ...common, GITHUB_TOKEN: 'ghp_e2e', GITHUB_API_URL: github.url, GITHUB_THROTTLE: 'false' });
    components.push(githubService);
    for (const name of ['jira-service', 'slack-service', 'sentry-service']) components.push(await startComponent(name, common));
    const dashboardApi = await startComponent('dashboard-api', {
      ...common,
      DASHBOARD_ADMIN_EMAIL: 'admin@e2e.test',
      DASHBOARD_ADMIN_TOKEN: DASHBOARD_TOKEN,
    });
    components.push(dashboardApi);
    components.push(await startComponent('dashboard', { DASHBOARD_API_URL: dashboardApi.url }, { healthPath: '/' }));
    components.push(
      await startComponent('agent-container', {
        ...common,
        GITHUB_SERVICE_URL: githubService.url,
        VLLM_BASE_URL: `${model.url}/v1`,
        VLLM_MODEL: 'stand-in-coder',
        VLLM_API_KEY: 'model-key-e2e',
        WORKSPACES_DIR: mkdtempSync(path.join(tmpdir(), 'e2e-workspaces-')),
        REPO_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'e2e-repo-cache-')),
        DASHBOARD_URL: 'http://dashboard.example.test',
      }),
    );
    components.push(await startComponent('api-gateway', { ...common, GITHUB_WEBHOOK_SECRET: SECRET, DASHBOARD_URL: 'http://dashboard.example.test' }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(components.map((component) => component.stop()));
    await github?.close();
    await model?.close();
    await database?.drop();
    if (taskLogsDir) rmSync(taskLogsDir, { recursive: true, force: true });
  });

  const postWebhook = async (payload: string, deliveryId: string, signature?: string) =>
    fetch(`${byName('api-gateway').url}/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issue_comment',
        'x-github-delivery': deliveryId,
        'x-hub-signature-256': signature ?? (await sign(SECRET, payload)),
        'user-agent': 'GitHub-Hookshot/e2e',
      },
      body: payload,
    });

  // The status comment is posted once on issue 1 and later edited into the answer: what the issue
  // shows is read back from GitHub (the stand-in), edits included.
  const threadComments = async () => {
    const response = await fetch(`${github.url}/repos/Codertocat/Hello-World/issues/1/comments?per_page=100`, { headers: { authorization: 'token e2e-reader' } });
    return (await response.json()) as Array<{ id: number; body: string }>;
  };
  const answerComments = async () => (await threadComments()).filter((comment) => comment.body.includes('races the session cookie'));
  const commentPosts = () => github.requests.filter((request) => request.method === 'POST' && request.path === '/repos/Codertocat/Hello-World/issues/1/comments');
  const answerEdits = () =>
    github.requests.filter((request) => request.method === 'PATCH' && /^\/repos\/Codertocat\/Hello-World\/issues\/comments\/\d+$/.test(request.path) && JSON.stringify(request.body).includes('races the session cookie'));

  it('answers the mention in the same issue with the model text, and records everything', async () => {
    const payload = JSON.stringify(issueCommentCreated('@agent ask why is the login test flaky?'));
    const deliveryId = randomUUID();
    const response = await postWebhook(payload, deliveryId);
    expect(response.status).toBe(202);
    const { task_id: taskId } = (await response.json()) as { task_id: string };
    expect(taskId).toMatch(/^task-[0-9A-Z]{26}$/);

    const [answer] = await waitFor('the answer in the issue', async () => {
      const found = await answerComments();
      return found.length > 0 ? found : undefined;
    });
    expect(answer?.body).toContain(ANSWER);
    // One comment on the issue (the status, then the answer), written with github-service's token.
    expect(commentPosts()).toHaveLength(1);
    expect(answerEdits()).toHaveLength(1);
    expect(answerEdits()[0]?.path).toBe(`/repos/Codertocat/Hello-World/issues/comments/${answer?.id}`);
    expect(answerEdits()[0]?.headers.authorization).toBe('token ghp_e2e');
    expect(model.requests.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(model.requests[0])).toContain('why is the login test flaky?');

    const logDir = path.join(taskLogsDir, taskId);
    await waitFor('06-final-result.json', () => (existsSync(path.join(logDir, '06-final-result.json')) ? true : undefined));
    expect(readdirSync(logDir).sort()).toEqual([
      '01-input.json',
      '02-webhook-flow.jsonl',
      '03-queue-flow.jsonl',
      '04-agent-output.jsonl',
      '05-microservices-flow.jsonl',
      '06-final-result.json',
      'metadata.json',
    ]);
    const lines = (file: string) =>
      readFileSync(path.join(logDir, file), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines('02-webhook-flow.jsonl').map((record) => record.stage)).toEqual([
      'received',
      'validation',
      'parsing',
      'command_matching',
      'authorization',
      'task_created',
      'queue_push',
    ]);
    expect(lines('03-queue-flow.jsonl').map((record) => record.stage)).toEqual(expect.arrayContaining(['queued', 'dequeued', 'worker_assigned']));
    const agentTypes = lines('04-agent-output.jsonl').map((record) => record.type);
    expect(agentTypes).toEqual(expect.arrayContaining(['task_started', 'thinking', 'tool_call', 'tool_result', 'message']));
    expect(lines('05-microservices-flow.jsonl').map((record) => record.type)).toEqual(expect.arrayContaining(['service_request', 'service_response']));
    const final = JSON.parse(readFileSync(path.join(logDir, '06-final-result.json'), 'utf8')) as Record<string, unknown>;
    expect(final).toMatchObject({ task_id: taskId, success: true, metrics: { input_tokens: 240, output_tokens: 60 } });
    const metadata = JSON.parse(readFileSync(path.join(logDir, 'metadata.json'), 'utf8')) as Record<string, unknown>;
    expect(metadata).toMatchObject({ task_id: taskId, status: 'succeeded', provider: 'github' });

    const task = await waitFor('the task succeeded in dashboard-api', async () => {
      const list = (await (await fetch(`${byName('dashboard-api').url}/api/v1/tasks`, asAdmin)).json()) as { items: Array<Record<string, unknown>> };
      return list.items.find((item) => item.id === taskId && item.status === 'succeeded');
    });
    expect(task).toMatchObject({ input_tokens: 240, output_tokens: 60, provider: 'github', command: 'ask' });
    const detail = (await (await fetch(`${byName('dashboard-api').url}/api/v1/tasks/${taskId}`, asAdmin)).json()) as { log: { agent_output: unknown[] } };
    expect(detail.log.agent_output.length).toBeGreaterThan(0);

    // A redelivery of the same X-GitHub-Delivery creates nothing new.
    const redelivery = await postWebhook(payload, deliveryId);
    expect(redelivery.status).toBe(200);
    expect(await redelivery.json()).toMatchObject({ task_id: taskId });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await answerComments()).toHaveLength(1);
    expect(commentPosts()).toHaveLength(1);
    expect(answerEdits()).toHaveLength(1);
    expect(readdirSync(taskLogsDir)).toEqual([taskId]);
  }, 90_000);

  it('refuses a bad signature with 401 and creates nothing', async () => {
    const before = readdirSync(taskLogsDir).length;
    const payload = JSON.stringify(issueCommentCreated('@agent ask something else'));
    const response = await postWebhook(payload, randomUUID(), await sign('not-the-secret', payload));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'invalid_signature' });
    expect(readdirSync(taskLogsDir).length).toBe(before);
    const list = (await (await fetch(`${byName('dashboard-api').url}/api/v1/tasks`, asAdmin)).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
  });

  it('serves the built dashboard', async () => {
    const page = await fetch(byName('dashboard').url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
  });
});
