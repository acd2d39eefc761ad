import { fileURLToPath } from 'node:url';
import { QUEUE_TASK_EVENTS } from '@swe-ai-fleet/contracts';
import { Queue } from 'bullmq';
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import { AgentCatalog } from './agents/agent-catalog.js';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { RunStore } from './db/run-store.js';
import { createMetrics } from './http/metrics.js';
import { createLogger } from './observability/logger.js';
import { captureError, initSentry } from './observability/sentry.js';
import { RunnerRegistry } from './runners/runner-registry.js';
import { VllmRunner } from './runners/vllm/vllm-runner.js';
import { GithubServiceClient } from './services/github-service-client.js';
import { RunningTasks } from './status/running-tasks.js';
import { createRedactor } from './task-log/redact-secrets.js';
import { TaskLogs } from './task-log/task-log.js';
import { AgentTaskProcessor } from './workers/agent-task-processor.js';
import { closeAgentWorker } from './workers/close-agent-worker.js';
import { NotificationProcessor } from './workers/notification-processor.js';
import { startAgentTaskWorker, startNotificationWorker } from './workers/queue-workers.js';
import { TaskEventsPublisher } from './workers/task-events-publisher.js';

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL, 'agent-container');
const sentry = initSentry(config.SENTRY_DSN, 'agent-container');

const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();
// BullMQ workers block on Redis; they need ioredis to retry commands forever rather than fail them.
const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });

const metrics = createMetrics('agent-container');
const redact = createRedactor([config.SERVICE_TOKEN, config.VLLM_API_KEY]);
const taskLogs = new TaskLogs({ dir: config.TASK_LOGS_DIR, logger, redact });
const github = new GithubServiceClient({ baseUrl: config.GITHUB_SERVICE_URL, serviceToken: config.SERVICE_TOKEN });
const runners = new RunnerRegistry([
  new VllmRunner({
    cliPath: fileURLToPath(new URL('./cli/agent-cli.js', import.meta.url)),
    baseUrl: config.VLLM_BASE_URL,
    model: config.VLLM_MODEL,
    apiKey: config.VLLM_API_KEY,
    maxRetries: config.VLLM_MAX_RETRIES,
    prices: { inputPerMTok: config.MODEL_PRICE_INPUT_PER_MTOK, outputPerMTok: config.MODEL_PRICE_OUTPUT_PER_MTOK },
    parentEnv: process.env,
  }),
]);
const agents = await AgentCatalog.load(fileURLToPath(new URL('../agents', import.meta.url)));
const eventsQueue = new Queue(QUEUE_TASK_EVENTS, { connection, prefix: config.QUEUE_PREFIX });
const running = new RunningTasks();

const agentWorker = startAgentTaskWorker(
  new AgentTaskProcessor({
    taskLogs,
    runs: new RunStore(database.db),
    runners,
    agents,
    github,
    events: new TaskEventsPublisher(eventsQueue),
    running,
    metrics,
    logger,
    redact,
    workspacesDir: config.WORKSPACES_DIR,
    limits: {
      maxSteps: config.AGENT_MAX_STEPS,
      timeoutMs: config.AGENT_TIMEOUT_MS,
      maxOutputBytes: config.AGENT_MAX_OUTPUT_BYTES,
      commandTimeoutMs: config.AGENT_COMMAND_TIMEOUT_MS,
      toolOutputBytes: config.AGENT_TOOL_OUTPUT_BYTES,
    },
    defaultModel: config.VLLM_MODEL,
    dashboardUrl: config.DASHBOARD_URL,
    workerName: `agent-container@${process.pid}`,
  }),
  { connection, prefix: config.QUEUE_PREFIX, concurrency: config.AGENT_CONCURRENCY },
);
const notificationWorker = startNotificationWorker(new NotificationProcessor({ taskLogs, github, metrics, logger }), {
  connection,
  prefix: config.QUEUE_PREFIX,
  concurrency: config.NOTIFICATION_CONCURRENCY,
});
for (const worker of [agentWorker, notificationWorker]) {
  worker.on('error', (err) => logger.error({ err, queue: worker.name }, 'worker error'));
  worker.on('failed', (job, err) => logger.warn({ err, queue: worker.name, job_id: job?.id, attempts: job?.attemptsMade }, 'job failed'));
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
  agents: () => agents.names,
  concurrency: { agentTasks: config.AGENT_CONCURRENCY, notifications: config.NOTIFICATION_CONCURRENCY },
  metrics,
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
  await eventsQueue.close();
  await connection.quit();
  await database.close();
});

await app.listen({ port: config.PORT, host: config.HOST });
