import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalRepository, startCloneUrlProxy } from '../../faults/support/local-repository.js';
import { deleteQueueKeys } from '../../faults/support/queue-jobs.js';
import { startGithubStandIn } from '../../stand-ins/github-api.js';
import { type ModelTurns, startModelServer } from '../../stand-ins/model-server.js';
import { type RunningComponent, startComponent } from '../../support/processes.js';
import { createTestDatabase } from '../../support/test-database.js';

export type ComponentName = 'api-gateway' | 'agent-container' | 'github-service' | 'jira-service' | 'slack-service' | 'sentry-service' | 'dashboard-api';

export interface PlatformOptions {
  serviceToken: string;
  modelTurns: ModelTurns;
  /** Which components run, in start order; the gateway last, once its consumers are up. */
  components: ComponentName[];
  /** Extra environment of one component, on top of the common one. */
  env?: Partial<Record<ComponentName, Record<string, string>>>;
  usage?: { prompt_tokens: number; completion_tokens: number };
  redisUrl?: string;
}

export type GithubStandIn = Awaited<ReturnType<typeof startGithubStandIn>>;
export type ModelStandIn = Awaited<ReturnType<typeof startModelServer>>;

export interface Platform {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  taskLogsDir: string;
  github: GithubStandIn;
  model: ModelStandIn;
  running: RunningComponent[];
  url(name: ComponentName): string;
  component(name: ComponentName): RunningComponent;
  stop(): Promise<void>;
}

/**
 * The platform as real processes on free loopback ports, against the machine's Postgres (one
 * throwaway database) and Redis (one queue prefix), with the GitHub and model stand-ins.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const database = await createTestDatabase();
  const github = await startGithubStandIn();
  // Workspaces clone the repository: from disk, through a proxy that points GitHub's clone_url there.
  const repository = createLocalRepository({ 'README.md': '# Hello-World\n' });
  const proxy = await startCloneUrlProxy(github.url, repository.url);
  const model = await startModelServer({ turns: options.modelTurns, ...(options.usage ? { usage: options.usage } : {}) });
  const taskLogsDir = mkdtempSync(path.join(tmpdir(), 'e2e-task-logs-'));
  const workspacesDir = mkdtempSync(path.join(tmpdir(), 'e2e-workspaces-'));
  const repoCacheDir = mkdtempSync(path.join(tmpdir(), 'e2e-repo-cache-'));
  const redisUrl = options.redisUrl ?? 'redis://127.0.0.1:6379';
  const queuePrefix = `e2e-${randomUUID().slice(0, 8)}`;
  const running: RunningComponent[] = [];
  const component = (name: ComponentName) => {
    const found = running.find((entry) => entry.name === name);
    if (!found) throw new Error(`${name} is not running`);
    return found;
  };
  const common = { DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_PREFIX: queuePrefix, TASK_LOGS_DIR: taskLogsDir, SERVICE_TOKEN: options.serviceToken };
  const defaults: Record<ComponentName, () => Record<string, string>> = {
    'github-service': () => ({ GITHUB_API_URL: proxy.url, GITHUB_THROTTLE: 'false', GITHUB_TOKEN: 'ghp_e2e_platform_token' }),
    'jira-service': () => ({}),
    'slack-service': () => ({}),
    'sentry-service': () => ({}),
    'dashboard-api': () => ({}),
    'agent-container': () => ({
      GITHUB_SERVICE_URL: component('github-service').url,
      VLLM_BASE_URL: model.baseUrl,
      VLLM_MODEL: 'stand-in-coder',
      WORKSPACES_DIR: workspacesDir,
      REPO_CACHE_DIR: repoCacheDir,
      DASHBOARD_URL: 'http://dashboard.example.test',
    }),
    'api-gateway': () => ({ DASHBOARD_URL: 'http://dashboard.example.test' }),
  };
  const stop = async () => {
    await Promise.all(running.map((entry) => entry.stop()));
    await proxy.close();
    await github.close();
    await model.close();
    await database.drop();
    await deleteQueueKeys(redisUrl, queuePrefix);
    repository.remove();
    for (const dir of [taskLogsDir, workspacesDir, repoCacheDir]) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const name of options.components) {
      const env = { ...common, ...defaults[name](), ...options.env?.[name] };
      // A free port can be taken by another process between the probe and the listen: try once more.
      running.push(await startComponent(name, env, { timeoutMs: 60_000 }).catch(() => startComponent(name, env, { timeoutMs: 60_000 })));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    databaseUrl: database.url,
    redisUrl,
    queuePrefix,
    taskLogsDir,
    github,
    model,
    running,
    url: (name) => component(name).url,
    component,
    stop,
  };
}
