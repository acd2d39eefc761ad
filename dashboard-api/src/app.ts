import { access } from 'node:fs/promises';
import cookie from '@fastify/cookie';
import type { Tracer } from '@opentelemetry/api';
import type { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ApiTokenStore } from './auth/api-token-store.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { DEFAULT_SCRYPT, type ScryptParams, decoyHash } from './auth/password-hasher.js';
import type { CookieSecurity } from './auth/session-cookies.js';
import { SessionStore } from './auth/session-store.js';
import { UserStore } from './auth/user-store.js';
import type { DatabaseHandle } from './db/database.js';
import { authenticate, credentialsAuthenticator } from './http/authenticate.js';
import { registerDocs } from './http/docs.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { OpenStreams } from './http/event-stream.js';
import { type Metrics, createMetrics, registerMetrics } from './http/metrics.js';
import { registerQueueBoard } from './http/queue-board.js';
import { createRequestTracing } from './http/request-tracing.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { SpanScope } from './observability/span-scope.js';
import { tracedFetch } from './observability/traced-fetch.js';
import { createTracing } from './observability/tracing.js';
import { analyticsRoutes } from './routes/analytics.js';
import { authRoutes } from './routes/auth.js';
import { conversationRoutes } from './routes/conversations.js';
import { healthRoutes } from './routes/health.js';
import { ledgerRoutes } from './routes/ledger.js';
import { registryRoutes } from './routes/registry.js';
import { serviceRoutes } from './routes/services.js';
import { DEFAULT_LIVE_TAIL, type LiveTailOptions, taskLiveRoutes } from './routes/task-live.js';
import { taskRoutes } from './routes/tasks.js';
import { userRoutes } from './routes/users.js';
import { GatewayAdmin } from './gateway/gateway-admin.js';
import { commandRoutes } from './routes/commands.js';
import { webhookRoutes } from './routes/webhooks.js';
import type { AgentStatusReader } from './services/agent-status.js';
import type { ComponentTarget } from './services/component-health.js';

export interface AppDeps {
  logger: FastifyBaseLogger;
  database: DatabaseHandle;
  /** The shared task-log volume, read here and never written. */
  taskLogsDir: string;
  /** Liveness of the Redis the task-events consumer reads from. */
  pingRedis: () => Promise<void>;
  metrics?: Metrics;
  /** agent-tasks, notifications and task-events: their depths and the BullMQ board. @defaultValue [] */
  queues?: readonly Queue[];
  /** Components whose /health the Services page shows. @defaultValue [] */
  components?: readonly ComponentTarget[];
  /** agent-container's status API. @defaultValue one that says it is not configured */
  agentStatus?: AgentStatusReader;
  /** How long a component or Redis may take to answer the Services page. @defaultValue 3000 */
  serviceTimeoutMs?: number;
  /** @defaultValue 12 hours */
  sessionTtlMs?: number;
  /** @defaultValue 'auto' */
  cookieSecurity?: CookieSecurity;
  /** Proxies whose X-Forwarded-For is believed (proxy-addr syntax). @defaultValue 'loopback,uniquelocal' */
  trustProxy?: string;
  /** scrypt cost of new password hashes. @defaultValue DEFAULT_SCRYPT */
  scrypt?: ScryptParams;
  liveTail?: Partial<LiveTailOptions>;
  /** The gateway's admin API (webhook routes, commands). @defaultValue one without SERVICE_TOKEN, which answers 503 */
  gateway?: GatewayAdmin;
  /** Spans of every request and call; by default a tracer that makes them (for log ids) and exports none. */
  tracer?: Tracer;
  /** Where a request's span is found by the calls it makes; share it with the clients built outside. @defaultValue a new one */
  spanScope?: SpanScope;
  /** The fetch of the Services page's health checks, before tracing. @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
}

const notConfigured: AgentStatusReader = async () => ({ status: null, error: 'the agent status API is not configured' });

/** Registers every plugin and route; never reads the environment, never listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const tracer = deps.tracer ?? createTracing({ service: 'dashboard-api' }).tracer;
  const spanScope = deps.spanScope ?? new SpanScope();
  const tracing = createRequestTracing(tracer, spanScope);
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: deps.trustProxy ?? 'loopback,uniquelocal',
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
  await app.register(cookie);
  registerSecurityHeaders(app);

  await registerDocs(app, {
    title: 'dashboard-api',
    description:
      'Read models for the dashboard: tasks and their logs (with a live tail), analytics, the cost ledger, conversations, ' +
      'the registry, service status. Sign in with POST /api/v1/auth/login (cookie) or send `Authorization: Bearer <API token>`.',
    version: '1.0.0',
  });
  registerMetrics(app, deps.metrics ?? createMetrics('dashboard-api'));

  await app.register(healthRoutes, {
    pingDatabase: () => deps.database.ping(),
    pingRedis: deps.pingRedis,
    checkTaskLogs: () => access(deps.taskLogsDir),
  });

  const db = deps.database.db;
  const users = new UserStore(db, deps.scrypt);
  const sessions = new SessionStore(db, deps.sessionTtlMs ?? 12 * 3_600_000);
  const tokens = new ApiTokenStore(db);
  let decoy: Promise<string> | undefined;
  const streams = new OpenStreams();
  // Open live tails would hold the server open: they are ended first, and the browser reconnects elsewhere.
  app.addHook('preClose', async () => streams.closeAll());

  // Everything under /api lives in this one encapsulated scope, behind `authenticate`.
  await app.register(async (api) => {
    authenticate(api, credentialsAuthenticator({ sessions, tokens }));
    await api.register(authRoutes, {
      users,
      sessions,
      tokens,
      throttle: new LoginThrottle(),
      cookieSecurity: deps.cookieSecurity ?? 'auto',
      decoyHash: () => (decoy ??= decoyHash(deps.scrypt ?? DEFAULT_SCRYPT)),
    });
    await api.register(userRoutes, { users });
    await api.register(taskRoutes, { db, taskLogsDir: deps.taskLogsDir });
    await api.register(taskLiveRoutes, { db, taskLogsDir: deps.taskLogsDir, streams, options: { ...DEFAULT_LIVE_TAIL, ...deps.liveTail } });
    await api.register(analyticsRoutes, { db });
    await api.register(ledgerRoutes, { db });
    await api.register(conversationRoutes, { db });
    const agentStatus = deps.agentStatus ?? notConfigured;
    await api.register(registryRoutes, { db, agentStatus });
    await api.register(serviceRoutes, {
      components: deps.components ?? [],
      queues: deps.queues ?? [],
      agentStatus,
      fetch: tracedFetch(tracer, spanScope, { fetch: deps.fetch }),
      timeoutMs: deps.serviceTimeoutMs ?? 3_000,
    });
    const gateway = deps.gateway ?? new GatewayAdmin({ baseUrl: 'http://127.0.0.1:8080', timeoutMs: 3_000 });
    await api.register(webhookRoutes, { gateway });
    await api.register(commandRoutes, { gateway });
    await registerQueueBoard(api, deps.queues ?? []);
  });
  return app;
}
