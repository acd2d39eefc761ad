// The analytics roll-up, kept event by event, against the roll-up computed from the tasks
// themselves, after events delivered in a random order, twice, re-sent, and several at once.
import type { TaskEvent } from '@swe-ai-fleet/contracts';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../src/db/database.js';
import { rowsOf } from '../../src/db/rows-of.js';
import { type AnalyticsRange, type Bucket, type Dimension, taskBreakdown, taskSeries } from '../../src/read-model/analytics-queries.js';
import { applyTaskEvent } from '../../src/read-model/apply-task-event.js';
import { taskEvent } from '../support/task-events.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

/** mulberry32: a small seeded generator, so a failure can be replayed with its seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick, int: (below: number) => Math.floor(next() * below) };
}

const START = Date.parse('2026-03-01T18:00:00.000Z');
const SPAN_MS = 3 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The events of `count` random tasks: created, started (maybe re-assigned), finished (maybe with another model), some never finished. */
function randomEvents(seed: number, count: number): TaskEvent[] {
  const random = generator(seed);
  const events: TaskEvent[] = [];
  for (let n = 0; n < count; n += 1) {
    const task_id = `task-0${seed.toString(32).toUpperCase().padStart(5, '0')}${n.toString().padStart(20, '0')}`;
    const receivedAt = START + random.int(SPAN_MS);
    const base = { task_id, provider: random.pick(['github', 'slack', 'jira'] as const), command: random.pick(['fix', 'ask', 'review']), received_at: iso(receivedAt) };
    events.push(taskEvent({ ...base, timestamp: iso(receivedAt) }));
    if (random.next() < 0.1) continue;
    const startedAt = receivedAt + random.int(20_000);
    const assigned = { agent: random.pick(['coder', 'reviewer']), runner: random.pick(['vllm', 'claude']), model: random.pick(['qwen', 'llama']) };
    events.push(taskEvent({ ...base, type: 'task_started', status: 'running', timestamp: iso(startedAt), started_at: iso(startedAt), ...assigned }));
    if (random.next() < 0.3) {
      events.push(taskEvent({ ...base, type: 'task_progress', status: 'running', timestamp: iso(startedAt + 1_000), started_at: iso(startedAt), ...assigned, model: random.pick(['qwen', 'llama', 'mistral']) }));
    }
    if (random.next() < 0.15) continue;
    const finishedAt = startedAt + 1_000 + random.int(900_000);
    const status = random.pick(['succeeded', 'succeeded', 'failed', 'cancelled'] as const);
    events.push(
      taskEvent({
        ...base,
        type: status === 'succeeded' ? 'task_completed' : 'task_failed',
        status,
        timestamp: iso(finishedAt),
        started_at: iso(startedAt),
        finished_at: iso(finishedAt),
        ...assigned,
        ...(random.next() < 0.3 ? { model: random.pick(['qwen', 'llama', 'mistral']) } : {}),
        usage: { input_tokens: random.int(50_000), output_tokens: random.int(5_000), cost_usd: random.int(100_000) / 1_000_000 },
      }),
    );
  }
  // A random order, a quarter delivered twice (same event id), a few re-sent by a producer (new id).
  const deliveries = [...events];
  for (const event of events) {
    if (random.next() < 0.25) deliveries.push(event);
    if (random.next() < 0.05) deliveries.push({ ...event, event_id: randomUUID() });
  }
  for (let i = deliveries.length - 1; i > 0; i -= 1) {
    const j = random.int(i + 1);
    [deliveries[i], deliveries[j]] = [deliveries[j] as TaskEvent, deliveries[i] as TaskEvent];
  }
  return deliveries;
}

async function snapshot(db: Database) {
  const rollup = await db.execute(sql`
    SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, dimension, value, tasks, succeeded, failed, cancelled, in_progress, cost_usd::text, input_tokens::text, output_tokens::text
    FROM dashboard.task_rollup WHERE (tasks, succeeded, failed, cancelled, in_progress, cost_usd, input_tokens, output_tokens) <> (0, 0, 0, 0, 0, 0, 0, 0)
    ORDER BY day, dimension, value NULLS FIRST`);
  const latency = await db.execute(sql`
    SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, dimension, value, metric, bucket, tasks
    FROM dashboard.task_rollup_latency WHERE tasks <> 0 ORDER BY day, dimension, value NULLS FIRST, metric, bucket`);
  const anyRow = z.record(z.string(), z.unknown());
  return { rollup: rowsOf(rollup, anyRow), latency: rowsOf(latency, anyRow) };
}

