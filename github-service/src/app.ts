import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from './db/database.js';
import { CredentialsMissingError } from './errors.js';
import type { GithubOperations } from './github/github-operations.js';
import { registerDocs } from './http/docs.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { type Metrics, createMetrics, registerMetrics } from './http/metrics.js';
import { requireServiceToken } from './http/service-auth.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { commentRoutes } from './routes/comments.js';
import { healthRoutes } from './routes/health.js';
import { reactionRoutes } from './routes/reactions.js';

export interface AppDeps {
  logger: FastifyBaseLogger;
  database: DatabaseHandle;
  serviceToken: string;
  /** null when no credentials are configured: `/api` writes answer 503 credentials_missing. */
  github: GithubOperations | null;
  metrics?: Metrics;
}

/** Registers every plugin and route; never reads the environment, never listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // Log lines of a request carry the task it serves (X-Task-Id from the caller).
    childLoggerFactory: (logger, bindings, options, rawRequest) => {
      const taskId = rawRequest.headers['x-task-id'];
      return logger.child(typeof taskId === 'string' ? { ...bindings, task_id: taskId } : bindings, options);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  await registerDocs(app, {
    title: 'github-service',
    description: 'The only caller of GitHub: comments and reactions, idempotent writes.',
    version: '1.0.0',
  });
  registerMetrics(app, deps.metrics ?? createMetrics('github-service'));
  requireServiceToken(app, deps.serviceToken);

  const github = (): GithubOperations => {
    if (!deps.github) throw new CredentialsMissingError();
    return deps.github;
  };
  const idempotency = new IdempotencyStore(deps.database.db);
  await app.register(healthRoutes, { pingDatabase: () => deps.database.ping(), hasCredentials: () => deps.github !== null });
  await app.register(commentRoutes, { github, idempotency });
  await app.register(reactionRoutes, { github, idempotency });
  return app;
}
