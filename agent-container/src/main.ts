import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUEUE_AGENT_TASKS, QUEUE_TASK_EVENTS } from '@swe-ai-fleet/contracts';
import { Queue } from 'bullmq';
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import { AgentCatalog, DEFAULT_AGENT } from './agents/agent-catalog.js';
import { renderHelp } from './agents/help-text.js';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { ConversationStore } from './conversations/conversation-store.js';
import { queuedTurns } from './conversations/queued-turns.js';
import { openDatabase } from './db/database.js';
import { RunStore } from './db/run-store.js';
import { createMetrics } from './http/metrics.js';
import { createLogger } from './observability/logger.js';
import { captureError, initSentry } from './observability/sentry.js';
import { createTracing } from './observability/tracing.js';
import { claudeRunnerFromEnv } from './runners/claude/claude-runner-config.js';
import { qwenRunnerFromEnv } from './runners/qwen/qwen-runner-config.js';
import { RunnerRegistry } from './runners/runner-registry.js';
import { loadSandboxConfig, type SharedRunnerSettings } from './runners/sandbox/sandbox-config.js';
import { VllmRunner } from './runners/vllm/vllm-runner.js';
import { GithubServiceClient } from './services/github-service-client.js';
import { JiraServiceClient } from './services/jira-service-client.js';
import { SentryServiceClient } from './services/sentry-service-client.js';
import { SlackServiceClient } from './services/slack-service-client.js';
import { RunningTasks } from './status/running-tasks.js';
import { createRedactor } from './task-log/redact-secrets.js';
import { TaskLogs } from './task-log/task-log.js';
import { StatusMessageStore } from './threads/status-message-store.js';
import { AgentTaskProcessor, CANCEL_REASON } from './workers/agent-task-processor.js';
import { AnswerProducer } from './workers/answer-producer.js';
import { closeAgentWorker } from './workers/close-agent-worker.js';
import { NotificationProcessor } from './workers/notification-processor.js';
import { startAgentTaskWorker, startNotificationWorker } from './workers/queue-workers.js';
import { TaskEventsPublisher } from './workers/task-events-publisher.js';
import { WorkspacePreparer } from './workspaces/prepare-workspace.js';
import { CacheTrimmer } from './workspaces/cache-trimmer.js';
import { RepoMirrors } from './workspaces/repo-mirrors.js';
import { removeAbandonedWorkspaces } from './workspaces/task-workspace.js';

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL, 'agent-container');
const sentry = await initSentry(config.SENTRY_DSN, 'agent-container');
const tracing = createTracing({ service: 'agent-container', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
const { tracer } = tracing;

const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();
// BullMQ workers block on Redis; they need ioredis to retry commands forever rather than fail them.
const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });

const metrics = createMetrics('agent-container');
const runnerSettings: SharedRunnerSettings = {
  modelServer: { baseUrl: config.VLLM_BASE_URL, apiKey: config.VLLM_API_KEY, model: config.VLLM_MODEL, maxRetries: config.VLLM_MAX_RETRIES },
  prices: { inputPerMTok: config.MODEL_PRICE_INPUT_PER_MTOK, outputPerMTok: config.MODEL_PRICE_OUTPUT_PER_MTOK },
  parentEnv: process.env,
  runAs: loadSandboxConfig(process.env).runAs,
};
const claude = claudeRunnerFromEnv(process.env, runnerSettings);
const qwen = qwenRunnerFromEnv(process.env, runnerSettings);
const redact = createRedactor([config.SERVICE_TOKEN, config.VLLM_API_KEY, claude.apiKey, qwen.apiKey]);
const taskLogs = new TaskLogs({ dir: config.TASK_LOGS_DIR, logger, redact });
const services = { serviceToken: config.SERVICE_TOKEN, tracer };
const clients = {
  github: new GithubServiceClient({ baseUrl: config.GITHUB_SERVICE_URL, ...services }),
  slack: new SlackServiceClient({ baseUrl: config.SLACK_SERVICE_URL, ...services }),
  jira: new JiraServiceClient({ baseUrl: config.JIRA_SERVICE_URL, ...services }),
  sentry: new SentryServiceClient({ baseUrl: config.SENTRY_SERVICE_URL, ...services }),
};
const vllm = new VllmRunner({
  cliPath: fileURLToPath(new URL('./cli/agent-cli.js', import.meta.url)),
  baseUrl: config.VLLM_BASE_URL,
  model: config.VLLM_MODEL,
  apiKey: config.VLLM_API_KEY,
  maxRetries: config.VLLM_MAX_RETRIES,
  prices: runnerSettings.prices,
  parentEnv: process.env,
  runAs: runnerSettings.runAs,
  compileCacheDir: path.resolve(config.DATA_DIR, 'compile-cache'),
});
const runners = new RunnerRegistry([vllm, claude.runner, qwen.runner]);
// In the background: the first task's CLI starts faster with its modules compiled (a few hundred ms of CPU, once).
vllm.warmUp().catch((error: unknown) => logger.warn({ err: error }, 'could not fill the agent CLI compile cache'));
const agents = await AgentCatalog.load(fileURLToPath(new URL('../agents', import.meta.url)));
const eventsQueue = new Queue(QUEUE_TASK_EVENTS, { connection, prefix: config.QUEUE_PREFIX });
// Only read (to see which tasks of a conversation are queued); the gateway adds the jobs.
const tasksQueue = new Queue(QUEUE_AGENT_TASKS, { connection, prefix: config.QUEUE_PREFIX });
const running = new RunningTasks();
const runs = new RunStore(database.db);
const statusMessages = new StatusMessageStore(database.db);
const conversations = new ConversationStore(database.db);
const mirrors = new RepoMirrors(config.REPO_CACHE_DIR, { gitTimeoutMs: config.GIT_TIMEOUT_MS });
const cacheTrimmer = new CacheTrimmer({ trim: () => mirrors.evict(config.REPO_CACHE_MAX_BYTES), logger });
cacheTrimmer.start();
const gitAuthor = { name: config.AGENT_GIT_AUTHOR_NAME, email: config.AGENT_GIT_AUTHOR_EMAIL };