describe.each([1, 2, 3])('the analytics roll-up, seed %i', (seed) => {
  let testApp: TestApp;
  let db: Database;

  beforeAll(async () => {
    testApp = await startTestApp();
    db = testApp.database.db;
    const deliveries = randomEvents(seed, 60);
    // Four at a time, as the consumer's concurrency would: events of one task wait for each other.
    for (let i = 0; i < deliveries.length; i += 4) await Promise.all(deliveries.slice(i, i + 4).map((event) => applyTaskEvent(db, event)));
  }, 60_000);
  afterAll(async () => {
    await testApp.close();
  });

  it('equals the roll-up computed from the tasks as they ended up', async () => {
    const kept = await snapshot(db);
    expect(kept.rollup.length).toBeGreaterThan(20);
    expect(kept.latency.length).toBeGreaterThan(50);
    await db.execute(sql`SELECT dashboard.refill_task_rollup()`);
    expect(kept).toEqual(await snapshot(db));
    // Every task counted once per dimension and day: the '' rows hold every task.
    const [count] = rowsOf(await db.execute(sql`SELECT count(*)::integer AS n FROM dashboard.tasks`), z.object({ n: z.number() }));
    expect(kept.rollup.filter((row) => row.dimension === '').reduce((total, row) => total + Number(row.tasks), 0)).toBe(count?.n);
  });

  const ranges: Array<{ name: string; range: Omit<AnalyticsRange, 'timeZone'> & { timeZone?: string }; bucket: Bucket }> = [
    { name: 'whole UTC days', range: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-06T00:00:00.000Z' }, bucket: 'day' },
    { name: 'partial days at both ends, by hour', range: { from: '2026-03-01T21:30:00.000Z', to: '2026-03-03T13:15:00.000Z' }, bucket: 'hour' },
    { name: 'days of New York', range: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-06T00:00:00.000Z', timeZone: 'America/New_York' }, bucket: 'day' },
    { name: 'a week in Kolkata (UTC+5:30)', range: { from: '2026-02-25T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', timeZone: 'Asia/Kolkata' }, bucket: 'week' },
    { name: 'one provider', range: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-06T00:00:00.000Z', provider: 'github' }, bucket: 'day' },
    { name: 'failed tasks', range: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-06T00:00:00.000Z', status: 'failed' }, bucket: 'day' },
  ];

  /** Counts and sums equal; each percentile within the 10 % of its histogram bucket. */
  function expectClose(fromRollup: object, exact: object) {
    const answered = new Map(Object.entries(fromRollup));
    for (const [field, value] of Object.entries(exact)) {
      const other: unknown = answered.get(field);
      if (typeof value === 'number' && field.endsWith('_ms')) {
        expect(other, field).not.toBeNull();
        expect(Math.abs(Number(other) - value), `${field}: ${String(other)} against ${value}`).toBeLessThanOrEqual(Math.max(1, value * 0.1));
      } else if (field === 'cost_usd' || field === 'success_rate') {
        expect(other, field).toBeCloseTo(Number(value), 6);
      } else {
        expect(other, field).toEqual(value);
      }
    }
  }

  it.each(ranges)('answers a series over $name as the tasks do', async ({ range, bucket }) => {
    const asked = { timeZone: 'UTC', ...range };
    const exact = await taskSeries(db, asked, bucket, { exactUpTo: Number.POSITIVE_INFINITY });
    const rolled = await taskSeries(db, asked, bucket, { exactUpTo: 0 });
    expect(rolled.points.map((point) => point.start)).toEqual(exact.points.map((point) => point.start));
    expect(exact.totals.tasks).toBeGreaterThan(0);
    exact.points.forEach((point, index) => expectClose(rolled.points[index] ?? {}, point));
    expectClose(rolled.totals, exact.totals);
  });

  it.each(['provider', 'model', 'status', 'runner'] as Dimension[])('breaks the range down by %s as the tasks do', async (by) => {
    const range = { from: '2026-03-01T06:00:00.000Z', to: '2026-03-04T18:00:00.000Z', timeZone: 'UTC' };
    const exact = await taskBreakdown(db, range, by, 20, { exactUpTo: Number.POSITIVE_INFINITY });
    const rolled = await taskBreakdown(db, range, by, 20, { exactUpTo: 0 });
    expect(rolled.map((row) => row.key)).toEqual(exact.map((row) => row.key));
    exact.forEach((row, index) => expectClose(rolled[index] ?? {}, row));
    const one = await taskBreakdown(db, { ...range, [by]: exact[0]?.key ?? '' }, by, 20, { exactUpTo: 0 });
    expect(one.map((row) => [row.key, row.tasks])).toEqual([[exact[0]?.key, exact[0]?.tasks]]);
  });
});
