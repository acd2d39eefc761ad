import { readdir } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, tasks } from '../../src/db/schema.js';
import { githubDelivery, issueCommentCreated } from '../support/github-deliveries.js';
import { createTestDatabase } from '../support/test-database.js';
import {
  type TestGateway,
  WEBHOOK_SECRET,
  deleteQueueKeys,
  queueReaders,
  removeDirectory,
  startTestGateway,
} from '../support/test-gateway.js';
import { waitFor } from '../support/wait-for.js';

describe('duplicate GitHub deliveries', () => {
  // Two gateways on one database, one queue prefix and one task-log volume: two replicas.
  let first: TestGateway;
  let second: TestGateway;
  let readers: ReturnType<typeof queueReaders>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    first = await startTestGateway({ databaseUrl: testDb.url });
    second = await startTestGateway({ databaseUrl: testDb.url, prefix: first.prefix, taskLogsDir: first.taskLogsDir });
    readers = queueReaders(first.prefix);
    await waitFor('Redis', () => first.queues.isReady() && second.queues.isReady());
  });

  afterAll(async () => {
    await first.close();
    await second.close();
    await readers.close();
    await deleteQueueKeys(first.prefix);
    await removeDirectory(first.taskLogsDir);
    await testDb.drop();
  });

  const tasksOf = (deliveryId: string) => first.database.db.select().from(tasks).where(eq(tasks.deliveryId, deliveryId));

  it('answers a redelivery with the first task id and creates nothing', async () => {
    const request = await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent fix the flaky login test' }), {
      deliveryId: 'd0a8e3b0-0000-4000-8000-000000000001',
    });
    const original = await first.app.inject(request);
    expect(original.statusCode).toBe(202);
    const taskId: string = original.json().task_id;

    const jobsBefore = await readers.agentTasks.count();
    const again = await second.app.inject(request);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ task_id: taskId, duplicate: true });
    expect(await tasksOf('d0a8e3b0-0000-4000-8000-000000000001')).toHaveLength(1);
    expect(await readers.agentTasks.count()).toBe(jobsBefore);
  });

  it('answers a redelivery of a delivery that made no task with a null task id', async () => {
    const request = await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: 'just a comment' }), {
      deliveryId: 'd0a8e3b0-0000-4000-8000-000000000002',
    });
    expect((await first.app.inject(request)).json()).toEqual({ accepted: false, reason: 'no_mention' });
    const again = await first.app.inject(request);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ task_id: null, duplicate: true });
  });

  it('creates exactly one task from 20 concurrent copies spread over two replicas', async () => {
    const deliveryId = 'd0a8e3b0-0000-4000-8000-000000000020';
    const request = await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent implement retries for the login test' }), { deliveryId });
    const foldersBefore = (await readdir(first.taskLogsDir)).length;
    const jobsBefore = await readers.agentTasks.count();

    const responses = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? first : second).app.inject(request)));

    const created = responses.filter((response) => response.statusCode === 202);
    expect(created).toHaveLength(1);
    const taskId: string = created[0]?.json().task_id;
    const repeats = responses.filter((response) => response.statusCode === 200).map((response) => response.json());
    expect(repeats).toHaveLength(19);
    expect(repeats).toEqual(Array.from({ length: 19 }, () => ({ task_id: taskId, duplicate: true })));

    expect(await tasksOf(deliveryId)).toMatchObject([{ id: taskId }]);
    expect(await first.database.db.select().from(deliveries).where(eq(deliveries.deliveryId, deliveryId))).toHaveLength(1);
    expect(await readers.agentTasks.count()).toBe(jobsBefore + 1);
    expect(await readers.agentTasks.getJob(taskId)).toBeDefined();
    // The losing copies never opened a task log.
    await Promise.all([first.drain(), second.drain()]);
    expect((await readdir(first.taskLogsDir)).length).toBe(foldersBefore + 1);
  });
});
