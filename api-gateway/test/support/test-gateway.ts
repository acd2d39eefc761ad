import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUEUE_AGENT_TASKS, QUEUE_NOTIFICATIONS, QUEUE_TASK_EVENTS } from '@swe-ai-fleet/contracts';
import type { Tracer } from '@opentelemetry/api';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import { type GatewaySettings, buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/database.js';
import { createMetrics } from '../../src/http/metrics.js';
import { createRedisConnection } from '../../src/queue/redis-connection.js';
import { TaskQueues } from '../../src/queue/task-queues.js';
import { waitFor } from './wait-for.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const SERVICE_TOKEN = 'test-service-token-0123456789';
export const ENCRYPTION_KEY = randomBytes(32);

export interface TestGatewayOptions {
  databaseUrl: string;
  /** Where the gateway's queues connect; the real Redis unless a test takes it away. */
  redisUrl?: string;
  /** Share queues and task logs with another gateway (several replicas). */
  prefix?: string;
  taskLogsDir?: string;
  settings?: Partial<GatewaySettings>;
  /** The gateway's clock (Slack's replay window, received_at); the real one by default. */
  now?: () => Date;
  /** Where spans go (an in-memory exporter's tracer); none are kept by default. */
  tracer?: Tracer;
  /** Silent by default. */
  logger?: Logger;
}

export type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;

/** A gateway on real Postgres and Redis, with its own BullMQ prefix and task-log folder. */
export async function startTestGateway(options: TestGatewayOptions) {
  const prefix = options.prefix ?? `t-gateway-${randomBytes(4).toString('hex')}`;
  const taskLogsDir = options.taskLogsDir ?? (await mkdtemp(join(tmpdir(), 'gateway-task-logs-')));
  const logger = options.logger ?? pino({ level: 'silent' });
  const database = openDatabase({ url: options.databaseUrl, dataDir: '' });
  await database.migrate();
  const redis = createRedisConnection(options.redisUrl ?? REDIS_URL, logger, { maxReconnectDelayMs: 100 });
  const queues = new TaskQueues({ connection: redis, prefix, enqueueTimeoutMs: 2_000 });
  const metrics = createMetrics('api-gateway');
  const { app, relay, drain, shutdown } = await buildApp({
    logger,
    database,
    queues,
    metrics,
    ...(options.now ? { now: options.now } : {}),
    ...(options.tracer ? { tracer: options.tracer } : {}),
    settings: {
      serviceToken: SERVICE_TOKEN,
      taskLogsDir,
      webhookBodyLimitBytes: 256 * 1024,
      agentMention: '@agent',
      github: { webhookSecret: WEBHOOK_SECRET, botLogins: ['swe-ai-fleet[bot]'], allowedAssociations: ['OWNER', 'MEMBER', 'COLLABORATOR'] },
      outboxRelay: { intervalMs: 100, minAgeMs: 0 },
      encryptionKey: ENCRYPTION_KEY,
      // High enough that only the rate-limit tests, which set their own, ever meet it.
      webhookRateLimitPerMinute: 100_000,
      ...options.settings,
    },
  });
  // With the real Redis, hand the gateway over connected: queues closed before their first
  // connection would report the aborted setup as unhandled errors.
  if (options.redisUrl === undefined) await waitFor('Redis', () => queues.isReady());
  return {
    app,
    relay,
    /** Task logs and outbox marks are written after the answer; this waits for them. */
    drain,
    queues,
    redis,
    database,
    metrics,
    prefix,
    taskLogsDir,
    async close() {
      await app.close();
      await relay.stop();
      await shutdown();
      await queues.close();
      redis.disconnect();
      await database.close();
    },
  };
}

/** Reads what the gateway pushed, through the real Redis, like a worker would. */
export function queueReaders(prefix: string) {
  const connection = { url: REDIS_URL };
  const readers = {
    agentTasks: new Queue(QUEUE_AGENT_TASKS, { connection, prefix }),
    notifications: new Queue(QUEUE_NOTIFICATIONS, { connection, prefix }),
    taskEvents: new Queue(QUEUE_TASK_EVENTS, { connection, prefix }),
  };
  return {
    ...readers,
    async close() {
      await Promise.all(Object.values(readers).map((queue) => queue.close()));
    },
  };
}

/** Deletes every key under a test's BullMQ prefix. */
export async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export async function removeDirectory(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** An admin API request with the service token. */
export function adminRequest(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  return {
    method,
    url,
    headers: { authorization: `Bearer ${SERVICE_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  };
}
