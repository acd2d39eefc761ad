// Migration 0003 back-fills the analytics roll-up from the tasks recorded before it existed.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { rowsOf } from '../../src/db/rows-of.js';
import { BUCKETS_PER_DECADE } from '../../src/read-model/latency-histogram.js';
import { insertSeedTasks, seededTask } from '../scale/seed-tasks.js';
import { createTestDatabase } from '../support/test-database.js';

const COUNT = 20_000;
const DAY_MS = 86_400_000;
const migrations = fileURLToPath(new URL('../../drizzle', import.meta.url));

describe('the roll-up back-fill of migration 0003', () => {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: DatabaseHandle;
  const tasks = Array.from({ length: COUNT }, (_, i) => seededTask(i));

  beforeAll(async () => {
    testDb = await createTestDatabase();
    // The database as it was before 0003: the first three migrations, then tasks recorded.
    const before = mkdtempSync(join(tmpdir(), 'dashboard-migrations-'));
    cpSync(migrations, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = z.object({ entries: z.array(z.object({ tag: z.string() }).passthrough()) }).passthrough().parse(JSON.parse(readFileSync(journalPath, 'utf8')));
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((entry) => entry.tag < '0003') }));
    const pool = new pg.Pool({ connectionString: testDb.url });
    try {
      const db = drizzle(pool);
      await migrate(db, { migrationsFolder: before, migrationsSchema: 'dashboard' });
      const exists = rowsOf(await db.execute(sql`SELECT to_regclass('dashboard.task_rollup') IS NOT NULL AS present`), z.object({ present: z.boolean() }));
      expect(exists[0]?.present).toBe(false);
    } finally {
      await pool.end();
      rmSync(before, { recursive: true, force: true });
    }
    database = openDatabase({ url: testDb.url, dataDir: '' });
    await insertSeedTasks(database.db, COUNT);
    await database.migrate();
  }, 120_000);
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  it('counts every task of every day, per outcome and per provider, with its cost', async () => {
    const rows = rowsOf(
      await database.db.execute(sql`
        SELECT (extract(epoch from day) * 1000)::float8 AS day, dimension, value, tasks, succeeded, failed, in_progress, cost_usd::float8 AS cost
        FROM dashboard.task_rollup WHERE dimension IN ('', 'provider') ORDER BY day, dimension, value`),
      z.object({ day: z.number(), dimension: z.string(), value: z.string().nullable(), tasks: z.number(), succeeded: z.number(), failed: z.number(), in_progress: z.number(), cost: z.number() }),
    );
    const expected = new Map<string, { tasks: number; succeeded: number; failed: number; in_progress: number; cost: number }>();
    for (const task of tasks) {
      const day = Math.floor(task.receivedAt / DAY_MS) * DAY_MS;
      for (const key of [`${day}||`, `${day}|provider|${task.provider}`]) {
        const row = expected.get(key) ?? { tasks: 0, succeeded: 0, failed: 0, in_progress: 0, cost: 0 };
        row.tasks += 1;
        if (task.status === 'succeeded') row.succeeded += 1;
        if (task.status === 'failed') row.failed += 1;
        if (task.status === 'queued' || task.status === 'running') row.in_progress += 1;
        row.cost += task.costUsd ?? 0;
        expected.set(key, row);
      }
    }
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const want = expected.get(`${row.day}|${row.dimension}|${row.value ?? ''}`);
      expect(want, `${row.day} ${row.dimension} ${row.value}`).toBeDefined();
      expect(row).toMatchObject({ tasks: want?.tasks, succeeded: want?.succeeded, failed: want?.failed, in_progress: want?.in_progress });
      expect(row.cost).toBeCloseTo(want?.cost ?? -1, 6);
    }
  });

  it('holds each run duration in its histogram bucket', async () => {
    const rows = rowsOf(
      await database.db.execute(sql`
        SELECT bucket, sum(tasks)::integer AS tasks FROM dashboard.task_rollup_latency
        WHERE dimension = '' AND metric = 'duration' GROUP BY bucket ORDER BY bucket`),
      z.object({ bucket: z.number(), tasks: z.number() }),
    );
    const expected = new Map<number, number>();
    for (const task of tasks) {
      if (task.durationMs === null) continue;
      // Durations here are whole seconds, never on a bucket's edge: the float log decides nothing.
      const bucket = 1 + Math.floor(BUCKETS_PER_DECADE * Math.log10(task.durationMs));
      expected.set(bucket, (expected.get(bucket) ?? 0) + 1);
    }
    expect(rows).toEqual([...expected].sort(([a], [b]) => a - b).map(([bucket, count]) => ({ bucket, tasks: count })));
  });
});
