import type { Tracer } from '@opentelemetry/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { SlackCredentials } from './credentials/slack-credentials.js';
import type { DatabaseHandle } from './db/database.js';
import { registerDocs } from './http/docs.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { type Metrics, createMetrics, registerMetrics } from './http/metrics.js';
import { createRequestTracing } from './http/request-tracing.js';
import { createTracing } from './observability/tracing.js';
import { requireServiceToken } from './http/service-auth.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { commandResponseRoutes } from './routes/command-responses.js';
import { credentialRoutes } from './routes/credentials.js';
import { ephemeralRoutes } from './routes/ephemeral.js';
import { healthRoutes } from './routes/health.js';
import { messageRoutes } from './routes/messages.js';
import { reactionRoutes } from './routes/reactions.js';
import { threadRoutes } from './routes/threads.js';
import type { ResponseUrlAllowlist } from './slack/response-url-allowlist.js';
import type { ResponseUrlClient } from './slack/response-url-client.js';
import type { SlackConnection } from './slack/slack-connection.js';
import type { TextLimits } from './text/plan-delivery.js';

export interface AppDeps {
  logger: FastifyBaseLogger;
  database: DatabaseHandle;
  serviceToken: string;
  credentials: SlackCredentials;
  slack: SlackConnection;
  slackReachable: () => Promise<boolean>;
  responseUrls: { allowlist: ResponseUrlAllowlist; client: ResponseUrlClient };
  limits: TextLimits;
  metrics?: Metrics;
  /** Spans of every request; by default a tracer that makes them (for log ids) and exports none. */
  tracer?: Tracer;
}

/** Texts may be long (they are split or attached as files), so bodies may be too. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** Registers every plugin and route; never reads the environment, never listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const tracing = createRequestTracing(deps.tracer ?? createTracing({ service: 'slack-service' }).tracer);
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Log lines of a request carry the task it serves (X-Task-Id) and its W3C trace id (traceparent).
    childLoggerFactory: (logger, bindings, options, rawRequest) => {
      const taskId = rawRequest.headers['x-task-id'];
      return logger.child({ ...bindings, ...(typeof taskId === 'string' ? { task_id: taskId } : {}), ...tracing.bindingsFor(rawRequest) }, options);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  tracing.register(app);

  await registerDocs(app, {
    title: 'slack-service',
    description: 'The only caller of Slack: messages, thread replies, reactions, threads, ephemeral messages, slash command responses; idempotent writes; encrypted credentials.',
    version: '1.0.0',
  });
  registerMetrics(app, deps.metrics ?? createMetrics('slack-service'));
  requireServiceToken(app, deps.serviceToken);

  const idempotency = new IdempotencyStore(deps.database.db);
  const { slack, credentials } = deps;
  await app.register(healthRoutes, { pingDatabase: () => deps.database.ping(), credentials, slackReachable: deps.slackReachable });
  await app.register(messageRoutes, { slack, idempotency });
  await app.register(ephemeralRoutes, { slack, idempotency });
  await app.register(reactionRoutes, { slack, idempotency });
  await app.register(threadRoutes, { slack });
  await app.register(commandResponseRoutes, { ...deps.responseUrls, limits: deps.limits, idempotency });
  await app.register(credentialRoutes, { credentials, slack });
  return app;
}
