import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGithubStandIn } from '../../stand-ins/github-api.js';
import { type ChatRequestBody, startModelServer } from '../../stand-ins/model-server.js';
import { type RunningComponent, startComponent } from '../../support/processes.js';
import { createTestDatabase } from '../../support/test-database.js';
import { issueCommentCreated, postGithubDelivery } from '../../security/support/github-deliveries.js';
import { createLocalRepository, startCloneUrlProxy } from './local-repository.js';
import { deleteQueueKeys } from './queue-jobs.js';
import { ServiceProcess } from './service-process.js';

const SECRET = 'fault-agent-webhook-secret';
export const SERVICE_TOKEN = 'fault-agent-service-token-0123456789';
const OWNER = 'Codertocat';
const REPO = 'Hello-World';
const QUESTION = /\bq-[0-9a-f]+-\d+\b/;

export interface AgentPlatformOptions {
  agents: number;
  /** Extra environment of every agent-container process (lock and stall timings). */
  agentEnv?: Record<string, string>;
  /** Pause between the model's SSE chunks, to make each run take a while. */
  chunkDelayMs?: number;
}

/** The answer the model stand-in gives for one question; it appears in the thread exactly once. */
export const answerFor = (question: string) => `Answer ${question}: the agent finished.`;

/** The question token of a model request: the first `q-<run>-<n>` in its messages. */
function questionOf(body: ChatRequestBody): string {
  return QUESTION.exec(JSON.stringify(body.messages ?? []))?.[0] ?? 'unknown';
}

/**
 * GitHub stand-in, model stand-in, github-service and agent-container processes on fixed ports
 * (so they can be killed and started again), and one gateway. Each task is a mention on its own
 * issue, so tasks run side by side; the model makes one tool call, then answers the question.
 */
export async function startAgentPlatform(options: AgentPlatformOptions) {
  const database = await createTestDatabase();
  const github = await startGithubStandIn();
  const model = await startModelServer({
    turns: (body) => (body.messages ?? []).some((message) => message.role === 'tool') ? { content: answerFor(questionOf(body)) } : { toolCalls: [{ name: 'list_files', arguments: { path: '.' } }] },
    usage: { prompt_tokens: 100, completion_tokens: 20 },
    ...(options.chunkDelayMs ? { chunkDelayMs: options.chunkDelayMs } : {}),
  });
  const taskLogsDir = mkdtempSync(path.join(tmpdir(), 'fault-agent-logs-'));
  const workspacesDir = mkdtempSync(path.join(tmpdir(), 'fault-agent-workspaces-'));
  const repoCacheDir = mkdtempSync(path.join(tmpdir(), 'fault-agent-repo-cache-'));
  const queuePrefix = `fault-agent-${randomUUID().slice(0, 8)}`;
  const run = randomBytes(3).toString('hex');
  const common = { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: queuePrefix, TASK_LOGS_DIR: taskLogsDir, SERVICE_TOKEN };
  // Workspaces clone the repository: from disk, through a proxy that points GitHub's clone_url there.
  const repository = createLocalRepository({ 'README.md': '# Hello-World\n', 'AGENTS.md': 'Answer briefly.\n' });
  const proxy = await startCloneUrlProxy(github.url, repository.url);
  const githubService = await ServiceProcess.create('github-service', { ...common, GITHUB_TOKEN: 'ghp_fault_agent', GITHUB_API_URL: proxy.url, GITHUB_THROTTLE: 'false' });
  await githubService.start();
  const agentEnv = {
    ...common,
    GITHUB_SERVICE_URL: githubService.url,
    VLLM_BASE_URL: model.baseUrl,
    VLLM_MODEL: 'stand-in-coder',
    WORKSPACES_DIR: workspacesDir,
    REPO_CACHE_DIR: repoCacheDir,
    DASHBOARD_URL: 'http://dashboard.example.test',
    ...options.agentEnv,
  };
  const agents: ServiceProcess[] = [];
  for (let index = 0; index < options.agents; index++) {
    const agent = await ServiceProcess.create('agent-container', agentEnv);
    await agent.start();
    agents.push(agent);
  }
  const gateway: RunningComponent = await startComponent('api-gateway', { ...common, GITHUB_WEBHOOK_SECRET: SECRET, WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'warn' });

  const issueOf = (index: number) => 100 + index;
  return {
    github,
    model,
    githubService,
    agents,
    gateway,
    taskLogsDir,
    /** The environment every component shares: database, Redis, queue prefix, task logs, token. */
    common,
    /** Another agent-container process, like the ones started above. */
    async addAgent(): Promise<ServiceProcess> {
      const agent = await ServiceProcess.create('agent-container', agentEnv);
      await agent.start();
      agents.push(agent);
      return agent;
    },
    question: (index: number) => `q-${run}-${index}`,
    issueOf,
    /** Mentions the agent on issue 100 + index; resolves with the gateway's answer. */
    async sendTask(index: number): Promise<{ status: number; taskId: string | null }> {
      const payload = issueCommentCreated(`@agent ask what does q-${run}-${index} mean?`);
      payload.issue = { ...payload.issue, number: issueOf(index) };
      const response = await postGithubDelivery(gateway.url, JSON.stringify(payload), { secret: SECRET, deliveryId: randomUUID() });
      const answer = (await response.json()) as { task_id?: string };
      return { status: response.status, taskId: answer.task_id ?? null };
    },
    /** The comments of an issue as GitHub (the stand-in) holds them now, edits included. */
    async thread(index: number): Promise<Array<{ body: string }>> {
      const response = await fetch(`${github.url}/repos/${OWNER}/${REPO}/issues/${issueOf(index)}/comments?per_page=100`, { headers: { authorization: 'token fault-reader' } });
      return (await response.json()) as Array<{ body: string }>;
    },
    /** `06-final-result.json` of a task, once written. */
    finalResult(taskId: string): { success: boolean } | undefined {
      const file = path.join(taskLogsDir, taskId, '06-final-result.json');
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { success: boolean }) : undefined;
    },
    /** Tasks an agent-container process is running now, from its status API. */
    async runningOn(agent: ServiceProcess): Promise<string[]> {
      const response = await fetch(`${agent.url}/api/v1/status`, { headers: { authorization: `Bearer ${SERVICE_TOKEN}` } }).catch(() => null);
      if (!response?.ok) return [];
      const status = (await response.json()) as { running: Array<{ task_id: string }> };
      return status.running.map((task) => task.task_id);
    },
    async stop(): Promise<void> {
      await gateway.stop();
      await Promise.all(agents.map((agent) => agent.stop()));
      await githubService.stop();
      await proxy.close();
      await github.close();
      await model.close();
      repository.remove();
      await database.drop();
      await deleteQueueKeys(common.REDIS_URL, queuePrefix);
      rmSync(taskLogsDir, { recursive: true, force: true });
      rmSync(workspacesDir, { recursive: true, force: true });
      rmSync(repoCacheDir, { recursive: true, force: true });
    },
  };
}

export type AgentPlatform = Awaited<ReturnType<typeof startAgentPlatform>>;
