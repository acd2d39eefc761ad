import { randomBytes } from 'node:crypto';
import { QUEUE_AGENT_TASKS, QUEUE_NOTIFICATIONS, QUEUE_TASK_EVENTS } from '@swe-ai-fleet/contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserStore } from '../../src/auth/user-store.js';
import type { components } from '../../src/generated/agent-container.js';
import { applyTaskEvent } from '../../src/read-model/apply-task-event.js';
import { agentStatusReader } from '../../src/services/agent-status.js';
import { sendJson, startStandIn } from '../support/http-stand-in.js';
import { successfulRun } from '../support/task-events.js';
import { newTaskId } from '../support/task-ids.js';
import { TEST_SCRYPT, type TestApp, startTestApp } from '../support/test-app.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SERVICE_TOKEN = 'service-token-for-tests-0123456789';

/** What agent-container's status API answers, typed by the client generated from its openapi.json. */
const workerStatus: components['schemas']['WorkerStatus'] = {
  running: [{ task_id: 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W', attempt: 1, provider: 'github', command: 'fix', agent: 'coder', runner: 'vllm', started_at: '2026-01-05T10:00:01.500Z' }],
  runners: [
    { name: 'vllm', available: true },
    { name: 'claude', available: false },
  ],
  agents: ['coder', 'reviewer'],
  concurrency: { agent_tasks: 2, notifications: 20 },
};

describe('services, the queue board and the registry', () => {
  let testApp: TestApp;
  let redis: Redis;
  let queues: Queue[];
  const standIns: Array<Awaited<ReturnType<typeof startStandIn>>> = [];
  const prefix = `t-dashboard-services-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const healthy = await startStandIn((_request, response) => sendJson(response, 200, { status: 'ok', checks: { database: 'ok', redis: 'ok' } }));
    const degraded = await startStandIn((_request, response) =>
      sendJson(response, 200, { status: 'degraded', checks: { database: 'ok', credentials: 'missing', github: 'unreachable', credentials_source: null } }),
    );
    const down = await startStandIn((_request, response) => sendJson(response, 503, { status: 'degraded', checks: { database: 'down' } }));
    const proxyPage = await startStandIn((_request, response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>'));
    const silent = await startStandIn(() => undefined);
    const agent = await startStandIn((request, response) => {
      if (request.url === '/health') return sendJson(response, 200, { status: 'ok', checks: { database: 'ok', redis: 'ok' } });
      if (request.headers.authorization !== `Bearer ${SERVICE_TOKEN}`) return sendJson(response, 401, { code: 'unauthorized', message: 'no' });
      return sendJson(response, 200, workerStatus);
    });
    standIns.push(healthy, degraded, down, proxyPage, silent, agent);
    const closed = await startStandIn(() => undefined);
    await closed.close();

    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queues = [QUEUE_AGENT_TASKS, QUEUE_NOTIFICATIONS, QUEUE_TASK_EVENTS].map((name) => new Queue(name, { connection: redis, prefix }));
    const [agentTasks, notifications] = queues;
    await agentTasks?.add('task', { n: 1 });
    await agentTasks?.add('task', { n: 2 });
    await agentTasks?.add('task', { n: 3 }, { delay: 60_000 });
    await notifications?.add('acknowledge', { n: 1 });

    testApp = await startTestApp({
      queues,
      serviceTimeoutMs: 300,
      components: [
        { name: 'api-gateway', url: healthy.url },
        { name: 'agent-container', url: agent.url },
        { name: 'github-service', url: degraded.url },
        { name: 'jira-service', url: down.url },
        { name: 'slack-service', url: proxyPage.url },
        { name: 'sentry-service', url: silent.url },
        { name: 'nothing-listens', url: closed.url },
      ],
      agentStatus: agentStatusReader({ baseUrl: agent.url, serviceToken: SERVICE_TOKEN, timeoutMs: 300 }),
    });
    const run = successfulRun(newTaskId());
    for (const event of [run.created, run.started, run.completed]) await applyTaskEvent(testApp.database.db, event);
  });

  afterAll(async () => {
    await testApp.close();
    for (const queue of queues) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    redis.disconnect();
    await Promise.all(standIns.map((standIn) => standIn.close()));
  });

  it('reports each component as ok, degraded, down or unreachable, with its checks and why', async () => {
    const response = await testApp.inject({ method: 'GET', url: '/api/v1/services' });
    expect(response.statusCode).toBe(200);
    const byName = Object.fromEntries(response.json().components.map((component: { name: string }) => [component.name, component]));
    expect(byName['api-gateway']).toMatchObject({ status: 'ok', http_status: 200, checks: { database: 'ok', redis: 'ok' }, error: null });
    expect(byName['api-gateway'].latency_ms).toBeGreaterThanOrEqual(0);
    expect(byName['github-service']).toMatchObject({ status: 'degraded', checks: { credentials: 'missing', github: 'unreachable', credentials_source: 'unknown' } });
    expect(byName['jira-service']).toMatchObject({ status: 'down', http_status: 503, checks: { database: 'down' } });
    expect(byName['slack-service']).toMatchObject({ status: 'unreachable', http_status: 502, error: 'HTTP 502 without a health report' });
    expect(byName['sentry-service']).toMatchObject({ status: 'unreachable', http_status: null, error: 'no answer within 300 ms' });
    expect(byName['nothing-listens']).toMatchObject({ status: 'unreachable', error: 'ECONNREFUSED' });
  });

  it("shows each queue's depth by state, and what the agent is running", async () => {
    const body = (await testApp.inject({ method: 'GET', url: '/api/v1/services' })).json();
    expect(body.queues).toEqual([
      { name: 'agent-tasks', counts: expect.objectContaining({ waiting: 2, delayed: 1, active: 0, failed: 0 }), error: null },
      { name: 'notifications', counts: expect.objectContaining({ waiting: 1 }), error: null },
      { name: 'task-events', counts: expect.objectContaining({ waiting: 0 }), error: null },
    ]);
    expect(body.agent).toEqual({ status: workerStatus, error: null });
  });

  it('says why the agent status is missing instead of failing', async () => {
    const wrongToken = agentStatusReader({ baseUrl: standIns[5]?.url ?? '', serviceToken: 'not-the-service-token', timeoutMs: 300 });
    expect(await wrongToken()).toEqual({ status: null, error: 'the agent refused SERVICE_TOKEN' });
    const noToken = agentStatusReader({ baseUrl: standIns[5]?.url ?? '', timeoutMs: 300 });
    expect((await noToken()).error).toMatch(/SERVICE_TOKEN is not set/);
    const silent = agentStatusReader({ baseUrl: standIns[4]?.url ?? '', serviceToken: SERVICE_TOKEN, timeoutMs: 200 });
    expect(await silent()).toEqual({ status: null, error: 'no answer within 200 ms' });
  });

  it('lists agents, runners, commands and models: offered by the worker and used by tasks', async () => {
    const registry = (await testApp.inject({ method: 'GET', url: '/api/v1/registry' })).json();
    expect(registry.agent_status_error).toBeNull();
    expect(registry.agents).toEqual([
      expect.objectContaining({ name: 'coder', available: true, tasks: 1, succeeded: 1, cost_usd: 0.0412, last_used_at: '2026-01-05T10:00:00.000Z' }),
      expect.objectContaining({ name: 'reviewer', available: true, tasks: 0, last_used_at: null }),
    ]);
    expect(registry.runners.map((runner: { name: string; available: boolean }) => [runner.name, runner.available])).toEqual([
      ['vllm', true],
      ['claude', false],
    ]);
    expect(registry.commands).toEqual([expect.objectContaining({ name: 'fix', tasks: 1, available: null })]);
    expect(registry.models).toEqual([expect.objectContaining({ name: 'qwen3-coder', tasks: 1 })]);
  });

  it('serves the BullMQ board behind the same sign-in, and lets only admins change jobs', async () => {
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/board/' })).statusCode).toBe(401);
    const page = await testApp.inject({ method: 'GET', url: '/api/v1/board/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<base href="/api/v1/board/" />');
    const stylesheet = /href="(static\/css\/main\.[^"]+\.css)"/.exec(page.body)?.[1];
    expect((await testApp.inject({ method: 'GET', url: `/api/v1/board/${stylesheet}` })).statusCode).toBe(200);
    const queuesApi = await testApp.inject({ method: 'GET', url: '/api/v1/board/api/queues?activeQueue=agent-tasks&status=waiting&page=1' });
    expect(queuesApi.statusCode).toBe(200);
    expect(JSON.stringify(queuesApi.json())).toContain('agent-tasks');

    await new UserStore(testApp.database.db, TEST_SCRYPT).create({ email: 'viewer@fleet.test', role: 'viewer', password: 'viewer password 123' });
    const login = await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'viewer@fleet.test', password: 'viewer password 123' } });
    const { csrf_token: csrf } = login.json();
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]).join('; ');
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/board/api/queues', headers: { cookie: cookies } })).statusCode).toBe(200);
    const pause = await testApp.app.inject({ method: 'PUT', url: '/api/v1/board/api/queues/agent-tasks/pause', headers: { cookie: cookies, 'x-xsrf-token': csrf } });
    expect(pause.statusCode).toBe(403);
    expect(await queues[0]?.isPaused()).toBe(false);
    const adminPause = await testApp.inject({ method: 'PUT', url: '/api/v1/board/api/queues/agent-tasks/pause' });
    expect(adminPause.statusCode).toBe(200);
    expect(await queues[0]?.isPaused()).toBe(true);
    await queues[0]?.resume();
  });
});
