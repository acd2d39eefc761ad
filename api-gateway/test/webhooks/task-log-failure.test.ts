import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentTaskJobSchema } from '@swe-ai-fleet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubDelivery, issueCommentCreated } from '../support/github-deliveries.js';
import { createTestDatabase } from '../support/test-database.js';
import { type TestGateway, WEBHOOK_SECRET, deleteQueueKeys, queueReaders, removeDirectory, startTestGateway } from '../support/test-gateway.js';
import { waitFor } from '../support/wait-for.js';

describe('a task log that cannot be written', () => {
  let gateway: TestGateway;
  let folder: string;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gateway-broken-logs-'));
    // A file where the task-log volume should be: every task-log write fails.
    const taskLogsDir = join(folder, 'task-logs');
    await writeFile(taskLogsDir, 'not a directory');
    testDb = await createTestDatabase();
    gateway = await startTestGateway({ databaseUrl: testDb.url, taskLogsDir });
    await waitFor('Redis', () => gateway.queues.isReady());
  });

  afterAll(async () => {
    await gateway.close();
    await deleteQueueKeys(gateway.prefix);
    await removeDirectory(folder);
    await testDb.drop();
  });

  it('never fails the task: 202, and the job is queued', async () => {
    const response = await gateway.app.inject(await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent fix the flaky login test' })));
    expect(response.statusCode).toBe(202);
    const readers = queueReaders(gateway.prefix);
    const job = await readers.agentTasks.getJob(response.json().task_id);
    expect(AgentTaskJobSchema.parse(job?.data).command).toBe('fix');
    await readers.close();
  });
});
