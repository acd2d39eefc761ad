import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createLogger } from './observability/logger.js';
import { captureError, initSentry } from './observability/sentry.js';
import { createTracing } from './observability/tracing.js';
import { createRedisConnection } from './queue/redis-connection.js';
import { TaskQueues } from './queue/task-queues.js';

/** The request path gets the first try at Redis; the relay only takes rows older than this. */
const OUTBOX_RELAY_MIN_AGE_MS = 5_000;

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL, 'api-gateway');
const sentry = await initSentry(config.SENTRY_DSN, 'api-gateway');
const tracing = createTracing({ service: 'api-gateway', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });

const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();

// An unreachable Redis is logged once by the connection and does not stop the gateway:
// webhooks are still recorded in Postgres and the outbox relay enqueues them once Redis is back.
const redis = createRedisConnection(config.REDIS_URL, logger);
const queues = new TaskQueues({ connection: redis, prefix: config.QUEUE_PREFIX });
if (!config.CREDENTIALS_ENCRYPTION_KEY) logger.warn('CREDENTIALS_ENCRYPTION_KEY is not set: custom webhook routes cannot be created or receive deliveries');
for (const [variable, route] of [
  ['GITHUB_WEBHOOK_SECRET', 'github'],
  ['SLACK_SIGNING_SECRET', 'slack'],
  ['JIRA_WEBHOOK_SECRET', 'jira'],
  ['SENTRY_CLIENT_SECRET', 'sentry'],
] as const) {
  if (!config[variable]) logger.warn(`${variable} is not set: POST /webhooks/${route} answers 503 webhook_not_configured`);
}

const { app, relay, shutdown } = await buildApp({
  logger,
  database,
  queues,
  tracer: tracing.tracer,
  settings: {
    serviceToken: config.SERVICE_TOKEN,
    taskLogsDir: config.TASK_LOGS_DIR,
    webhookBodyLimitBytes: config.WEBHOOK_BODY_LIMIT_BYTES,
    agentMention: config.AGENT_MENTION,
    github: {
      webhookSecret: config.GITHUB_WEBHOOK_SECRET,
      botLogins: config.GITHUB_BOT_LOGINS,
      allowedAssociations: config.GITHUB_ALLOWED_ASSOCIATIONS,
      allowedUsers: config.GITHUB_ALLOWED_USERS,
      allowedOrgs: config.GITHUB_ALLOWED_ORGS,
      triggerLabel: config.GITHUB_TRIGGER_LABEL ?? null,
      triggerCommand: config.GITHUB_TRIGGER_COMMAND,
      ...(config.GITHUB_APP_SLUG ? { appSlug: config.GITHUB_APP_SLUG } : {}),
    },
    slack: {
      signingSecret: config.SLACK_SIGNING_SECRET,
      ...(config.SLACK_BOT_USER_ID ? { botUserId: config.SLACK_BOT_USER_ID } : {}),
      allowedTeams: config.SLACK_ALLOWED_TEAMS,
      allowedUsers: config.SLACK_ALLOWED_USERS,
      channelRepositories: config.SLACK_CHANNEL_REPOSITORIES,
    },
    jira: {
      webhookSecret: config.JIRA_WEBHOOK_SECRET,
      ...(config.JIRA_BOT_ACCOUNT_ID ? { botAccountId: config.JIRA_BOT_ACCOUNT_ID } : {}),
      allowedAccounts: config.JIRA_ALLOWED_ACCOUNTS,
      projectRepositories: config.JIRA_PROJECT_REPOSITORIES,
    },
    sentry: {
      clientSecret: config.SENTRY_CLIENT_SECRET,
      ...(config.SENTRY_ORG ? { organization: config.SENTRY_ORG } : {}),
      allowedOrgs: config.SENTRY_ALLOWED_ORGS,
      projectRepositories: config.SENTRY_PROJECT_REPOSITORIES,
      alertCommand: config.SENTRY_ALERT_COMMAND,
      alertDedupeMs: config.SENTRY_ALERT_DEDUPE_SECONDS * 1000,
    },
    ...(config.DASHBOARD_URL ? { dashboardUrl: config.DASHBOARD_URL } : {}),
    outboxRelay: { intervalMs: config.OUTBOX_RELAY_INTERVAL_MS, minAgeMs: OUTBOX_RELAY_MIN_AGE_MS },
    webhookRateLimitPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE,
    ...(config.CREDENTIALS_ENCRYPTION_KEY ? { encryptionKey: config.CREDENTIALS_ENCRYPTION_KEY } : {}),
  },
});

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) {
    logger.error({ err }, 'shutting down after an error');
    if (sentry) captureError(err);
  } else {
    logger.info({ signal }, 'shutting down');
  }
  // In-flight requests finish first, then the relay's current batch, then the task logs and
  // outbox marks written after answers, then the connections.
  await app.close();
  await relay.stop();
  await shutdown();
  await queues.close();
  redis.disconnect();
  await database.close();
  await tracing.shutdown();
});

await app.listen({ port: config.PORT, host: config.HOST });
relay.start();
