// A Sentry comment end to end: a comment mentioning the agent on a Sentry issue goes through the
// gateway's integration webhook; the agent reads the issue and its latest stack trace through
// sentry-service, and its status comment on the issue is edited into the answer.
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer } from './stand-ins/model-server.js';
import { type SentryStandIn, startSentryStandIn } from './stand-ins/sentry-api.js';
import { type RunningComponent, root, startComponent, waitFor } from './support/processes.js';
import { createTestDatabase } from './support/test-database.js';

const CLIENT_SECRET = 'e2e-sentry-client-secret';
const SERVICE_TOKEN = 'e2e-sentry-service-token-0123456789a';
const ANSWER = 'The 403 comes from listing organization users without the member:read scope.';

describe('a Sentry comment, end to end', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sentry: SentryStandIn;
  let model: Awaited<ReturnType<typeof startModelServer>>;
  let taskLogsDir = '';
  const dirs: string[] = [];
  const components: RunningComponent[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    sentry = await startSentryStandIn();
    model = await startModelServer({ turns: [{ content: ANSWER }], usage: { prompt_tokens: 120, completion_tokens: 20 } });
    for (const prefix of ['e2e-sentry-logs-', 'e2e-sentry-workspaces-']) dirs.push(mkdtempSync(path.join(tmpdir(), prefix)));
    taskLogsDir = dirs[0] ?? '';
    const common = { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `e2e-sentry-${randomUUID().slice(0, 8)}`, TASK_LOGS_DIR: taskLogsDir, SERVICE_TOKEN };
    const sentryService = await startComponent('sentry-service', { ...common, SENTRY_AUTH_TOKEN: 'sntrys_stand_in_token', SENTRY_ORG: sentry.organization, SENTRY_BASE_URL: sentry.url });
    components.push(sentryService);
    components.push(
      await startComponent('agent-container', {
        ...common,
        SENTRY_SERVICE_URL: sentryService.url,
        VLLM_BASE_URL: model.baseUrl,
        VLLM_MODEL: 'stand-in-coder',
        WORKSPACES_DIR: dirs[1] ?? '',
        DASHBOARD_URL: 'http://dashboard.example.test',
      }),
    );
    components.push(await startComponent('api-gateway', { ...common, SENTRY_CLIENT_SECRET: CLIENT_SECRET, SENTRY_ORG: sentry.organization }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(components.map((component) => component.stop()));
    await sentry?.close();
    await model?.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('answers on the issue by editing its status comment, from its stack trace', async () => {
    // Sentry's documented `comment` webhook (the gateway's fixture), on the stand-in's issue 1.
    const payload = JSON.parse(readFileSync(path.join(root, 'api-gateway/test/fixtures/sentry/comment-created.json'), 'utf8')) as { data: Record<string, unknown> };
    payload.data = { ...payload.data, comment: '@agent ask what causes this 403?', issue_id: Number(sentry.issue.id), project_slug: 'pump-station', comment_id: 4321 };
    const body = JSON.stringify(payload);
    const response = await fetch(`${components[2]?.url}/webhooks/sentry`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'request-id': randomUUID(),
        'sentry-hook-resource': 'comment',
        'sentry-hook-timestamp': String(Math.floor(Date.now() / 1000)),
        'sentry-hook-signature': createHmac('sha256', CLIENT_SECRET).update(body).digest('hex'),
      },
      body,
    });
    expect(response.status).toBe(202);
    const { task_id: taskId } = (await response.json()) as { task_id: string };
    await waitFor('the final result', () => (existsSync(path.join(taskLogsDir, taskId, '06-final-result.json')) ? true : undefined), 45_000);

    // One comment on the issue, posted as the status and edited into the answer.
    const posted = sentry.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/issues/1/comments/'));
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]?.body)).not.toContain(ANSWER);
    const edits = sentry.requests.filter((request) => request.method === 'PUT' && /\/issues\/1\/comments\/\d+\/$/.test(request.path));
    expect(edits.length).toBeGreaterThanOrEqual(1);
    const noteId = edits.at(-1)?.path.split('/').at(-2) ?? '';
    expect(sentry.notes.filter((note) => note.id === noteId)).toHaveLength(1);
    expect(sentry.notes.filter((note) => note.data.text.includes(ANSWER)).map((note) => note.id)).toEqual([noteId]);
    expect(sentry.notes.find((note) => note.id === noteId)?.data.text).toContain(`http://dashboard.example.test/#/tasks/${taskId}`);
    // The agent knew the issue and the stack trace of its latest event.
    const prompt = String(model.requests[0]?.body.messages?.[1]?.content);
    expect(prompt).toContain('## Sentry issue PUMP-STATION-1: This is an example Python exception');
    expect(prompt).toContain('ForbiddenError: GET /organizations/hellboy-meowmeow/users/ 403');
    expect(prompt).toContain('PublisherMethods.js:74 in apply (library)');
    const final = JSON.parse(readFileSync(path.join(taskLogsDir, taskId, '06-final-result.json'), 'utf8')) as { success: boolean; result: string };
    expect(final).toMatchObject({ success: true, result: ANSWER });
  }, 60_000);
});
