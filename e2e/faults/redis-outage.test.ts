// Fault 3: Redis stopped and restarted under a steady load of deliveries. A private redis-server
// (AOF on, its own port and directory) is stopped cleanly once and crashed once; the machine's
// Redis is never touched. Postgres stays up, so every task can be made durable: the gateway must
// acknowledge every delivery (no 503), and every acknowledged task must reach Redis once it is
// back (the outbox relay), none lost, none twice.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningComponent, startComponent, waitFor } from '../support/processes.js';
import { createTestDatabase } from '../support/test-database.js';
import { issueCommentCreated } from '../security/support/github-deliveries.js';
import { sleep } from './support/bounded-pool.js';
import { histogram, publishReport } from './support/fault-report.js';
import { faultScale } from './support/fault-scale.js';
import { gatewayRecords } from './support/gateway-records.js';
import { type AppendFsync, PrivateRedis } from './support/private-redis.js';
import { queueJobIds } from './support/queue-jobs.js';
import { SteadyLoad } from './support/steady-load.js';

const SECRET = 'redis-outage-secret';
const PHASE_MS = { before: 2_000, down: 4_000, after: 2_000 };

describe('fault: Redis stopped and restarted under load', () => {
  const scale = faultScale();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: PrivateRedis;
  let gateway: RunningComponent;
  let taskLogsDir: string;
  const queuePrefix = `fault-redis-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await PrivateRedis.create();
    await redis.start('everysec');
    taskLogsDir = mkdtempSync(path.join(tmpdir(), 'fault-redis-logs-'));
    gateway = await startComponent('api-gateway', {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: queuePrefix,
      TASK_LOGS_DIR: taskLogsDir,
      SERVICE_TOKEN: 'redis-outage-service-token-0123',
      GITHUB_WEBHOOK_SECRET: SECRET,
      WEBHOOK_RATE_LIMIT_PER_MINUTE: '10000000',
      OUTBOX_RELAY_INTERVAL_MS: '500',
      LOG_LEVEL: 'warn',
    });
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await redis?.close();
    await database?.drop();
    if (taskLogsDir) rmSync(taskLogsDir, { recursive: true, force: true });
  });

  const outage = async (name: string, signal: 'SIGTERM' | 'SIGKILL', fsync: AppendFsync) => {
    const before = new Set(await queueJobIds(redis.url, queuePrefix, 'agent-tasks'));
    const body = JSON.stringify(issueCommentCreated('@agent ask does the queue survive?'));
    const signature = await sign(SECRET, body);
    const load = new SteadyLoad({
      gatewayUrl: () => gateway.url,
      headers: (deliveryId) => ({ 'content-type': 'application/json', 'x-github-event': 'issue_comment', 'x-github-delivery': deliveryId, 'x-hub-signature-256': signature }),
      body,
      ratePerSecond: scale.redisLoadPerSecond,
      maxSeconds: 30,
      maxTries: 5,
      retryDelayMs: 1_000,
    });
    load.start();
    await sleep(PHASE_MS.before);
    const downAt = load.elapsed();
    await redis.stop(signal);
    await sleep(PHASE_MS.down);
    await redis.start(fsync);
    const upAt = load.elapsed();
    await sleep(PHASE_MS.after);
    const results = await load.stop();

    const acknowledged = results.filter((result) => result.finalStatus === 202 && result.taskId);
    const records = await waitFor('the outbox relay to drain', async () => {
      const current = await gatewayRecords(database.url);
      return current.outboxPending === 0 ? current : undefined;
    }, 60_000);
    const jobs = new Set((await queueJobIds(redis.url, queuePrefix, 'agent-tasks')).filter((id) => !before.has(id)));
    const tasks = new Set(records.taskIds.filter((id) => !before.has(id)));
    const lost = acknowledged.filter((result) => !jobs.has(result.taskId ?? '')).length;
    const duplicated = tasks.size - new Set(acknowledged.map((result) => result.deliveryId)).size + [...jobs].filter((id) => !tasks.has(id)).length;
    const during = results.filter((result) => result.sentAt >= downAt && result.sentAt < upAt);
    publishReport({
      fault: `redis-outage-${name}`,
      scale: scale.name,
      sent: results.length,
      acknowledged: acknowledged.length,
      completed: jobs.size,
      lost,
      duplicated,
      details: {
        redis_stop: signal,
        appendfsync: fsync,
        outage_ms: upAt - downAt,
        sent_during_outage: during.length,
        first_answers: histogram(results.map((result) => result.firstStatus)),
        first_answers_during_outage: histogram(during.map((result) => result.firstStatus)),
        final_answers: histogram(results.map((result) => result.finalStatus)),
        tasks_in_postgres: tasks.size,
      },
    });

    expect(during.length).toBeGreaterThan(0);
    // Postgres took every task, so nothing was ever refused: 503 is only for "cannot be made durable".
    expect(results.filter((result) => result.firstStatus !== 202)).toEqual([]);
    expect(acknowledged).toHaveLength(results.length);
    expect(tasks.size).toBe(acknowledged.length);
    expect(jobs).toEqual(tasks);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  };

  it('loses nothing when Redis is stopped cleanly and started again', () => outage('clean-stop', 'SIGTERM', 'everysec'), 120_000);

  // A killed process loses nothing the kernel already has: everysec only risks the last second on a host crash.
  it('loses nothing when the Redis process crashes (SIGKILL)', () => outage('crash', 'SIGKILL', 'everysec'), 120_000);
});
