import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { deliveries, tasks } from '../../src/db/schema.js';
import { type GatewayProcess, startGatewayProcess } from '../support/gateway-process.js';
import { githubDelivery, issueCommentCreated } from '../support/github-deliveries.js';
import { slackFixture, slackRequest } from '../support/slack-requests.js';
import { createTestDatabase } from '../support/test-database.js';
import { REDIS_URL, SERVICE_TOKEN, WEBHOOK_SECRET, deleteQueueKeys, queueReaders, removeDirectory } from '../support/test-gateway.js';

const SLACK_SECRET = 'slack-signing-secret-0123456789';
const COPIES = 50;

interface Sent {
  status: number;
  body: { task_id?: string | null; duplicate?: boolean };
}

describe('one delivery posted 50 times at once to two gateway processes', () => {
  const prefix = `t-gateway-replicas-${randomBytes(4).toString('hex')}`;
  let replicas: GatewayProcess[] = [];
  let taskLogsDir: string;
  let database: DatabaseHandle;
  let readers: ReturnType<typeof queueReaders>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    taskLogsDir = await mkdtemp(join(tmpdir(), 'gateway-replicas-'));
    const env = {
      DATABASE_URL: testDb.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      TASK_LOGS_DIR: taskLogsDir,
      SERVICE_TOKEN,
      GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_USER_ID: 'U0LAN0Z89',
      WEBHOOK_RATE_LIMIT_PER_MINUTE: '10000',
    };
    // Both start at once: their migrations meet under the advisory lock too.
    replicas = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
    database = openDatabase({ url: testDb.url, dataDir: '' });
    readers = queueReaders(prefix);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await readers?.close();
    await database?.close();
    await deleteQueueKeys(prefix);
    await removeDirectory(taskLogsDir);
    await testDb.drop();
  });

  /** Sends the same request COPIES times at once, alternating between the replicas. */
  const storm = async (request: { url: string; headers: Record<string, string>; payload: string }): Promise<Sent[]> =>
    Promise.all(
      Array.from({ length: COPIES }, async (_, index) => {
        const replica = replicas[index % replicas.length];
        if (!replica) throw new Error('no replica');
        const response = await fetch(`${replica.url}${request.url}`, { method: 'POST', headers: request.headers, body: request.payload });
        return { status: response.status, body: (await response.json()) as Sent['body'] };
      }),
    );

  const expectOneTask = async (sent: Sent[], deliveryId: string) => {
    const created = sent.filter((answer) => answer.status === 202);
    expect(created, JSON.stringify(sent.filter((answer) => answer.status !== 200 && answer.status !== 202))).toHaveLength(1);
    const taskId = created[0]?.body.task_id;
    expect(sent.filter((answer) => answer.status === 200).map((answer) => answer.body)).toEqual(Array.from({ length: COPIES - 1 }, () => ({ task_id: taskId, duplicate: true })));
    expect(await database.db.select({ id: tasks.id }).from(tasks).where(eq(tasks.deliveryId, deliveryId))).toEqual([{ id: taskId }]);
    expect(await database.db.select().from(deliveries).where(eq(deliveries.deliveryId, deliveryId))).toHaveLength(1);
    expect(await readers.agentTasks.getJob(taskId ?? '')).toBeDefined();
    return taskId;
  };

  it('a GitHub delivery yields exactly one task', async () => {
    const deliveryId = 'e0a8e3b0-0000-4000-8000-000000000050';
    const request = await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent fix the flaky login test' }), { deliveryId });
    await expectOneTask(await storm(request), deliveryId);
  });

  it('a Slack event (and its retries) yields exactly one task', async () => {
    const request = slackRequest(JSON.stringify(slackFixture('app-mention')), { secret: SLACK_SECRET, timestamp: Math.floor(Date.now() / 1000) });
    await expectOneTask(await storm(request), 'Ev123ABC456');
    expect(await readers.agentTasks.count()).toBe(2);
  });
});
