import type { Tracer } from '@opentelemetry/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { CredentialCipher } from './credentials/credential-cipher.js';
import { CredentialsStore } from './credentials/credentials-store.js';
import type { GithubCredentials } from './credentials/github-credentials.js';
import type { DatabaseHandle } from './db/database.js';
import type { GithubClientSettings } from './github/github-client.js';
import { GithubConnection } from './github/github-connection.js';
import { GithubOperations } from './github/github-operations.js';
import { GithubProbe } from './github/github-probe.js';
import { registerDocs } from './http/docs.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { type Metrics, createMetrics, registerMetrics } from './http/metrics.js';
import { createRequestTracing } from './http/request-tracing.js';
import { createTracing } from './observability/tracing.js';
import { requireServiceToken } from './http/service-auth.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { commentRoutes } from './routes/comments.js';
import { credentialsRoutes } from './routes/credentials.js';
import { healthRoutes } from './routes/health.js';
import { issueRoutes } from './routes/issues.js';
import { pullRequestRoutes } from './routes/pull-requests.js';
import { reactionRoutes } from './routes/reactions.js';
import { repositoryRoutes } from './routes/repositories.js';

export interface GithubDeps {
  /** How clients reach GitHub: base URL, timeout, retries, throttling. */
  settings: Omit<GithubClientSettings, 'logger'>;
  /** Credentials from the environment; stored ones win over these. */
  environment: GithubCredentials | null;
  /** CREDENTIALS_ENCRYPTION_KEY; without it the credentials API cannot store anything. */
  encryptionKey?: Buffer;
  /** How long `/health` reuses its probe of GitHub. */
  healthCacheMs: number;
}

export interface AppDeps {
  logger: FastifyBaseLogger;
  database: DatabaseHandle;
  serviceToken: string;
  github: GithubDeps;
  metrics?: Metrics;
  /** Spans of every request; by default a tracer that makes them (for log ids) and exports none. */
  tracer?: Tracer;
  /**
   * Records of `Idempotency-Key` writes; main.ts passes one whose pending lease fits the GitHub
   * timeouts and retries.
   * @defaultValue a store on `database` with the default lease
   */
  idempotency?: IdempotencyStore;
}

/** Registers every plugin and route; never reads the environment, never listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const tracing = createRequestTracing(deps.tracer ?? createTracing({ service: 'github-service' }).tracer);
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
    title: 'github-service',
    description:
      'The only caller of GitHub: comments, reactions, issues, pull requests, repositories, clone credentials and the credentials API. Every `/api` route needs `Authorization: Bearer $SERVICE_TOKEN`; writes honour `Idempotency-Key`.',
    version: '1.0.0',
  });
  const metrics = deps.metrics ?? createMetrics('github-service');
  registerMetrics(app, metrics);
  requireServiceToken(app, deps.serviceToken);

  const store = new CredentialsStore(deps.database.db, deps.github.encryptionKey ? new CredentialCipher(deps.github.encryptionKey) : null);
  const connection = new GithubConnection({
    store,
    environment: deps.github.environment,
    settings: { ...deps.github.settings, logger: deps.logger },
  });
  const github = new GithubOperations(connection, metrics.providerCalls);
  const probe = new GithubProbe({ baseUrl: deps.github.settings.baseUrl, cacheMs: deps.github.healthCacheMs });
  const idempotency = deps.idempotency ?? new IdempotencyStore(deps.database.db);

  await app.register(healthRoutes, {
    pingDatabase: () => deps.database.ping(),
    hasCredentials: () => connection.current().then(() => true),
    githubReachable: () => probe.reachable(),
  });
  await app.register(commentRoutes, { github, idempotency });
  await app.register(reactionRoutes, { github, idempotency });
  await app.register(issueRoutes, { github });
  await app.register(pullRequestRoutes, { github, idempotency });
  await app.register(repositoryRoutes, { github });
  await app.register(credentialsRoutes, { store, connection, github });
  return app;
}
