import type { AgentTaskJob } from '@swe-ai-fleet/contracts';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { deliveries, outbox, tasks } from '../../src/db/schema.js';
import { TaskClaims } from '../../src/pipeline/task-claims.js';
import { createTestDatabase } from '../support/test-database.js';

let serial = 0;
function newTask(deliveryId: string) {
  serial += 1;
  const taskId = `task-01JD7Z8Q5W3V4X2Y1Z0A9B${String(serial).padStart(4, '0')}`;
  const receivedAt = new Date();
  const job: AgentTaskJob = {
    task_id: taskId,
    provider: 'github',
    delivery_id: deliveryId,
    command: 'ask',
    options: { depth: 'short' },
    text: `why does test ${serial} flake?`,
    author: { id: '1', login: 'octocat', association: 'OWNER' },
    repository: { owner: 'octo', name: 'hello' },
    source: { provider: 'github', owner: 'octo', repo: 'hello', issue_number: serial, is_pull_request: false, comment_id: serial },
    conversation_key: `github:octo/hello#${serial}`,
    received_at: receivedAt.toISOString(),
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };
  return { delivery: { provider: 'github' as const, deliveryId, event: 'issue_comment.created', receivedAt }, job };
}

describe('TaskClaims (group commit of new tasks)', () => {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: DatabaseHandle;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = openDatabase({ url: testDb.url, dataDir: '' });
    await database.migrate();
  });

  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  it('records deliveries that arrive together in fewer statements, each with its task and outbox row', async () => {
    let statements = 0;
    const counting = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property === 'execute') statements += 1;
        return Reflect.get(target, property, receiver);
      },
    });
    const claims = new TaskClaims(counting, { maxBatch: 8 });
    const items = Array.from({ length: 20 }, (_, index) => newTask(`batch-${index}`));
    const results = await Promise.all(items.map(({ delivery, job }) => claims.record(delivery, job)));

    expect(results).toEqual(items.map(() => ({ recorded: true })));
    expect(statements).toBeGreaterThanOrEqual(3);
    expect(statements).toBeLessThan(20);
    const ids = items.map(({ job }) => job.task_id);
    const rows = await database.db.select().from(tasks).where(inArray(tasks.id, ids));
    expect(rows).toHaveLength(20);
    const first = rows.find((row) => row.id === items[0]?.job.task_id);
    expect(first).toMatchObject({ command: 'ask', options: { depth: 'short' }, repository: 'octo/hello', status: 'queued', job: items[0]?.job });
    expect(await database.db.select().from(outbox).where(inArray(outbox.taskId, ids))).toHaveLength(20);
  });

  it('answers copies of one delivery, in one batch or later, with the first task id and creates nothing more', async () => {
    const claims = new TaskClaims(database.db);
    const copies = Array.from({ length: 5 }, () => newTask('repeated-delivery'));
    const results = await Promise.all(copies.map(({ delivery, job }) => claims.record(delivery, job)));
    const created = results.filter((result) => result.recorded);
    expect(created).toHaveLength(1);
    const firstTaskId = copies[results.findIndex((result) => result.recorded)]?.job.task_id;
    expect(results.filter((result) => !result.recorded)).toEqual(Array.from({ length: 4 }, () => ({ recorded: false, existing: { outcome: 'task_created', taskId: firstTaskId } })));

    const later = newTask('repeated-delivery');
    expect(await claims.record(later.delivery, later.job)).toEqual({ recorded: false, existing: { outcome: 'task_created', taskId: firstTaskId } });
    expect(await database.db.select().from(tasks).where(eq(tasks.deliveryId, 'repeated-delivery'))).toHaveLength(1);
    expect(await database.db.select().from(deliveries).where(eq(deliveries.deliveryId, 'repeated-delivery'))).toHaveLength(1);
  });

  it('answers a delivery that made no task with a null task id', async () => {
    const { delivery, job } = newTask('refused-delivery');
    await database.db.insert(deliveries).values({ provider: 'github', deliveryId: 'refused-delivery', event: 'issue_comment.created', outcome: 'no_mention', taskId: null, receivedAt: new Date() });
    expect(await new TaskClaims(database.db).record(delivery, job)).toEqual({ recorded: false, existing: { outcome: 'no_mention', taskId: null } });
    expect(await database.db.select().from(tasks).where(eq(tasks.id, job.task_id))).toEqual([]);
  });
});
