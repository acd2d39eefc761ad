// Retention of processed_events (the dedupe of task events): old ids go, recent ones stay, and
// an event replayed after its id is gone still changes nothing in the read model.
import { randomUUID } from 'node:crypto';
import type { TaskEvent } from '@swe-ai-fleet/contracts';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { rowsOf } from '../../src/db/rows-of.js';
import { applyTaskEvent } from '../../src/read-model/apply-task-event.js';
import { pruneProcessedEvents, startProcessedEventsPruner } from '../../src/read-model/processed-events-retention.js';
import { successfulRun, taskEvent } from '../support/task-events.js';
import { newTaskId } from '../support/task-ids.js';
import { createTestDatabase } from '../support/test-database.js';

const DAY_MS = 86_400_000;

/** Tasks in every shape the read model keeps: finished, failed after progress, still running, delivered out of order. */
function lifecycleEvents(): TaskEvent[] {
  const first = successfulRun(newTaskId());
  // A second task in the same conversation, so the conversation's count is at stake too.
  const second = successfulRun(newTaskId());
  const failedId = newTaskId();
  const failed = [
    taskEvent({ task_id: failedId, provider: 'slack', conversation_key: 'slack:C1:1700000000.1', repository: null, received_at: '2026-01-06T08:00:00.000Z', timestamp: '2026-01-06T08:00:00.000Z' }),
    taskEvent({ task_id: failedId, type: 'task_started', status: 'running', provider: 'slack', conversation_key: 'slack:C1:1700000000.1', repository: null, received_at: '2026-01-06T08:00:00.000Z', timestamp: '2026-01-06T08:00:03.000Z', started_at: '2026-01-06T08:00:03.000Z', agent: 'asker', runner: 'claude', model: 'sonnet' }),
    taskEvent({ task_id: failedId, type: 'task_progress', status: 'running', provider: 'slack', conversation_key: 'slack:C1:1700000000.1', repository: null, received_at: '2026-01-06T08:00:00.000Z', timestamp: '2026-01-06T08:00:30.000Z', usage: { input_tokens: 500, output_tokens: 20, cost_usd: 0.001 } }),
    taskEvent({ task_id: failedId, type: 'task_failed', status: 'failed', provider: 'slack', conversation_key: 'slack:C1:1700000000.1', repository: null, received_at: '2026-01-06T08:00:00.000Z', timestamp: '2026-01-06T08:01:00.000Z', started_at: '2026-01-06T08:00:03.000Z', finished_at: '2026-01-06T08:01:00.000Z', agent: 'asker', runner: 'claude', model: 'sonnet', error: 'the model server answered 500' }),
  ];
  const runningId = newTaskId();
  const running = [
    taskEvent({ task_id: runningId, command: 'review', received_at: '2026-01-07T09:00:00.000Z', timestamp: '2026-01-07T09:00:00.000Z', conversation_key: 'github:octo/hello#9' }),
    taskEvent({ task_id: runningId, type: 'task_started', status: 'running', command: 'review', received_at: '2026-01-07T09:00:00.000Z', timestamp: '2026-01-07T09:00:02.000Z', started_at: '2026-01-07T09:00:02.000Z', agent: 'reviewer', runner: 'vllm', model: 'qwen3-coder', conversation_key: 'github:octo/hello#9' }),
  ];
  const late = successfulRun(newTaskId());
  // Failed, then run again and succeeded (a later final state): the success keeps no error.
  const retried = successfulRun(newTaskId());
  const retriedFailure = taskEvent({ ...retried.completed, event_id: randomUUID(), type: 'task_failed', status: 'failed', timestamp: '2026-01-05T10:01:00.000Z', finished_at: '2026-01-05T10:01:00.000Z', usage: undefined, result: undefined, error: 'the runner crashed', links: [] });
  return [
    first.created, first.started, first.completed,
    second.created, second.started, second.completed,
    ...failed,
    ...running,
    // Arrived out of order: the final state first, then the ones it outranks.
    late.completed, late.created, late.started,
    retried.created, retried.started, retriedFailure, retried.completed,
  ];
}

/** Everything the read model holds, each table as sorted JSON rows. */
async function readModel(handle: DatabaseHandle) {
  const table = async (name: string) =>
    rowsOf(
      await handle.db.execute(sql.raw(`SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY to_jsonb(x)::text), '[]'::jsonb) AS rows FROM dashboard.${name} x`)),
      z.object({ rows: z.array(z.record(z.string(), z.unknown())) }),
    )[0]?.rows ?? [];
  return {
    tasks: await table('tasks'),
    conversations: await table('conversations'),
    task_rollup: await table('task_rollup'),
    task_rollup_latency: await table('task_rollup_latency'),
  };
}

