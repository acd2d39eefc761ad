// The Grafana dashboard in deploy/ is only as good as the metrics behind it: after one task has
// gone through the platform, every metric a panel queries must be exposed by some component's
// GET /metrics, and the ones a task moves must have moved.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningComponent, root, startComponent, waitFor } from '../support/processes.js';
import { type AgentPlatform, answerFor, startAgentPlatform } from './support/agent-platform.js';

interface Panel {
  title?: string;
  targets?: Array<{ expr: string }>;
}

/** Metric names in a PromQL expression (histogram series mapped to their family). */
function metricsOf(expr: string): string[] {
  const names = [...expr.matchAll(/\b([a-z][a-z0-9_]*_(?:total|seconds_bucket|seconds_count|seconds_sum|tasks))\b/g)].map((match) => match[1] ?? '');
  return names.map((name) => name.replace(/_(bucket|count|sum)$/, ''));
}

/** The value of one series in a Prometheus text exposition, 0 when absent. */
function valueOf(exposition: string, series: RegExp): number {
  return exposition
    .split('\n')
    .filter((line) => series.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('the Grafana dashboard and the metrics behind it', () => {
  const dashboard = JSON.parse(readFileSync(path.join(root, 'deploy/grafana/swe-ai-fleet.json'), 'utf8')) as { panels: Panel[]; uid: string };
  let platform: AgentPlatform;
  let dashboardApi: RunningComponent;
  const expositions = new Map<string, string>();

  beforeAll(async () => {
    platform = await startAgentPlatform({ agents: 1 });
    dashboardApi = await startComponent('dashboard-api', { ...platform.common, DASHBOARD_ADMIN_EMAIL: 'admin@example.test', DASHBOARD_ADMIN_TOKEN: 'metrics-dashboard-admin-token-0123456789' });
    const task = await platform.sendTask(0);
    expect(task.status).toBe(202);
    await waitFor('the answer', async () => ((await platform.thread(0)).some((comment) => comment.body.includes(answerFor(platform.question(0)))) ? true : undefined), 90_000);
    await waitFor('the final result', () => (task.taskId && platform.finalResult(task.taskId) ? true : undefined), 30_000);
    const sources = { 'api-gateway': platform.gateway.url, 'agent-container': platform.agents[0]?.url ?? '', 'github-service': platform.githubService.url, 'dashboard-api': dashboardApi.url };
    for (const [name, url] of Object.entries(sources)) expositions.set(name, await (await fetch(`${url}/metrics`)).text());
  }, 240_000);

  afterAll(async () => {
    await dashboardApi?.stop();
    await platform?.stop();
  });

  it('queries only metrics some component exposes', () => {
    const all = [...expositions.values()].join('\n');
    const queried = new Set(dashboard.panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => metricsOf(target.expr))));
    expect(queried.size).toBeGreaterThan(10);
    const missing = [...queried].filter((name) => !new RegExp(`^# TYPE ${name} `, 'm').test(all));
    expect(missing, 'metrics on the dashboard that no component exposes').toEqual([]);
  });

  it('sees a task move the intake, run, token and provider metrics', () => {
    const gateway = expositions.get('api-gateway') ?? '';
    const agent = expositions.get('agent-container') ?? '';
    const github = expositions.get('github-service') ?? '';
    expect(valueOf(gateway, /^webhooks_received_total\{.*provider="github".*outcome="task_created"/)).toBe(1);
    expect(valueOf(gateway, /^tasks_created_total\{/)).toBe(1);
    expect(valueOf(agent, /^agent_run_duration_seconds_count\{/)).toBeGreaterThanOrEqual(1);
    expect(valueOf(agent, /^agent_tokens_total\{/)).toBeGreaterThan(0);
    expect(valueOf(github, /^provider_calls_total\{.*outcome="ok"/)).toBeGreaterThan(0);
  });

  it('is a Grafana dashboard with a Prometheus data-source variable and a stable uid', () => {
    expect(dashboard.uid).toBe('swe-ai-fleet');
    for (const panel of dashboard.panels) for (const target of panel.targets ?? []) expect(target.expr, panel.title).not.toMatch(/\$\{?DS_/);
  });
});
