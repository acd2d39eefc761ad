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
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type JobsOptions, Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { type ModelServerOptions, startModelServer } from '../../../e2e/stand-ins/model-server.js';
import { AgentCatalog } from '../../src/agents/agent-catalog.js';
import { renderHelp } from '../../src/agents/help-text.js';
import { ConversationStore } from '../../src/conversations/conversation-store.js';
import { queuedTurns } from '../../src/conversations/queued-turns.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { RunStore } from '../../src/db/run-store.js';
import { createMetrics } from '../../src/http/metrics.js';
import { createTracing } from '../../src/observability/tracing.js';
import type { RunLimits } from '../../src/runners/runner.js';
import { RunnerRegistry } from '../../src/runners/runner-registry.js';
import { VllmRunner } from '../../src/runners/vllm/vllm-runner.js';
import { GithubServiceClient } from '../../src/services/github-service-client.js';
import { JiraServiceClient } from '../../src/services/jira-service-client.js';
import { SentryServiceClient } from '../../src/services/sentry-service-client.js';
import { SlackServiceClient } from '../../src/services/slack-service-client.js';
import { RunningTasks } from '../../src/status/running-tasks.js';
import { createRedactor } from '../../src/task-log/redact-secrets.js';
import { TaskLogs } from '../../src/task-log/task-log.js';
import { StatusMessageStore } from '../../src/threads/status-message-store.js';
import { AgentTaskProcessor } from '../../src/workers/agent-task-processor.js';
import { AnswerProducer } from '../../src/workers/answer-producer.js';
import { NotificationProcessor } from '../../src/workers/notification-processor.js';
import { startAgentTaskWorker, startNotificationWorker } from '../../src/workers/queue-workers.js';
import { TaskEventsPublisher } from '../../src/workers/task-events-publisher.js';
import { WorkspacePreparer } from '../../src/workspaces/prepare-workspace.js';
import { RepoMirrors } from '../../src/workspaces/repo-mirrors.js';
import { type BareRepository, createBareRepository } from './bare-repository.js';
import { builtCliPath } from './built-cli.js';
import { startGithubServiceStandIn } from './github-service-stand-in.js';
import { startJiraServiceStandIn, startSentryServiceStandIn, startSlackServiceStandIn } from './provider-service-stand-ins.js';
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
export interface HarnessOptions {
  agentConcurrency?: number;
  limits?: Partial<RunLimits>;
  progressIntervalMs?: number;
  workspaceMaxBytes?: number;
  conversationLeaseMs?: number;
}