async function processedIds(handle: DatabaseHandle): Promise<string[]> {
  const rows = rowsOf(await handle.db.execute(sql`SELECT event_id FROM dashboard.processed_events ORDER BY event_id`), z.object({ event_id: z.string() }));
  return rows.map((row) => row.event_id);
}

async function age(handle: DatabaseHandle, eventIds: string[], days: number): Promise<void> {
  for (const id of eventIds) {
    await handle.db.execute(sql`UPDATE dashboard.processed_events SET processed_at = now() - make_interval(days => ${days}) WHERE event_id = ${id}`);
  }
}

describe('processed_events retention', () => {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    handle = openDatabase({ url: testDb.url, dataDir: '' });
    await handle.migrate();
  });

  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  beforeEach(async () => {
    await handle.db.execute(sql`TRUNCATE dashboard.processed_events, dashboard.tasks, dashboard.conversations, dashboard.task_rollup, dashboard.task_rollup_latency`);
  });

  it('deletes the ids older than the retention, in batches, and keeps the recent ones', async () => {
    const events = lifecycleEvents();
    for (const event of events) expect(await applyTaskEvent(handle.db, event)).not.toBe('duplicate');
    const old = events.slice(0, 7).map((event) => event.event_id);
    const recent = events.slice(7).map((event) => event.event_id);
    await age(handle, old.slice(0, 4), 45);
    await age(handle, old.slice(4), 31);
    await age(handle, recent.slice(0, 2), 29);

    // A batch of 2 deletes 7 rows in four statements, the last one short.
    expect(await pruneProcessedEvents(handle.db, new Date(Date.now() - 30 * DAY_MS), 2)).toBe(7);
    expect(await processedIds(handle)).toEqual([...recent].sort());
    expect(await pruneProcessedEvents(handle.db, new Date(Date.now() - 30 * DAY_MS))).toBe(0);
    // A recent id still drops its duplicate.
    const kept = events[7] as TaskEvent;
    expect(await applyTaskEvent(handle.db, kept)).toBe('duplicate');
  });

  it('changes nothing in the read model when events older than the retention are replayed', async () => {
    const events = lifecycleEvents();
    for (const event of events) await applyTaskEvent(handle.db, event);
    const before = await readModel(handle);
    expect(before.tasks).toHaveLength(6);
    expect(before.conversations.find((row) => row.key === 'github:octo/hello#7')?.task_count).toBe(4);
    expect(before.tasks.find((row) => row.id === events.at(-1)?.task_id)).toMatchObject({ status: 'succeeded', error: null });
    expect(before.task_rollup.length).toBeGreaterThan(10);

    await age(handle, await processedIds(handle), 31);
    expect(await pruneProcessedEvents(handle.db, new Date(Date.now() - 30 * DAY_MS))).toBe(events.length);

    // Every event again: as it was sent, then backwards. The dedupe no longer knows them, so the
    // upsert decides, and it must leave every task, conversation and roll-up row as it was.
    for (const order of [events, [...events].reverse()]) {
      const outcomes: string[] = [];
      for (const event of order) outcomes.push(await applyTaskEvent(handle.db, event));
      expect(outcomes).not.toContain('duplicate');
      expect(await readModel(handle)).toEqual(before);
      await age(handle, await processedIds(handle), 31);
      expect(await pruneProcessedEvents(handle.db, new Date(Date.now() - 30 * DAY_MS))).toBe(events.length);
    }
  });

  it('prunes on its timer, and not after close()', async () => {
    const events = lifecycleEvents().slice(0, 3);
    for (const event of events) await applyTaskEvent(handle.db, event);
    await age(handle, [events[0]?.event_id ?? ''], 40);
    const pruner = startProcessedEventsPruner({ db: handle.db, logger: pino({ level: 'silent' }), retentionMs: 30 * DAY_MS, firstDelayMs: 10, intervalMs: 20 });
    try {
      await expect.poll(() => processedIds(handle), { timeout: 5_000, interval: 20 }).toEqual([events[1]?.event_id, events[2]?.event_id].sort());
      await age(handle, [events[1]?.event_id ?? ''], 40);
      await expect.poll(() => processedIds(handle), { timeout: 5_000, interval: 20 }).toEqual([events[2]?.event_id]);
    } finally {
      await pruner.close();
    }
    await age(handle, [events[2]?.event_id ?? ''], 40);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await processedIds(handle)).toEqual([events[2]?.event_id]);
  });
});
