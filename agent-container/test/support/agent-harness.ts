import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AgentTaskJob,
  QUEUE_AGENT_TASKS,
  QUEUE_NOTIFICATIONS,
  QUEUE_TASK_EVENTS,
  type TaskEvent,
  TaskEventSchema,
} from '@swe-ai-fleet/contracts';
import { type JobsOptions, Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { type ModelServerOptions, startModelServer } from '../../../e2e/stand-ins/model-server.js';
import { AgentCatalog } from '../../src/agents/agent-catalog.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { RunStore } from '../../src/db/run-store.js';
import { createMetrics } from '../../src/http/metrics.js';
import { RunnerRegistry } from '../../src/runners/runner-registry.js';
import { VllmRunner } from '../../src/runners/vllm/vllm-runner.js';
import { GithubServiceClient } from '../../src/services/github-service-client.js';
import { RunningTasks } from '../../src/status/running-tasks.js';
import { createRedactor } from '../../src/task-log/redact-secrets.js';
import { TaskLogs } from '../../src/task-log/task-log.js';
import { AgentTaskProcessor } from '../../src/workers/agent-task-processor.js';
import { NotificationProcessor } from '../../src/workers/notification-processor.js';
import { startAgentTaskWorker, startNotificationWorker } from '../../src/workers/queue-workers.js';
import { TaskEventsPublisher } from '../../src/workers/task-events-publisher.js';
import { builtCliPath } from './built-cli.js';
import { startGithubServiceStandIn } from './github-service-stand-in.js';
import { createTestDatabase } from './test-database.js';

export const SERVICE_TOKEN = 'agent-test-service-token-0123456789';
export const MODEL_KEY = 'sk-test-model-key-0123456789abcdef';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newTaskId(): string {
  const bytes = randomBytes(26);
  return `task-01${[...bytes.subarray(2)].map((byte) => CROCKFORD[byte % 32]).join('')}`;
}

export function githubTask(overrides: Partial<AgentTaskJob> = {}): AgentTaskJob {
  return {
    task_id: newTaskId(),
    provider: 'github',
    delivery_id: randomBytes(8).toString('hex'),
    command: 'ask',
    options: {},
    text: 'why is the login test flaky?',
    author: { id: '21031067', login: 'Codertocat', association: 'OWNER' },
    repository: { owner: 'Codertocat', name: 'Hello-World' },
    source: { provider: 'github', owner: 'Codertocat', repo: 'Hello-World', issue_number: 1, is_pull_request: false, comment_id: 492700400 },
    conversation_key: 'github:Codertocat/Hello-World#1',
    received_at: new Date().toISOString(),
    ...overrides,
  };
}

/**
 * Everything the agent-container workers need, real where it can run here: Postgres (a
 * throwaway database), Redis (its own BullMQ prefix), the built agent CLI, and local stand-ins of
 * the model server and of github-service.
 */
export async function startAgentHarness(modelOptions: ModelServerOptions, options: { agentConcurrency?: number } = {}) {
  const testDb = await createTestDatabase();
  const database: DatabaseHandle = openDatabase({ url: testDb.url, dataDir: '' });
  await database.migrate();
  const prefix = `t-agent-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const model = await startModelServer(modelOptions);
  const githubService = await startGithubServiceStandIn(SERVICE_TOKEN);
  const taskLogsDir = await mkdtemp(path.join(tmpdir(), 'agent-task-logs-'));
  const workspacesDir = await mkdtemp(path.join(tmpdir(), 'agent-workspaces-'));
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const metrics = createMetrics('agent-container');
  const redact = createRedactor([SERVICE_TOKEN, MODEL_KEY]);
  const taskLogs = new TaskLogs({ dir: taskLogsDir, logger, redact });
  const github = new GithubServiceClient({ baseUrl: githubService.url, serviceToken: SERVICE_TOKEN });
  const runners = new RunnerRegistry([
    new VllmRunner({
      cliPath: await builtCliPath(),
      baseUrl: model.baseUrl,
      model: 'stand-in-coder',
      apiKey: MODEL_KEY,
      maxRetries: 0,
      prices: { inputPerMTok: 2, outputPerMTok: 8 },
      parentEnv: process.env,
      killGraceMs: 500,
    }),
  ]);
  const agents = await AgentCatalog.load(fileURLToPath(new URL('../../agents', import.meta.url)));
  const queues = {
    agentTasks: new Queue(QUEUE_AGENT_TASKS, { connection, prefix }),
    notifications: new Queue(QUEUE_NOTIFICATIONS, { connection, prefix }),
    taskEvents: new Queue(QUEUE_TASK_EVENTS, { connection, prefix }),
  };
  const running = new RunningTasks();
  const runs = new RunStore(database.db);
  const limits = { maxSteps: 8, timeoutMs: 30_000, maxOutputBytes: 1024 * 1024, commandTimeoutMs: 20_000, toolOutputBytes: 16 * 1024 };
  const processor = new AgentTaskProcessor({
    taskLogs,
    runs,
    runners,
    agents,
    github,
    events: new TaskEventsPublisher(queues.taskEvents),
    running,
    metrics,
    logger,
    redact,
    workspacesDir,
    limits,
    defaultModel: 'stand-in-coder',
    dashboardUrl: 'http://dashboard.example.test',
    workerName: 'agent-test-worker',
  });
  const workers: Worker[] = [
    startAgentTaskWorker(processor, { connection, prefix, concurrency: options.agentConcurrency ?? 2 }),
    startNotificationWorker(new NotificationProcessor({ taskLogs, github, metrics, logger }), { connection, prefix, concurrency: 5 }),
  ];
  const [agentWorker] = workers;
  if (!agentWorker) throw new Error('no agent worker');

  const waitForState = async (queue: Queue, jobId: string, states: string[], timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await queue.getJobState(jobId);
      if (states.includes(state)) return state;
      if (Date.now() > deadline) throw new Error(`job ${jobId} is ${state}, not ${states.join('/')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return {
    prefix,
    connection,
    database,
    model,
    githubService,
    taskLogsDir,
    workspacesDir,
    metrics,
    running,
    runs,
    queues,
    agentWorker,
    async enqueueTask(task: AgentTaskJob, jobOptions: JobsOptions = {}) {
      await queues.agentTasks.add(task.command, task, { jobId: task.task_id, ...jobOptions });
    },
    waitForState,
    finished: (queue: Queue, jobId: string) => waitForState(queue, jobId, ['completed', 'failed']),
    async lines(taskId: string, file: string): Promise<Array<Record<string, unknown>>> {
      const text = await readFile(path.join(taskLogsDir, taskId, file), 'utf8');
      return text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    async json(taskId: string, file: string): Promise<unknown> {
      return JSON.parse(await readFile(path.join(taskLogsDir, taskId, file), 'utf8'));
    },
    async taskEvents(taskId: string): Promise<TaskEvent[]> {
      const jobs = await queues.taskEvents.getJobs(['waiting', 'delayed', 'completed', 'failed']);
      return jobs
        .map((job) => TaskEventSchema.parse(job.data))
        .filter((event) => event.task_id === taskId)
        .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      for (const queue of Object.values(queues)) {
        await queue.obliterate({ force: true });
        await queue.close();
      }
      await connection.quit();
      await database.close();
      await testDb.drop();
      await model.close();
      await githubService.close();
      await rm(taskLogsDir, { recursive: true, force: true });
      await rm(workspacesDir, { recursive: true, force: true });
    },
  };
}
export type AgentHarness = Awaited<ReturnType<typeof startAgentHarness>>;