export async function startAgentHarness(modelOptions: ModelServerOptions, options: HarnessOptions = {}) {
  const testDb = await createTestDatabase();
  const database: DatabaseHandle = openDatabase({ url: testDb.url, dataDir: '' });
  await database.migrate();
  const prefix = `t-agent-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const model = await startModelServer(modelOptions);
  const githubService = await startGithubServiceStandIn(SERVICE_TOKEN);
  const slackService = await startSlackServiceStandIn(SERVICE_TOKEN);
  const jiraService = await startJiraServiceStandIn(SERVICE_TOKEN);
  const sentryService = await startSentryServiceStandIn(SERVICE_TOKEN);
  const taskLogsDir = await mkdtemp(path.join(tmpdir(), 'agent-task-logs-'));
  const workspacesDir = await mkdtemp(path.join(tmpdir(), 'agent-workspaces-'));
  const repoCacheDir = await mkdtemp(path.join(tmpdir(), 'agent-repo-cache-'));
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const metrics = createMetrics('agent-container');
  const redact = createRedactor([SERVICE_TOKEN, MODEL_KEY]);
  // Every span the workers make, kept in memory for the tracing tests.
  const spans = new InMemorySpanExporter();
  const { tracer } = createTracing({ service: 'agent-container', spanProcessors: [new SimpleSpanProcessor(spans)] });
  const taskLogs = new TaskLogs({ dir: taskLogsDir, logger, redact });
  const clients = {
    github: new GithubServiceClient({ baseUrl: githubService.url, serviceToken: SERVICE_TOKEN, tracer }),
    slack: new SlackServiceClient({ baseUrl: slackService.url, serviceToken: SERVICE_TOKEN, tracer }),
    jira: new JiraServiceClient({ baseUrl: jiraService.url, serviceToken: SERVICE_TOKEN, tracer }),
    sentry: new SentryServiceClient({ baseUrl: sentryService.url, serviceToken: SERVICE_TOKEN, tracer }),
  };
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
  const conversations = new ConversationStore(database.db);
  const statusMessages = new StatusMessageStore(database.db);
  const mirrors = new RepoMirrors(repoCacheDir, { gitTimeoutMs: 30_000 });
  const gitAuthor = { name: 'SWE AI Fleet', email: 'fleet@example.test' };
  const limits: RunLimits = { maxSteps: 8, timeoutMs: 30_000, maxOutputBytes: 1024 * 1024, commandTimeoutMs: 20_000, toolOutputBytes: 16 * 1024, ...options.limits };
  const workspaceMaxBytes = options.workspaceMaxBytes ?? 512 * 1024 * 1024;
  const processor = new AgentTaskProcessor({
    taskLogs,
    runs,
    agents,
    clients,
    statusMessages,
    conversations,
    queuedTurns: queuedTurns(queues.agentTasks),
    producer: new AnswerProducer({
      runs,
      runners,
      clients,
      conversations,
      workspaces: new WorkspacePreparer({ github: clients.github, mirrors, workspacesDir, maxBytes: workspaceMaxBytes, gitTimeoutMs: 30_000, author: gitAuthor, tracer }),
      mirrors,
      limits,
      workspaceMaxBytes,
      gitTimeoutMs: 30_000,
      gitAuthor,
      historyTurns: 10,
      redact,
      logger,
      diskCheckIntervalMs: 200,
      tracer,
    }),
    events: new TaskEventsPublisher(queues.taskEvents),
    running,
    metrics,
    logger,
    redact,
    helpText: () => renderHelp(agents, { mention: '@agent', runners: runners.names }),
    defaultModel: 'stand-in-coder',
    dashboardUrl: 'http://dashboard.example.test',
    progressIntervalMs: options.progressIntervalMs ?? 60_000,
    conversationLeaseMs: options.conversationLeaseMs ?? 60_000,
    conversationRequeueDelayMs: 100,
    workerName: 'agent-test-worker',
    tracer,
  });
  const workers: Worker[] = [
    startAgentTaskWorker(processor, { connection, prefix, concurrency: options.agentConcurrency ?? 2 }),
    startNotificationWorker(new NotificationProcessor({ taskLogs, clients, statusMessages, metrics, logger, dashboardUrl: 'http://dashboard.example.test', tracer }), { connection, prefix, concurrency: 5 }),
  ];
  const bareRepositories: BareRepository[] = [];
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
    slackService,
    jiraService,
    sentryService,
    conversations,
    taskLogsDir,
    workspacesDir,
    metrics,
    running,
    runs,
    queues,
    /** The finished spans of the workers (in memory). */
    spans,
    agentWorker,
    processor,
    /** A local bare repository that github-service's stand-in hands out clone credentials for. */
    async seedRepository(owner: string, repo: string, files: Record<string, string>, defaultBranch = 'main') {
      const bare = await createBareRepository(files, defaultBranch);
      bareRepositories.push(bare);
      githubService.seedRepository(owner, repo, bare.url, defaultBranch);
      return bare;
    },
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
      await Promise.all([githubService.close(), slackService.close(), jiraService.close(), sentryService.close()]);
      for (const dir of [taskLogsDir, workspacesDir, repoCacheDir]) await rm(dir, { recursive: true, force: true });
      for (const bare of bareRepositories) await bare.remove();
    },
  };
}
export type AgentHarness = Awaited<ReturnType<typeof startAgentHarness>>;
