import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { startGithubStandIn } from '../../e2e/stand-ins/github-api.ts';
import { startModelServer } from '../../e2e/stand-ins/model-server.ts';
import { type RunningComponent, startComponent } from '../../e2e/support/processes.ts';
import { createTestDatabase } from '../../e2e/support/test-database.ts';
import { type GithubDelivery, GithubDeliveries } from './github-delivery.ts';
import { deleteQueueKeys } from './redis-keys.ts';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const WEBHOOK_SECRET = 'bench-webhook-secret';
const SERVICE_TOKEN = 'bench-service-token-0123456789abcdef';
/**
 * The gateway limits each provider to WEBHOOK_RATE_LIMIT_PER_MINUTE deliveries (600 by default,
 * counted per process); every benchmark delivery comes from GitHub, so the limit is lifted to
 * measure the pipeline rather than the limiter.
 */
const GATEWAY_RATE_LIMIT_PER_MINUTE = '100000000';
/** The stand-in model answers every request at once with this text and the task's `bench-<n>` (one model turn per task). */
export const MODEL_ANSWER = 'Benchmark answer: nothing to change.';
export const modelAnswer = (token: string | null) => `${MODEL_ANSWER} (${token ?? 'no token'})`;

export interface PlatformOptions {
  /** api-gateway processes. @defaultValue 1 */
  gateways?: number;
  /** agent-container processes; with any, github-service runs too. @defaultValue 0 */
  agents?: number;
  /** Further components to start as they are (jira-service, dashboard-api, ...). */
  others?: string[];
  agentEnv?: Record<string, string>;
}

/** When something reached a stand-in, on this process's `performance.now()` clock. */
export interface StandInHit {
  at: number;
  method: string;
  path: string;
  body: unknown;
}

export interface Acknowledged {
  status: number;
  taskId: string | null;
  /** `performance.now()` when the request was sent and when its answer arrived; `ackEpochMs` is the wall clock of the answer. */
  sentAt: number;
  ackAt: number;
  ackEpochMs: number;
}

const AcceptedSchema = z.looseObject({ task_id: z.string().nullable().optional() });

/**
 * The platform as real processes on loopback, against a throwaway Postgres database, a fresh
 * BullMQ prefix on the machine's Redis, and the GitHub and model stand-ins of e2e/, whose
 * requests are time-stamped here. `stop()` leaves nothing behind.
 */
export async function startPlatform(options: PlatformOptions = {}) {
  const database = await createTestDatabase();
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const taskLogsDir = mkdtempSync(path.join(tmpdir(), 'bench-task-logs-'));
  const workspacesDir = mkdtempSync(path.join(tmpdir(), 'bench-workspaces-'));
  const repoCacheDir = mkdtempSync(path.join(tmpdir(), 'bench-repo-cache-'));
  const githubHits: StandInHit[] = [];
  const modelHits: Array<{ at: number; token: string | null }> = [];

  const github = await startGithubStandIn();
  // Time-stamps each request as the stand-in records it (it keeps no times of its own).
  const record = github.requests.push.bind(github.requests);
  github.requests.push = (...items) => {
    const at = performance.now();
    for (const item of items) githubHits.push({ at, method: item.method, path: item.path, body: item.body });
    return record(...items);
  };
  const model = await startModelServer({
    turns: (request) => {
      const token = /bench-\d+/.exec(JSON.stringify(request.messages ?? []))?.[0] ?? null;
      modelHits.push({ at: performance.now(), token });
      return { content: modelAnswer(token) };
    },
    usage: { prompt_tokens: 100, completion_tokens: 10 },
  });

  const common = { DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: prefix, TASK_LOGS_DIR: taskLogsDir, SERVICE_TOKEN };
  const gateways: RunningComponent[] = [];
  const agents: RunningComponent[] = [];
  const others: RunningComponent[] = [];
  let githubService: RunningComponent | undefined;
  const stop = async () => {
    await Promise.all([...gateways, ...agents, ...others].map((component) => component.stop()));
    await githubService?.stop();
    await github.close();
    await model.close();
    await database.drop();
    await deleteQueueKeys(REDIS_URL, prefix);
    rmSync(taskLogsDir, { recursive: true, force: true });
    rmSync(workspacesDir, { recursive: true, force: true });
    rmSync(repoCacheDir, { recursive: true, force: true });
  };

  try {
    for (let index = 0; index < (options.gateways ?? 1); index++) {
      gateways.push(
        await startComponent('api-gateway', {
          ...common,
          GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
          DASHBOARD_URL: 'http://dashboard.bench.test',
          WEBHOOK_RATE_LIMIT_PER_MINUTE: GATEWAY_RATE_LIMIT_PER_MINUTE,
        }),
      );
    }
    if ((options.agents ?? 0) > 0) {
      githubService = await startComponent('github-service', { ...common, GITHUB_TOKEN: 'ghp_bench', GITHUB_API_URL: github.url, GITHUB_THROTTLE: 'false' });
      for (let index = 0; index < (options.agents ?? 0); index++) {
        agents.push(
          await startComponent('agent-container', {
            ...common,
            GITHUB_SERVICE_URL: githubService.url,
            VLLM_BASE_URL: model.baseUrl,
            VLLM_MODEL: 'stand-in-coder',
            WORKSPACES_DIR: workspacesDir,
            REPO_CACHE_DIR: repoCacheDir,
            DASHBOARD_URL: 'http://dashboard.bench.test',
            ...options.agentEnv,
          }),
        );
      }
    }
    for (const name of options.others ?? []) others.push(await startComponent(name, common));
  } catch (error) {
    await stop();
    throw error;
  }

  const deliveries = new GithubDeliveries(WEBHOOK_SECRET);
  let nextGateway = 0;
  return {
    database,
    prefix,
    taskLogsDir,
    serviceToken: SERVICE_TOKEN,
    github,
    model,
    githubHits,
    modelHits,
    gateways,
    agents,
    githubService,
    others,
    deliveries,
    /** Posts one delivery to the next gateway (round robin) and times its acknowledgement. */
    async post(delivery: GithubDelivery): Promise<Acknowledged> {
      const gateway = gateways[nextGateway++ % gateways.length];
      if (!gateway) throw new Error('no gateway is running');
      const sentAt = performance.now();
      const response = await fetch(`${gateway.url}/webhooks/github`, { method: 'POST', headers: delivery.headers, body: delivery.body });
      const ackAt = performance.now();
      const ackEpochMs = Date.now();
      const body = AcceptedSchema.parse(await response.json());
      return { status: response.status, taskId: body.task_id ?? null, sentAt, ackAt, ackEpochMs };
    },
    stop,
  };
}
export type Platform = Awaited<ReturnType<typeof startPlatform>>;
