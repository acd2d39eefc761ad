import type { Tracer } from '@opentelemetry/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerDocs } from './http/docs.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { type Metrics, createMetrics, registerMetrics } from './http/metrics.js';
import { createRequestTracing } from './http/request-tracing.js';
import { createTracing } from './observability/tracing.js';
import { requireServiceToken } from './http/service-auth.js';
import type { AgentDefinition } from './agents/agent-definition.js';
import { agentRoutes } from './status/agent-routes.js';
import { cancelRoutes } from './status/cancel-routes.js';
import { healthRoutes } from './status/health-routes.js';
import type { RunningTasks } from './status/running-tasks.js';
import { statusRoutes } from './status/status-routes.js';

export interface AppDeps {
  logger: FastifyBaseLogger;
  serviceToken: string;
  pingDatabase: () => Promise<void>;
  pingRedis: () => Promise<void>;
  running: RunningTasks;
  runnerAvailability: () => Promise<Array<{ name: string; available: boolean }>>;
  agents: () => AgentDefinition[];
  /** The agent a command no agent lists goes to. */
  defaultAgent: string;
  /** Stops a task running in this process; false when it does not run here. */
  cancelTask: (taskId: string) => boolean;
  concurrency: { agentTasks: number; notifications: number };
  metrics?: Metrics;
  /** Spans of every request; by default a tracer that makes them (for log ids) and exports none. */
  tracer?: Tracer;
}

/** The internal status API; never reads the environment, never listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const tracing = createRequestTracing(deps.tracer ?? createTracing({ service: 'agent-container' }).tracer);
  const app = Fastify({
    loggerInstance: deps.logger,
    // Log lines of a request carry the task it serves (X-Task-Id from the caller) and its span.
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
    title: 'agent-container',
    description: 'Status of the agent workers: health, running tasks, runners, the agent registry, metrics.',
    version: '1.0.0',
  });
  registerMetrics(app, deps.metrics ?? createMetrics('agent-container'));
  requireServiceToken(app, deps.serviceToken);
  await app.register(healthRoutes, { pingDatabase: deps.pingDatabase, pingRedis: deps.pingRedis });
  await app.register(statusRoutes, {
    running: deps.running,
    runnerAvailability: deps.runnerAvailability,
    agents: () => deps.agents().map((agent) => agent.name),
    concurrency: deps.concurrency,
  });
  await app.register(agentRoutes, { agents: deps.agents, defaultAgent: deps.defaultAgent });
  await app.register(cancelRoutes, { cancelTask: deps.cancelTask });
  return app;
}
