import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { AgentCatalog, DEFAULT_AGENT } from '../../src/agents/agent-catalog.js';
import { buildApp } from '../../src/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { RunningTasks } from '../../src/status/running-tasks.js';
import { type AgentHarness, SERVICE_TOKEN, startAgentHarness } from '../support/agent-harness.js';

describe('status API', () => {
  let h: AgentHarness;
  let app: FastifyInstance;
  let redisUp = true;
  const running = new RunningTasks();

  let catalog: AgentCatalog;

  beforeAll(async () => {
    h = await startAgentHarness({ turns: [] });
    catalog = await AgentCatalog.load(fileURLToPath(new URL('../../agents', import.meta.url)));
    app = await buildApp({
      logger: pino({ level: 'silent' }),
      serviceToken: SERVICE_TOKEN,
      pingDatabase: () => h.database.ping(),
      pingRedis: async () => {
        if (!redisUp) throw new Error('redis is down');
        await h.connection.ping();
      },
      running,
      runnerAvailability: async () => [{ name: 'vllm', available: true }],
      agents: () => catalog.list(),
      defaultAgent: DEFAULT_AGENT,
      cancelTask: (taskId) => running.list().some((task) => task.taskId === taskId),
      concurrency: { agentTasks: 2, notifications: 20 },
      metrics: createMetrics('agent-container'),
    });
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('reports healthy dependencies, and 503 when one is down', async () => {
    const healthy = await app.inject({ method: 'GET', url: '/health' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    redisUp = false;
    const degraded = await app.inject({ method: 'GET', url: '/health' });
    redisUp = true;
    expect(degraded.statusCode).toBe(503);
    expect(degraded.json()).toEqual({ status: 'degraded', checks: { database: 'ok', redis: 'down' } });
  });

  it('lists running tasks, runners and concurrency behind the service token', async () => {
    const startedAt = new Date('2025-01-02T03:04:05.000Z');
    running.add({ taskId: 'task-01HZY0000000000000000000AB', attempt: 1, provider: 'github', command: 'ask', agent: 'default', runner: 'vllm', startedAt });
    const refused = await app.inject({ method: 'GET', url: '/api/v1/status' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual({ code: 'unauthorized', message: 'a valid bearer token is required' });
    const status = await app.inject({ method: 'GET', url: '/api/v1/status', headers: { authorization: `Bearer ${SERVICE_TOKEN}` } });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({
      running: [{ task_id: 'task-01HZY0000000000000000000AB', attempt: 1, provider: 'github', command: 'ask', agent: 'default', runner: 'vllm', started_at: startedAt.toISOString() }],
      runners: [{ name: 'vllm', available: true }],
      agents: ['ask', 'fix', 'implement', 'plan', 'review'],
      concurrency: { agent_tasks: 2, notifications: 20 },
    });
  });

  it('lists the agent registry behind the service token: commands, runner, tools, limits', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/agents' })).statusCode).toBe(401);
    const response = await app.inject({ method: 'GET', url: '/api/v1/agents', headers: { authorization: `Bearer ${SERVICE_TOKEN}` } });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ default_agent: string; agents: Array<Record<string, unknown>> }>();
    expect(body.default_agent).toBe('ask');
    expect(body.agents.map((agent) => agent.name)).toEqual(['ask', 'fix', 'implement', 'plan', 'review']);
    expect(body.agents.find((agent) => agent.name === 'fix')).toEqual({
      name: 'fix',
      description: expect.stringContaining('draft pull request'),
      runner: 'vllm',
      model: null,
      tools: ['list_files', 'read_file', 'search_files', 'write_file', 'edit_file', 'run_command'],
      commands: ['fix'],
      limits: { max_steps: 50, timeout_ms: null, max_tokens: null, max_cost_usd: null },
      opens_pull_request: true,
    });
  });

  it('cancels a task only where it runs, behind the service token', async () => {
    const headers = { authorization: `Bearer ${SERVICE_TOKEN}` };
    expect((await app.inject({ method: 'POST', url: '/api/v1/tasks/task-01HZY0000000000000000000AB/cancel' })).statusCode).toBe(401);
    const here = await app.inject({ method: 'POST', url: '/api/v1/tasks/task-01HZY0000000000000000000AB/cancel', headers });
    expect(here.statusCode).toBe(202);
    expect(here.json()).toEqual({ task_id: 'task-01HZY0000000000000000000AB', cancelled: true });
    const elsewhere = await app.inject({ method: 'POST', url: '/api/v1/tasks/task-01HZY0000000000000000000ZZ/cancel', headers });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toEqual({ code: 'task_not_running', message: 'task task-01HZY0000000000000000000ZZ is not running in this worker' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/tasks/not-a-task/cancel', headers })).statusCode).toBe(400);
  });

  it('serves Prometheus metrics and an OpenAPI document whose references resolve', async () => {
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('agent_runs_total');
    expect(metrics.body).toContain('agent_run_duration_seconds');
    const docs = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>();
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/health', '/api/v1/status', '/api/v1/agents']));
    const refs = [...JSON.stringify(docs).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(Object.keys(docs.components.schemas)).toContain(ref);
  });
});
