import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, buildApp } from '../../src/app.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { createRedisConnection } from '../../src/queue/redis-connection.js';
import { TaskQueues } from '../../src/queue/task-queues.js';
import { githubDelivery, issueCommentCreated } from '../support/github-deliveries.js';
import { freePort } from '../support/tcp-forwarder.js';
import { REDIS_URL, SERVICE_TOKEN, WEBHOOK_SECRET, deleteQueueKeys, queueReaders, removeDirectory } from '../support/test-gateway.js';

describe('POST /webhooks/github when the gateway cannot take tasks', () => {
  const prefix = `t-gateway-down-${process.pid}`;
  let taskLogsDir: string;
  let database: DatabaseHandle;
  let redis: ReturnType<typeof createRedisConnection>;
  let queues: TaskQueues;
  let build: (webhookSecret: string | undefined) => Promise<Gateway>;

  beforeAll(async () => {
    taskLogsDir = await mkdtemp(join(tmpdir(), 'gateway-task-logs-'));
    // Nothing listens on this port: every query fails as it would with Postgres down.
    database = openDatabase({ url: `postgres://postgres@127.0.0.1:${await freePort()}/gateway`, dataDir: '' });
    const logger = pino({ level: 'silent' });
    redis = createRedisConnection(REDIS_URL, logger);
    queues = new TaskQueues({ connection: redis, prefix });
    build = (webhookSecret) =>
      buildApp({
        logger,
        database,
        queues,
        settings: {
          serviceToken: SERVICE_TOKEN,
          taskLogsDir,
          webhookBodyLimitBytes: 1024 * 1024,
          agentMention: '@agent',
          github: { webhookSecret, botLogins: [], allowedAssociations: ['OWNER'] },
          outboxRelay: { intervalMs: 1_000, minAgeMs: 0 },
        },
      });
  });

  afterAll(async () => {
    await queues.close();
    redis.disconnect();
    await database.close();
    await deleteQueueKeys(prefix);
    await removeDirectory(taskLogsDir);
  });

  it('answers 503 unavailable when Postgres cannot record the task, and queues nothing', async () => {
    const { app } = await build(WEBHOOK_SECRET);
    const response = await app.inject(await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent fix the flaky login test' })));
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ code: 'unavailable', message: expect.any(String) });
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toMatchObject({ status: 'degraded', checks: { database: 'down' } });
    await app.close();
    const readers = queueReaders(prefix);
    expect(await readers.agentTasks.count()).toBe(0);
    await readers.close();
  });

  it('refuses every delivery with 503 when GITHUB_WEBHOOK_SECRET is not set', async () => {
    const { app } = await build(undefined);
    const response = await app.inject(await githubDelivery('any-secret-at-all', issueCommentCreated({ body: '@agent fix it' })));
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'webhook_not_configured' });
    await app.close();
  });
});
