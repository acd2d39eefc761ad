import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { taskSeries } from '../../src/read-model/analytics-queries.js';
import { applyTaskEvent } from '../../src/read-model/apply-task-event.js';
import { listConversations } from '../../src/read-model/conversation-queries.js';
import { listTasks } from '../../src/read-model/task-queries.js';
import { successfulRun } from '../support/task-events.js';
import { newTaskId } from '../support/task-ids.js';

// `make start` without DATABASE_URL runs on embedded PGlite: the migrations and the read model's
// SQL (generated columns, full-text search, percentiles, time zones) must work there too.
describe('the embedded PGlite database', () => {
  let dir: string;
  let database: DatabaseHandle;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dashboard-pglite-'));
    database = openDatabase({ dataDir: dir });
    await database.migrate();
  }, 60_000);
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies the migrations and answers the list, search, analytics and conversations', async () => {
    const taskId = newTaskId();
    const run = successfulRun(taskId);
    expect(await applyTaskEvent(database.db, run.created)).toBe('applied');
    expect(await applyTaskEvent(database.db, run.completed)).toBe('applied');
    expect(await applyTaskEvent(database.db, run.completed)).toBe('duplicate');
    const found = await listTasks(database.db, { limit: 5, q: 'flak' });
    expect(found.items.map((task) => [task.id, task.duration_ms])).toEqual([[taskId, 130_000]]);
    const { totals } = await taskSeries(database.db, { from: '2026-01-05T00:00:00Z', to: '2026-01-06T00:00:00Z', timeZone: 'Europe/Paris' }, 'day');
    expect(totals).toMatchObject({ tasks: 1, succeeded: 1, duration_p50_ms: 130_000, cost_usd: 0.0412 });
    expect((await listConversations(database.db, { limit: 5 })).items).toEqual([expect.objectContaining({ key: 'github:octo/hello#7', task_count: 1 })]);
  });
});
