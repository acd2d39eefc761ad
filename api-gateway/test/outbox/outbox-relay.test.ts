import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, tasks } from '../../src/db/schema.js';
import { githubDelivery, issueCommentCreated } from '../support/github-deliveries.js';
import { readTaskLog } from '../support/task-log-files.js';
import { TcpForwarder, freePort } from '../support/tcp-forwarder.js';
import { createTestDatabase } from '../support/test-database.js';
import {
  REDIS_URL,
  type TestGateway,
  WEBHOOK_SECRET,
  deleteQueueKeys,
  queueReaders,
  removeDirectory,
  startTestGateway,
} from '../support/test-gateway.js';
import { waitFor } from '../support/wait-for.js';

describe('tasks recorded while Redis is unreachable', () => {
  // The gateways' Redis is a forwarder to the real one that is closed until a test "gives Redis back".
  let redis: TcpForwarder;
  let first: TestGateway;
  let second: TestGateway;
  let readers: ReturnType<typeof queueReaders>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    const target = new URL(REDIS_URL);
    redis = new TcpForwarder(await freePort(), { host: target.hostname, port: Number(target.port || 6379) });
    testDb = await createTestDatabase();
    const redisUrl = `redis://127.0.0.1:${redis.port}`;
    first = await startTestGateway({ databaseUrl: testDb.url, redisUrl });
    second = await startTestGateway({ databaseUrl: testDb.url, redisUrl, prefix: first.prefix, taskLogsDir: first.taskLogsDir });
    readers = queueReaders(first.prefix);
  });

  afterAll(async () => {
    await first.close();
    await second.close();
    await readers.close();
    await redis.close();
    await deleteQueueKeys(first.prefix);
    await removeDirectory(first.taskLogsDir);
    await testDb.drop();
  });

  const mention = async (body: string) => {
    const response = await first.app.inject(await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body })));
    expect(response.statusCode).toBe(202);
    return response.json().task_id as string;
  };
  const pendingRows = () => first.database.db.select().from(outbox).where(isNull(outbox.dispatchedAt));

  it('accepts the task, keeps it in Postgres, and the relay enqueues it once Redis is back', async () => {
    const taskId = await mention('@agent fix the flaky login test');

    const [task] = await first.database.db.select().from(tasks).where(eq(tasks.id, taskId));
    expect(task?.status).toBe('queued');
    expect(await pendingRows()).toMatchObject([{ taskId }]);
    await first.drain();
    const logBefore = await readTaskLog(first.taskLogsDir, taskId);
    expect(logBefore.webhookFlow.at(-1)).toMatchObject({ stage: 'queue_push', status: 'failed', details: { retry: 'outbox_relay' } });
    expect(logBefore.queueFlow).toEqual([]);
    const health = await first.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: 'degraded', checks: { database: 'ok', redis: 'down' } });
    expect((await first.app.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/queue_enqueue_failures_total\{[^}]*via="webhook"[^}]*\} 1/);

    expect(await first.relay.runOnce()).toBe(0);
    expect(await readers.agentTasks.getJob(taskId)).toBeUndefined();

    await redis.open();
    first.relay.start();
    await waitFor('the relay to enqueue the task', async () => (await readers.agentTasks.getJob(taskId)) !== undefined);
    await first.relay.stop();

    expect(await pendingRows()).toEqual([]);
    expect(await readers.notifications.getJob(`${taskId}-ack`)).toBeDefined();
    expect(await readers.taskEvents.getJob(`${taskId}-created`)).toBeDefined();
    await first.drain();
    const log = await readTaskLog(first.taskLogsDir, taskId);
    expect(log.webhookFlow.at(-1)).toMatchObject({ stage: 'queue_push', status: 'ok', details: { via: 'outbox_relay' } });
    expect(log.queueFlow).toMatchObject([{ stage: 'queued', queue: 'agent-tasks', details: { via: 'outbox_relay' } }]);
    expect((await first.app.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/outbox_relayed_total\{[^}]*\} 1/);
  });

  it('lets two replicas relay the same backlog without pushing any task twice', async () => {
    await redis.close();
    await waitFor('the gateways to see Redis down', () => !first.queues.isReady() && !second.queues.isReady());
    const taskIds = [];
    for (let index = 0; index < 6; index += 1) taskIds.push(await mention(`@agent plan step ${index}`));
    expect(await pendingRows()).toHaveLength(6);

    await redis.open();
    await waitFor('the gateways to reconnect', () => first.queues.isReady() && second.queues.isReady());
    const relayed = await Promise.all([first.relay.runOnce(), second.relay.runOnce()]);

    expect(relayed[0] + relayed[1]).toBe(6);
    expect(await pendingRows()).toEqual([]);
    await Promise.all([first.drain(), second.drain()]);
    for (const taskId of taskIds) {
      expect(await readers.agentTasks.getJob(taskId)).toBeDefined();
      const log = await readTaskLog(first.taskLogsDir, taskId);
      expect(log.queueFlow.filter((record) => record.stage === 'queued')).toHaveLength(1);
    }
  });
});
