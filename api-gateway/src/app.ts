import type { Tracer } from '@opentelemetry/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { commandRoutes } from './admin/command-routes.js';
import { webhookAdminRoutes } from './admin/webhook-routes.js';
import { CommandCatalog } from './commands/command-catalog.js';
import { CommandStore } from './commands/command-store.js';
import type { DatabaseHandle } from './db/database.js';
import { registerDocs } from './http/docs.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { type Metrics, createMetrics, registerMetrics } from './http/metrics.js';
import { registerRequestLog } from './http/request-log.js';
import { createRequestTracing } from './http/request-tracing.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { requireServiceToken } from './http/service-auth.js';
import { createTracing } from './observability/tracing.js';
import { DispatchedMarker } from './outbox/dispatched-marker.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { OutboxStore } from './outbox/outbox-store.js';
import { TaskDispatcher } from './outbox/task-dispatcher.js';
import { IntakePipeline } from './pipeline/intake-pipeline.js';
import { createTaskIds } from './pipeline/task-ids.js';
import { TaskStore } from './pipeline/task-store.js';
import type { TaskProducer } from './queue/task-queues.js';
import { healthRoutes } from './routes/health.js';
import { SecretRedactor } from './task-log/secret-redactor.js';
import { TaskLogThread } from './task-log/task-log-thread.js';
import { TaskLogWriter } from './task-log/task-log-writer.js';
import { customWebhookRoutes } from './webhooks/custom/custom-webhook-route.js';
import { SecretCipher } from './webhooks/custom/secret-cipher.js';
import { WebhookRouteStore } from './webhooks/custom/webhook-route-store.js';
import { type GithubSettings, githubWebhookRoutes } from './webhooks/github/github-webhook-route.js';
import { type JiraSettings, jiraWebhookRoutes } from './webhooks/jira/jira-webhook-route.js';
import { registerRateLimit } from './webhooks/rate-limit.js';
import { SentryInstallationStore } from './webhooks/sentry/sentry-installation-store.js';
import { type SentrySettings, sentryWebhookRoutes } from './webhooks/sentry/sentry-webhook-route.js';
import { type SlackSettings, slackWebhookRoutes } from './webhooks/slack/slack-webhook-route.js';

export interface GatewaySettings {
  serviceToken: string;
  taskLogsDir: string;
  webhookBodyLimitBytes: number;
  agentMention: string;
  github: GithubSettings;
  /** Absent: `POST /webhooks/slack` answers 503 webhook_not_configured. */
  slack?: SlackSettings;
  /** Absent: `POST /webhooks/jira` answers 503 webhook_not_configured. */
  jira?: JiraSettings;
  /** Absent: `POST /webhooks/sentry` answers 503 webhook_not_configured. */
  sentry?: SentrySettings;
  dashboardUrl?: string;
  outboxRelay: { intervalMs: number; minAgeMs: number };
  /** CREDENTIALS_ENCRYPTION_KEY (32 bytes): seals the HMAC secrets of custom webhook routes. */
  encryptionKey?: Buffer;
  /**
   * Deliveries one source (a provider, or one custom route) may send per minute to one replica.
   * @defaultValue 600
   */
  webhookRateLimitPerMinute?: number;
}

export interface AppDeps {
  logger: FastifyBaseLogger;
  database: DatabaseHandle;
  queues: TaskProducer;
  settings: GatewaySettings;
  metrics?: Metrics;
  now?: () => Date;
  newTaskId?: () => string;
  /** Spans of every request and publish; by default a tracer that makes them (for log and job ids) and exports none. */
  tracer?: Tracer;
}

export interface Gateway {
  app: FastifyInstance;
  /** Started by main (not by buildApp), so tests decide when it runs. */
  relay: OutboxRelay;
  /**
   * Waits for the work done after answers: task-log writes and outbox marks. Called by tests
   * before they read the task log.
   */
  drain(): Promise<void>;
  /** Drains, then stops the task-log worker: on shutdown, after the server and the relay have stopped. */
  shutdown(): Promise<void>;
}

