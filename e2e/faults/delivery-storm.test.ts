// Fault 1: a storm of deliveries across two gateway processes sharing one Postgres and one Redis,
// 30% of them repeats of another delivery (sent to either process, possibly at the same moment as
// the first): exactly one task per distinct delivery, none lost, counted in gateway.tasks and in
// the Redis queues.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningComponent, startComponent, waitFor } from '../support/processes.js';
import { createTestDatabase } from '../support/test-database.js';
import { issueCommentCreated } from '../security/support/github-deliveries.js';
import { inPool, sleep } from './support/bounded-pool.js';
import { publishReport, histogram } from './support/fault-report.js';
import { faultScale } from './support/fault-scale.js';
import { gatewayRecords } from './support/gateway-records.js';
import { deleteQueueKeys, queueJobIds } from './support/queue-jobs.js';

const SECRET = 'storm-webhook-secret';
const REPEAT_SHARE = 0.3;
const CONCURRENCY = 48;
/** A provider redelivers what was not acknowledged; so does this sender, a bounded number of times. */
const MAX_TRIES = 8;

interface Outcome {
  deliveryId: string;
  status: number;
  taskId: string | null;
  tries: number;
}

describe('fault: a storm of deliveries with repeats across two gateways', () => {
  const scale = faultScale();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let taskLogsDir: string;
  const queuePrefix = `fault-storm-${randomUUID().slice(0, 8)}`;
  const gateways: RunningComponent[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    taskLogsDir = mkdtempSync(path.join(tmpdir(), 'fault-storm-'));
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: queuePrefix,
      TASK_LOGS_DIR: taskLogsDir,
      SERVICE_TOKEN: 'storm-service-token-0123456789',
      GITHUB_WEBHOOK_SECRET: SECRET,
      // The storm is one source far above any real rate; the limit has its own test in e2e/security.
      WEBHOOK_RATE_LIMIT_PER_MINUTE: '10000000',
      OUTBOX_RELAY_INTERVAL_MS: '1000',
      LOG_LEVEL: 'warn',
    };
    gateways.push(...(await Promise.all([startComponent('api-gateway', env), startComponent('api-gateway', env)])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await deleteQueueKeys('redis://127.0.0.1:6379', queuePrefix);
    await database?.drop();
    if (taskLogsDir) rmSync(taskLogsDir, { recursive: true, force: true });
  });

  it('creates exactly one task per distinct delivery and loses none', async () => {
    const total = scale.stormDeliveries;
    const distinct = Math.round(total * (1 - REPEAT_SHARE));
    const ids: string[] = Array.from({ length: distinct }, () => randomUUID());
    const plan = [...ids, ...Array.from({ length: total - distinct }, (_, index) => ids[(index * 7919) % distinct] ?? '')];
    // Shuffled, so a repeat can race its first delivery on the other gateway.
    for (let index = plan.length - 1; index > 0; index--) {
      const other = Math.floor(Math.random() * (index + 1));
      [plan[index], plan[other]] = [plan[other] ?? '', plan[index] ?? ''];
    }
    const body = JSON.stringify(issueCommentCreated('@agent ask why does the storm test pass?'));
    const signature = await sign(SECRET, body);

    const send = async (deliveryId: string, index: number): Promise<Outcome> => {
      for (let tries = 1; ; tries++) {
        const gateway = gateways[(index + tries) % gateways.length];
        const response = await fetch(`${gateway?.url}/webhooks/github`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-github-event': 'issue_comment', 'x-github-delivery': deliveryId, 'x-hub-signature-256': signature },
          body,
        }).catch(() => null);
        const status = response?.status ?? 0;
        const answer = response ? ((await response.json()) as { task_id?: string | null }) : {};
        if ((status === 0 || status === 429 || status >= 500) && tries < MAX_TRIES) {
          await sleep(100 * tries);
          continue;
        }
        return { deliveryId, status, taskId: answer.task_id ?? null, tries };
      }
    };
    const started = Date.now();
    const outcomes = await inPool(plan, CONCURRENCY, send);
    const seconds = (Date.now() - started) / 1000;

    const acknowledged = outcomes.filter((outcome) => outcome.status === 200 || outcome.status === 202);
    const taskOf = new Map<string, Set<string>>();
    for (const outcome of acknowledged) {
      const seen = taskOf.get(outcome.deliveryId) ?? new Set<string>();
      if (outcome.taskId) seen.add(outcome.taskId);
      taskOf.set(outcome.deliveryId, seen);
    }
    // The relay pushes what the request path could not; wait for it before counting Redis.
    const records = await waitFor('every task in Redis', async () => {
      const current = await gatewayRecords(database.url);
      return current.outboxPending === 0 ? current : undefined;
    }, 60_000);
    const jobs = new Set(await queueJobIds('redis://127.0.0.1:6379', queuePrefix, 'agent-tasks'));
    const acks = new Set(await queueJobIds('redis://127.0.0.1:6379', queuePrefix, 'notifications', 'task-*-ack'));
    const tasks = new Set(records.taskIds);
    const answeredTasks = new Set([...taskOf.values()].flatMap((set) => [...set]));
    const lost = [...answeredTasks].filter((taskId) => !tasks.has(taskId) || !jobs.has(taskId)).length + ids.filter((id) => !taskOf.has(id)).length;
    const duplicated = records.taskIds.length - taskOf.size + [...taskOf.values()].filter((set) => set.size > 1).length;

    publishReport({
      fault: 'delivery-storm',
      scale: scale.name,
      sent: total,
      acknowledged: acknowledged.length,
      completed: jobs.size,
      lost,
      duplicated,
      details: {
        distinct_deliveries: distinct,
        repeats: total - distinct,
        gateways: gateways.length,
        statuses: histogram(outcomes.map((outcome) => outcome.status)),
        redelivered: outcomes.filter((outcome) => outcome.tries > 1).length,
        tasks_in_postgres: tasks.size,
        deliveries_in_postgres: records.deliveries,
        jobs_in_agent_tasks: jobs.size,
        acknowledgement_jobs: acks.size,
        seconds: Math.round(seconds * 10) / 10,
        deliveries_per_second: Math.round(total / seconds),
      },
    });

    expect(acknowledged.length).toBe(total);
    expect(outcomes.filter((outcome) => outcome.status === 202)).toHaveLength(distinct);
    expect([...taskOf.values()].every((set) => set.size === 1)).toBe(true);
    expect(tasks.size).toBe(distinct);
    expect(records.deliveries).toBe(distinct);
    expect(jobs).toEqual(tasks);
    expect(acks.size).toBe(distinct);
    expect(answeredTasks).toEqual(tasks);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 600_000);
});