// Workspaces of tasks that ran in a process that died; no live run is that old.
const abandoned = await removeAbandonedWorkspaces(config.WORKSPACES_DIR, 2 * config.AGENT_TIMEOUT_MS);
if (abandoned.length > 0) logger.info({ removed: abandoned.length }, 'removed abandoned workspaces');

const agentWorker = startAgentTaskWorker(
  new AgentTaskProcessor({
    taskLogs,
    runs,
    agents,
    clients,
    statusMessages,
    conversations,
    queuedTurns: queuedTurns(tasksQueue),
    producer: new AnswerProducer({
      runs,
      runners,
      clients,
      conversations,
      workspaces: new WorkspacePreparer({
        github: clients.github,
        mirrors,
        workspacesDir: config.WORKSPACES_DIR,
        maxBytes: config.WORKSPACE_MAX_BYTES,
        gitTimeoutMs: config.GIT_TIMEOUT_MS,
        author: gitAuthor,
        tracer,
      }),
      mirrors,
      limits: {
        maxSteps: config.AGENT_MAX_STEPS,
        timeoutMs: config.AGENT_TIMEOUT_MS,
        maxOutputBytes: config.AGENT_MAX_OUTPUT_BYTES,
        commandTimeoutMs: config.AGENT_COMMAND_TIMEOUT_MS,
        toolOutputBytes: config.AGENT_TOOL_OUTPUT_BYTES,
        maxTokens: config.AGENT_MAX_TOKENS,
        maxCostUsd: config.AGENT_MAX_COST_USD,
      },
      workspaceMaxBytes: config.WORKSPACE_MAX_BYTES,
      cacheTrimmer,
      gitTimeoutMs: config.GIT_TIMEOUT_MS,
      gitAuthor,
      historyTurns: config.CONVERSATION_HISTORY_TURNS,
      redact,
      logger,
      tracer,
    }),
    events: new TaskEventsPublisher(eventsQueue),
    running,
    metrics,
    logger,
    redact,
    helpText: () => renderHelp(agents, { mention: config.AGENT_MENTION, runners: runners.names }),
    defaultModel: config.VLLM_MODEL,
    dashboardUrl: config.DASHBOARD_URL,
    progressIntervalMs: config.PROGRESS_UPDATE_INTERVAL_MS,
    conversationLeaseMs: config.CONVERSATION_LEASE_MS,
    conversationRequeueDelayMs: config.CONVERSATION_REQUEUE_DELAY_MS,
    workerName: `agent-container@${process.pid}`,
    tracer,
  }),
  {
    connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.AGENT_CONCURRENCY,
    lockDurationMs: config.AGENT_LOCK_DURATION_MS,
    stalledIntervalMs: config.AGENT_STALLED_INTERVAL_MS,
    maxStalledCount: config.AGENT_MAX_STALLED_COUNT,
  },
);
const notificationWorker = startNotificationWorker(
  new NotificationProcessor({ taskLogs, clients, statusMessages, metrics, logger, dashboardUrl: config.DASHBOARD_URL, tracer }),
  { connection, prefix: config.QUEUE_PREFIX, concurrency: config.NOTIFICATION_CONCURRENCY },
);
for (const worker of [agentWorker, notificationWorker]) {
  worker.on('error', (err) => logger.error({ err, queue: worker.name }, 'worker error'));
  worker.on('failed', (job, err) => logger.warn({ err, queue: worker.name, job_id: job?.id, attempts: job?.attemptsMade }, 'job failed'));
  worker.on('stalled', (jobId) => logger.warn({ queue: worker.name, job_id: jobId }, 'a job whose worker died goes back to the queue'));
}

const app = await buildApp({
  logger,
  serviceToken: config.SERVICE_TOKEN,
  pingDatabase: () => database.ping(),
  pingRedis: async () => {
    await connection.ping();
  },
  running,
  runnerAvailability: () => runners.availability(),
  agents: () => agents.list(),
  defaultAgent: DEFAULT_AGENT,
  // The job id is the task id; a job of another process is not in this worker's hands.
  cancelTask: (taskId) => running.list().some((task) => task.taskId === taskId) && agentWorker.cancelJob(taskId, CANCEL_REASON),
  concurrency: { agentTasks: config.AGENT_CONCURRENCY, notifications: config.NOTIFICATION_CONCURRENCY },
  metrics,
  tracer,
});

// The grace period covers the agent runs; close-with-grace's own delay is the last resort after it.
closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS + 15_000 }, async ({ err, signal }) => {
  if (err) {
    logger.error({ err }, 'shutting down after an error');
    if (sentry) captureError(err);
  } else {
    logger.info({ signal }, 'shutting down');
  }
  await app.close();
  await Promise.all([notificationWorker.close(), closeAgentWorker(agentWorker, config.SHUTDOWN_GRACE_MS, logger)]);
  runners.killAll();
  await cacheTrimmer.stop();
  await Promise.all([eventsQueue.close(), tasksQueue.close()]);
  await connection.quit();
  await database.close();
  await tracing.shutdown();
});

await app.listen({ port: config.PORT, host: config.HOST });