/** Registers every plugin and route; never reads the environment, never listens, starts no timer. */
export async function buildApp(deps: AppDeps): Promise<Gateway> {
  const now = deps.now ?? (() => new Date());
  const newTaskId = deps.newTaskId ?? createTaskIds();
  const metrics = deps.metrics ?? createMetrics('api-gateway');
  const { settings, database, queues, logger } = deps;
  const { github } = settings;
  const tracer = deps.tracer ?? createTracing({ service: 'api-gateway' }).tracer;
  const tracing = createRequestTracing(tracer);

  const app = Fastify({
    loggerInstance: deps.logger,
    // One line per request instead (registerRequestLog), written with the outcome.
    logController: new LogController({ disableRequestLogging: true }),
    // Log lines of a request carry the task it serves (X-Task-Id from the caller) and its span.
    childLoggerFactory: (parent, bindings, options, rawRequest) => {
      const taskId = rawRequest.headers['x-task-id'];
      return parent.child({ ...bindings, ...(typeof taskId === 'string' ? { task_id: taskId } : {}), ...tracing.bindingsFor(rawRequest) }, options);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  tracing.register(app);
  registerRequestLog(app);

  await registerSecurityHeaders(app);
  await registerDocs(app, {
    title: 'api-gateway',
    description:
      'Receives provider webhooks, verifies, dedupes, matches commands, authorizes, records and enqueues tasks; ' +
      'admin API for custom webhook routes and commands (Bearer SERVICE_TOKEN).',
    version: '1.0.0',
  });
  registerMetrics(app, metrics);
  requireServiceToken(app, settings.serviceToken);

  const redactor = new SecretRedactor([github.webhookSecret, settings.slack?.signingSecret, settings.jira?.webhookSecret, settings.sentry?.clientSecret, settings.serviceToken]);
  const taskLog = new TaskLogThread(new TaskLogWriter(settings.taskLogsDir, redactor, logger), logger);
  const outbox = new OutboxStore(database.db);
  const marker = new DispatchedMarker(outbox, logger);
  const dispatcher = new TaskDispatcher({ queues, taskLog, metrics, logger, now, tracer });
  const commands = new CommandCatalog(database.db);
  const pipeline = new IntakePipeline({
    store: new TaskStore(database.db),
    commands,
    outbox: marker,
    dispatcher,
    metrics,
    now,
  });
  const relay = new OutboxRelay({ store: outbox, dispatcher, queues, logger, ...settings.outboxRelay });

  const webhookRouteStore = new WebhookRouteStore(database.db, settings.encryptionKey ? new SecretCipher(settings.encryptionKey) : null);
  const intake = {
    mention: settings.agentMention,
    bodyLimit: settings.webhookBodyLimitBytes,
    rateLimit: { max: settings.webhookRateLimitPerMinute ?? 600, windowMs: 60_000 },
    pipeline,
    metrics,
    newTaskId,
    now,
    ...(settings.dashboardUrl ? { dashboardUrl: settings.dashboardUrl } : {}),
  };
  await registerRateLimit(app);

  await app.register(healthRoutes, { pingDatabase: () => database.ping(), pingRedis: () => queues.ping() });
  await app.register(commandRoutes, { store: new CommandStore(database.db, commands) });
  await app.register(webhookAdminRoutes, { store: webhookRouteStore, pipeline, mention: settings.agentMention, newTaskId, now });
  await app.register(githubWebhookRoutes, { ...intake, settings: github });
  await app.register(slackWebhookRoutes, { ...intake, settings: settings.slack ?? { signingSecret: undefined, allowedTeams: [], allowedUsers: [], channelRepositories: {} } });
  await app.register(jiraWebhookRoutes, { ...intake, settings: settings.jira ?? { webhookSecret: undefined, allowedAccounts: [], projectRepositories: {} } });
  await app.register(sentryWebhookRoutes, {
    ...intake,
    settings: settings.sentry ?? { clientSecret: undefined, allowedOrgs: [], projectRepositories: {}, alertCommand: 'fix', alertDedupeMs: 3_600_000 },
    installations: new SentryInstallationStore(database.db),
  });
  await app.register(customWebhookRoutes, { ...intake, store: webhookRouteStore });
  const drain = async () => {
    await marker.flush();
    await taskLog.drain();
  };
  const shutdown = async () => {
    await marker.flush();
    await taskLog.close();
  };
  return { app, relay, drain, shutdown };
}
