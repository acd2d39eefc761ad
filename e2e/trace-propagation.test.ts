// One task is one trace: a GitHub mention whose webhook carries a W3C `traceparent` is followed
// through the gateway, the queue, the agent, github-service and dashboard-api's read model, every
// component exporting its spans over OTLP/HTTP to a collector stand-in. The test rebuilds the trace
// from what the collector received and checks who is whose parent, then joins the log lines of
// each component on the trace id.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGithubStandIn } from './stand-ins/github-api.js';
import { startModelServer } from './stand-ins/model-server.js';
import { type CollectedSpan, startOtlpCollector } from './stand-ins/otlp-collector.js';
import { type RunningComponent, startComponent, waitFor } from './support/processes.js';
import { createTestDatabase } from './support/test-database.js';

const require = createRequire(import.meta.url);
interface WebhookExample {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExample[];

const SECRET = 'e2e-trace-webhook-secret';
const SERVICE_TOKEN = 'e2e-trace-service-token-0123456789abcdef';
const DASHBOARD_TOKEN = 'e2e-trace-dashboard-token-0123456789abcdef';
const ANSWER = 'Traced answer: the flaky test waits for the redirect now.';

function issueCommentCreated(body: string): Record<string, unknown> {
  const example = examples.find((entry) => entry.name === 'issue_comment')?.examples.find((entry) => entry.action === 'created');
  if (!example) throw new Error('no issue_comment.created example in @octokit/webhooks-examples');
  const payload = structuredClone(example) as Record<string, unknown> & { comment: Record<string, unknown> };
  payload.comment = { ...payload.comment, body, author_association: 'OWNER' };
  return payload;
}

function logLines(component: RunningComponent): Array<Record<string, unknown>> {
  return readFileSync(component.logFile, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('W3C trace context from the webhook to the answer', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let github: Awaited<ReturnType<typeof startGithubStandIn>>;
  let model: Awaited<ReturnType<typeof startModelServer>>;
  let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
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
      turns: [{ toolCalls: [{ name: 'list_files', arguments: { path: '.' } }] }, { content: ANSWER }],
      usage: { prompt_tokens: 90, completion_tokens: 20 },
    });
    collector = await startOtlpCollector();
    taskLogsDir = mkdtempSync(path.join(tmpdir(), 'e2e-trace-task-logs-'));
    const common = {
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `e2e-trace-${randomUUID().slice(0, 8)}`,
      TASK_LOGS_DIR: taskLogsDir,
      SERVICE_TOKEN,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      // Spans leave in batches; a short delay keeps the test quick.
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    const githubService = await startComponent('github-service', { ...common, GITHUB_TOKEN: 'ghp_e2e_trace', GITHUB_API_URL: github.url, GITHUB_THROTTLE: 'false' });
    components.push(githubService);
    components.push(await startComponent('dashboard-api', { ...common, DASHBOARD_ADMIN_EMAIL: 'admin@e2e.test', DASHBOARD_ADMIN_TOKEN: DASHBOARD_TOKEN }));
    components.push(
      await startComponent('agent-container', {
        ...common,
        GITHUB_SERVICE_URL: githubService.url,
        VLLM_BASE_URL: `${model.url}/v1`,
        VLLM_MODEL: 'stand-in-coder',
        VLLM_API_KEY: 'model-key-e2e-trace',
        WORKSPACES_DIR: mkdtempSync(path.join(tmpdir(), 'e2e-trace-workspaces-')),
        REPO_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'e2e-trace-repo-cache-')),
        DASHBOARD_URL: 'http://dashboard.example.test',
      }),
    );
    components.push(await startComponent('api-gateway', { ...common, GITHUB_WEBHOOK_SECRET: SECRET, DASHBOARD_URL: 'http://dashboard.example.test' }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(components.map((component) => component.stop()));
    await github?.close();
    await model?.close();
    await collector?.close();
    await database?.drop();
    if (taskLogsDir) rmSync(taskLogsDir, { recursive: true, force: true });
  });

