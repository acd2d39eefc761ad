import { QUEUE_AGENT_TASKS, QUEUE_NOTIFICATIONS, QUEUE_TASK_EVENTS } from '@swe-ai-fleet/contracts';
import { Queue } from 'bullmq';
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import { buildApp } from './app.js';
import { ApiTokenStore } from './auth/api-token-store.js';
import { ensureConfiguredAdmin } from './auth/configured-admin.js';
import { UserStore } from './auth/user-store.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createMetrics } from './http/metrics.js';
import { createLogger } from './observability/logger.js';
import { captureError, initSentry } from './observability/sentry.js';
import { SpanScope } from './observability/span-scope.js';
import { tracedFetch } from './observability/traced-fetch.js';
import { createTracing } from './observability/tracing.js';
import { startProcessedEventsPruner } from './read-model/processed-events-retention.js';
import { startTaskEventsConsumer } from './read-model/task-events-consumer.js';
import { GatewayAdmin } from './gateway/gateway-admin.js';
import { agentStatusReader } from './services/agent-status.js';

/** Events applied at once; enough to keep up with every producer, and order does not matter. */
const TASK_EVENTS_CONCURRENCY = 8;
/** How long one component (or Redis) may take to answer the Services page. */
const SERVICE_TIMEOUT_MS = 3_000;
/** A test delivery through the gateway's admin API may create a task: it gets longer. */
const GATEWAY_TIMEOUT_MS = 10_000;
/** How often ids of applied events older than PROCESSED_EVENTS_RETENTION_DAYS are deleted. */
const PRUNE_INTERVAL_MS = 3_600_000;

const config = loadConfig(process.env);
const tracing = createTracing({ service: 'dashboard-api', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
const spanScope = new SpanScope();
const logger = createLogger(config.LOG_LEVEL, 'dashboard-api');
const sentry = await initSentry(config.SENTRY_DSN, 'dashboard-api');

const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();
await ensureConfiguredAdmin(
  { db: database.db, users: new UserStore(database.db), tokens: new ApiTokenStore(database.db), logger },
  { email: config.DASHBOARD_ADMIN_EMAIL, password: config.DASHBOARD_ADMIN_PASSWORD, token: config.DASHBOARD_ADMIN_TOKEN },
);

// BullMQ workers need maxRetriesPerRequest: null (blocking commands must wait through reconnects).
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
// The queues that are only looked at (depths, the board) fail fast instead of waiting for Redis.
const inspection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
inspection.on('error', (err) => logger.debug({ err }, 'redis inspection connection error'));
const queues = [QUEUE_AGENT_TASKS, QUEUE_NOTIFICATIONS, QUEUE_TASK_EVENTS].map((name) => {
  const queue = new Queue(name, { connection: inspection, prefix: config.QUEUE_PREFIX });
  // Without a listener an 'error' (Redis down) would crash the process; the Services page reports it instead.
  queue.on('error', (err) => logger.debug({ err, queue: name }, 'queue inspection error'));
  return queue;
});
const metrics = createMetrics('dashboard-api');
const consumer = startTaskEventsConsumer({
  connection: redis,
  prefix: config.QUEUE_PREFIX,
  concurrency: TASK_EVENTS_CONCURRENCY,
  db: database.db,
  logger,
  metrics,
  tracer: tracing.tracer,
});

const pruner = startProcessedEventsPruner({
  db: database.db,
  logger,
  retentionMs: config.PROCESSED_EVENTS_RETENTION_DAYS * 86_400_000,
  intervalMs: PRUNE_INTERVAL_MS,
});

const app = await buildApp({
  logger,
  database,
  taskLogsDir: config.TASK_LOGS_DIR,
  pingRedis: async () => {
    await redis.ping();
  },
  metrics,
  tracer: tracing.tracer,
  spanScope,
  queues,
  components: [
    { name: 'api-gateway', url: config.GATEWAY_URL },
    { name: 'agent-container', url: config.AGENT_URL },
    { name: 'github-service', url: config.GITHUB_SERVICE_URL },
    { name: 'jira-service', url: config.JIRA_SERVICE_URL },
    { name: 'slack-service', url: config.SLACK_SERVICE_URL },
    { name: 'sentry-service', url: config.SENTRY_SERVICE_URL },
  ],
  agentStatus: agentStatusReader({
    baseUrl: config.AGENT_URL,
    serviceToken: config.SERVICE_TOKEN,
    timeoutMs: SERVICE_TIMEOUT_MS,
    fetch: tracedFetch(tracing.tracer, spanScope, { peer: 'agent-container' }),
  }),
  serviceTimeoutMs: SERVICE_TIMEOUT_MS,
  gateway: new GatewayAdmin({
    baseUrl: config.GATEWAY_URL,
    serviceToken: config.SERVICE_TOKEN,
    timeoutMs: GATEWAY_TIMEOUT_MS,
    fetch: tracedFetch(tracing.tracer, spanScope, { peer: 'api-gateway' }),
  }),
  sessionTtlMs: config.DASHBOARD_SESSION_TTL_HOURS * 3_600_000,
  cookieSecurity: config.DASHBOARD_COOKIE_SECURE,
  trustProxy: config.TRUST_PROXY,
});

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) {
    logger.error({ err }, 'shutting down after an error');
    if (sentry) captureError(err);
  } else {
    logger.info({ signal }, 'shutting down');
  }
  await app.close();
  await pruner.close();
  await consumer.close();
  await Promise.all(queues.map((queue) => queue.close()));
  redis.disconnect();
  inspection.disconnect();
  await database.close();
  await tracing.shutdown();
});

await app.listen({ port: config.PORT, host: config.HOST });
