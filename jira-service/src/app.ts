import type { Tracer } from '@opentelemetry/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { CredentialCipher } from './credentials/credential-cipher.js';
import { CredentialStore } from './credentials/credential-store.js';
import { CredentialsService } from './credentials/credentials-service.js';
import { credentialsFromEnvironment } from './credentials/jira-credentials.js';
import type { DatabaseHandle } from './db/database.js';
import { registerDocs } from './http/docs.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { type Metrics, createMetrics, registerMetrics } from './http/metrics.js';
import { createRequestTracing } from './http/request-tracing.js';
import { createTracing } from './observability/tracing.js';
import { requireServiceToken } from './http/service-auth.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import type { JiraClientSettings } from './jira/jira-client.js';
import { JiraConnector } from './jira/jira-connector.js';
import { JiraHealthProbe } from './jira/jira-health-probe.js';
import { commentRoutes } from './routes/comments.js';
import { credentialRoutes } from './routes/credentials.js';
import { healthRoutes } from './routes/health.js';
import { issueRoutes } from './routes/issues.js';
import { searchRoutes } from './routes/search.js';
import { transitionRoutes } from './routes/transitions.js';

export interface AppDeps {
  logger: Logger;
  database: DatabaseHandle;
  serviceToken: string;
  /** How to talk to Jira: API URL override, timeout, retries. */
  jira: JiraClientSettings;
  /** JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN: used when no credentials are stored. */
  environmentCredentials: { baseUrl?: string; email?: string; apiToken?: string };
  /** CREDENTIALS_ENCRYPTION_KEY (32 bytes); null: the credentials API cannot store anything. */
  encryptionKey: Buffer | null;
  /** How long `/health` reuses its check of Jira. @defaultValue 30000 */
  healthCacheMs?: number;
  metrics?: Metrics;
  /** Spans of every request; by default a tracer that makes them (for log ids) and exports none. */
  tracer?: Tracer;
}

/** Registers every plugin and route; never reads the environment, never listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const tracing = createRequestTracing(deps.tracer ?? createTracing({ service: 'jira-service' }).tracer);
  const app = Fastify({
    loggerInstance,
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
    title: 'jira-service',
    description:
      'The only caller of Jira Cloud: issue details, comments (Markdown in, Atlassian Document Format out), transitions, JQL search; idempotent writes; encrypted credentials.',
    version: '1.0.0',
  });
  const metrics = deps.metrics ?? createMetrics('jira-service');
  registerMetrics(app, metrics);
  requireServiceToken(app, deps.serviceToken);

  const store = new CredentialStore(deps.database.db, deps.encryptionKey ? new CredentialCipher(deps.encryptionKey) : null);
  const connector = new JiraConnector(store, credentialsFromEnvironment(deps.environmentCredentials), deps.jira, deps.logger, (operation, outcome) =>
    metrics.providerCalls.inc({ operation, outcome }),
  );
  const probe = new JiraHealthProbe(connector, deps.healthCacheMs ?? 30_000);
  const credentials = new CredentialsService(store, connector, deps.environmentCredentials, () => probe.reset());
  const jira = () => connector.operations();
  const idempotency = new IdempotencyStore(deps.database.db);

  await app.register(healthRoutes, { pingDatabase: () => deps.database.ping(), checkJira: () => probe.check() });
  await app.register(issueRoutes, { jira });
  await app.register(commentRoutes, { jira, idempotency });
  await app.register(transitionRoutes, { jira, idempotency });
  await app.register(searchRoutes, { jira });
  await app.register(credentialRoutes, { credentials });
  return app;
}