  it('makes the task one connected trace across gateway, queue, agent, github-service and dashboard-api', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const payload = JSON.stringify(issueCommentCreated('@agent ask why is the login test flaky?'));
    const response = await fetch(`${byName('api-gateway').url}/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issue_comment',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': await sign(SECRET, payload),
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: payload,
    });
    expect(response.status).toBe(202);
    const { task_id: taskId } = (await response.json()) as { task_id: string };

    await waitFor('the answer in the issue', () =>
      github.requests.some((request) => request.method === 'PATCH' && JSON.stringify(request.body).includes('Traced answer')) ? true : undefined,
    );

    const inTrace = () => collector.spans.filter((span) => span.traceId === traceId);
    const byId = () => new Map(inTrace().map((span) => [span.spanId, span]));
    // Every span of the trace hangs off another span of it, or off the caller's span: no orphan,
    // so nothing started a trace of its own along the way. Spans arrive in batches, and a parent
    // ends (and is exported) after its children, so wait for the tree to close.
    const orphans = () => inTrace().filter((span) => span.parentSpanId !== callerSpanId && !byId().has(span.parentSpanId ?? ''));
    const dashboardConsumed = () => inTrace().some((span) => span.service === 'dashboard-api' && span.kind === 'consumer');
    const agentProcessed = () => inTrace().some((span) => span.service === 'agent-container' && span.kind === 'consumer' && span.name.startsWith('agent-tasks'));
    const answerServed = () => inTrace().some((span) => span.service === 'github-service' && span.kind === 'server' && span.name.startsWith('PATCH'));
    await waitFor(
      'a closed trace through every component',
      () => (agentProcessed() && answerServed() && dashboardConsumed() && orphans().length === 0 ? true : undefined),
      30_000,
    ).catch((error: unknown) => {
      const summary = inTrace().map((span) => `${span.service} ${span.kind} ${span.name} ${span.spanId}<-${span.parentSpanId ?? '-'}`);
      throw new Error(`${(error as Error).message}; spans in the trace:\n${summary.join('\n')}\norphans: ${orphans().map((span) => span.name).join(', ')}`);
    });

    const spans = inTrace();
    const services = new Set(spans.map((span) => span.service));
    expect([...services].sort()).toEqual(expect.arrayContaining(['agent-container', 'api-gateway', 'dashboard-api', 'github-service']));

    // The gateway's request span continues the caller's trace as its child.
    const webhookSpan = spans.find((span) => span.service === 'api-gateway' && span.kind === 'server' && span.parentSpanId === callerSpanId);
    expect(webhookSpan, 'the gateway SERVER span, child of the caller').toBeDefined();
    expect(webhookSpan?.name).toContain('/webhooks/github');

    const ancestors = (span: CollectedSpan): CollectedSpan[] => {
      const chain: CollectedSpan[] = [];
      let parent = byId().get(span.parentSpanId ?? '');
      while (parent) {
        chain.push(parent);
        parent = byId().get(parent.parentSpanId ?? '');
      }
      return chain;
    };

    // The queue hop: the agent's CONSUMER span descends from the gateway's span for this request,
    // through the PRODUCER span of the publish.
    const publish = spans.find((span) => span.service === 'api-gateway' && span.kind === 'producer');
    expect(publish, 'the gateway PRODUCER span').toBeDefined();
    const run = spans.find((span) => span.service === 'agent-container' && span.kind === 'consumer' && span.name.startsWith('agent-tasks'));
    expect(run).toBeDefined();
    if (!run || !webhookSpan) return;
    expect(ancestors(run).map((span) => span.spanId)).toContain(webhookSpan.spanId);

    // Every call github-service served for this task is the child of an agent CLIENT span, which
    // itself descends from the agent's run or acknowledgement.
    const served = spans.filter((span) => span.service === 'github-service' && span.kind === 'server');
    expect(served.length).toBeGreaterThan(0);
    for (const span of served) {
      const parent = byId().get(span.parentSpanId ?? '');
      expect(parent?.service, span.name).toBe('agent-container');
      expect(parent?.kind, span.name).toBe('client');
    }
    // The answer's PATCH went through github-service inside the run.
    const answerCall = served.find((span) => span.name.startsWith('PATCH'));
    expect(answerCall, `the answer edit among ${served.map((span) => span.name).join(', ')}`).toBeDefined();
    if (answerCall) expect(ancestors(answerCall).map((span) => span.spanId)).toContain(run.spanId);

    // The model turns are spans of the run with their token counts.
    const turns = spans.filter((span) => span.service === 'agent-container' && span.name.startsWith('chat'));
    expect(turns.length).toBeGreaterThanOrEqual(1);
    for (const turn of turns) expect(ancestors(turn).map((span) => span.spanId)).toContain(run.spanId);
    const tokens = turns.reduce((sum, turn) => sum + Number(turn.attributes['gen_ai.usage.input_tokens'] ?? 0), 0);
    expect(tokens).toBeGreaterThan(0);

    // dashboard-api's read model consumed the task's events inside the same trace.
    const consumed = spans.filter((span) => span.service === 'dashboard-api' && span.kind === 'consumer');
    for (const span of consumed) expect(ancestors(span).map((ancestor) => ancestor.service)).toContain('agent-container');

    // The logs join on the trace id: each component's lines for this task carry it.
    for (const name of ['api-gateway', 'agent-container', 'github-service']) {
      const lines = logLines(byName(name)).filter((line) => line.trace_id === traceId);
      expect(lines.length, `${name} log lines with the trace id`).toBeGreaterThan(0);
      if (name !== 'github-service') expect(lines.some((line) => line.task_id === taskId), `${name} joins task_id and trace_id`).toBe(true);
    }
  }, 90_000);

  it('starts a new trace when the webhook carries no traceparent, and still joins the agent to it', async () => {
    const before = new Set(collector.spans.map((span) => span.traceId));
    const payload = JSON.stringify(issueCommentCreated('@agent ask what does the login test check?'));
    const response = await fetch(`${byName('api-gateway').url}/webhooks/github`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'issue_comment', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': await sign(SECRET, payload) },
      body: payload,
    });
    expect(response.status).toBe(202);
    const traceId = await waitFor('the gateway span of the new delivery', () =>
      collector.spans.find((span) => span.service === 'api-gateway' && span.kind === 'server' && span.name.includes('/webhooks/github') && !before.has(span.traceId) && !span.parentSpanId)?.traceId,
    );
    await waitFor('the agent run in the same trace', () =>
      collector.spans.some((span) => span.traceId === traceId && span.service === 'agent-container' && span.kind === 'consumer') ? true : undefined,
    );
  }, 60_000);
});
