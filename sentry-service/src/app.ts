import type { Tracer } from '@opentelemetry/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { CredentialStore } from './credentials/credential-store.js';
import type { DatabaseHandle } from './db/database.js';
import { registerDocs } from './http/docs.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { type Metrics, createMetrics, registerMetrics } from './http/metrics.js';
import { createRequestTracing } from './http/request-tracing.js';
import { createTracing } from './observability/tracing.js';
import { requireServiceToken } from './http/service-auth.js';
import type { IdempotencyStore } from './idempotency/idempotency-store.js';
import { commentRoutes } from './routes/comments.js';
import { credentialRoutes } from './routes/credentials.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { issueRoutes } from './routes/issues.js';
import type { ProviderProbe } from './sentry/provider-probe.js';
import type { SentryOperations } from './sentry/sentry-operations.js';

export interface AppDeps {
  logger: FastifyBaseLogger;
  database: DatabaseHandle;
  serviceToken: string;
  credentials: CredentialStore;
  sentry: SentryOperations;
  idempotency: IdempotencyStore;
  probe: ProviderProbe;
  /** The credential values from the environment, reported by /health when the database is down. */
  environmentCredentials: { base_url?: string; auth_token?: string; organization?: string };
  metrics?: Metrics;
  /** Spans of every request; by default a tracer that makes them (for log ids) and exports none. */
  tracer?: Tracer;
}

/** Registers every plugin and route; never reads the environment, never listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const tracing = createRequestTracing(deps.tracer ?? createTracing({ service: 'sentry-service' }).tracer);
  const app = Fastify({
    loggerInstance: deps.logger,
    // Log lines of a request carry the task it serves (X-Task-Id from the caller).
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
    title: 'sentry-service',
    description:
      "The only caller of Sentry's REST API: issue details, the latest event's stack trace, comments, resolving and assigning issues, and the encrypted Sentry credentials. Every /api route needs `Authorization: Bearer $SERVICE_TOKEN`; writes honour `Idempotency-Key`.",
    version: '1.0.0',
  });
  registerMetrics(app, deps.metrics ?? createMetrics('sentry-service'));
  requireServiceToken(app, deps.serviceToken);

  await app.register(healthRoutes, {
    pingDatabase: () => deps.database.ping(),
    credentials: () => deps.credentials.current(),
    probeProvider: (values) => deps.probe.check(values),
    environmentCredentials: deps.environmentCredentials,
  });
  await app.register(issueRoutes, { sentry: deps.sentry, idempotency: deps.idempotency });
  await app.register(eventRoutes, { sentry: deps.sentry });
  await app.register(commentRoutes, { sentry: deps.sentry, idempotency: deps.idempotency });
  await app.register(credentialRoutes, { credentials: deps.credentials, sentry: deps.sentry });
  return app;
}
