import { access } from 'node:fs/promises';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from './db/database.js';
import { type Authenticator, allowEveryone, authenticate } from './http/authenticate.js';
import { registerDocs } from './http/docs.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { type Metrics, createMetrics, registerMetrics } from './http/metrics.js';
import { healthRoutes } from './routes/health.js';
import { taskRoutes } from './routes/tasks.js';

export interface AppDeps {
  logger: FastifyBaseLogger;
  database: DatabaseHandle;
  /** The shared task-log volume, read here and never written. */
  taskLogsDir: string;
  /** Liveness of the Redis the task-events consumer reads from. */
  pingRedis: () => Promise<void>;
  metrics?: Metrics;
  /** Who may call `/api`. @defaultValue allowEveryone (no login exists yet) */
  authenticator?: Authenticator;
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
    title: 'dashboard-api',
    description: 'Read models for the dashboard: tasks and their task logs.',
    version: '1.0.0',
  });
  registerMetrics(app, deps.metrics ?? createMetrics('dashboard-api'));

  await app.register(healthRoutes, {
    pingDatabase: () => deps.database.ping(),
    pingRedis: deps.pingRedis,
    checkTaskLogs: () => access(deps.taskLogsDir),
  });
  // Everything under /api lives in this one encapsulated scope, behind `authenticate`.
  await app.register(async (api) => {
    authenticate(api, deps.authenticator ?? allowEveryone);
    await api.register(taskRoutes, { db: deps.database.db, taskLogsDir: deps.taskLogsDir });
  });
  return app;
}
