// The read model at 100,000 tasks: every answer is checked against the seed's own formulas, and the
// query plans against the indexes. No timings: speed targets live in bench/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { type TaskListQuery, taskPageQuery } from '../../src/read-model/task-queries.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { SEED_SPACING_S, SEED_START, type SeededTask, seedTasks, seededTask } from './seed-tasks.js';

const COUNT = 100_000;

describe('100,000 tasks', () => {
  let testApp: TestApp;
  const all: SeededTask[] = Array.from({ length: COUNT }, (_, i) => seededTask(i));
  /** Newest first, as the list orders them (received_at is distinct for every seeded task). */
  const newestFirst = [...all].reverse();

  beforeAll(async () => {
    testApp = await startTestApp();
    await seedTasks(testApp.database.db, COUNT);
  }, 120_000);
  afterAll(async () => {
    await testApp.close();
  });

  const get = async (url: string) => {
    const response = await testApp.inject({ method: 'GET', url });
    expect(response.statusCode, url).toBe(200);
    return response.json();
  };

  /** Every id of a filtered list, page after page. */
  async function walk(query: string, limit = 200): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; next_cursor: string | null } = await get(`/api/v1/tasks?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next_cursor;
    } while (cursor);
    return seen;
  }

  it('opens on the newest 50 tasks', async () => {
    const page = await get('/api/v1/tasks');
    expect(page.items.map((item: { id: string }) => item.id)).toEqual(newestFirst.slice(0, 50).map((task) => task.id));
    expect(page.items[0]).toMatchObject({ status: 'succeeded', received_at: new Date(SEED_START + (COUNT - 1) * SEED_SPACING_S * 1000).toISOString() });
  });

  it('pages through a filtered set without skipping or repeating a task', async () => {
    const expected = newestFirst.filter((task) => task.provider === 'jira' && task.command === 'review' && task.agent === 'coder').map((task) => task.id);
    expect(expected.length).toBeGreaterThan(1_000);
    expect(await walk('provider=jira&command=review&agent=coder')).toEqual(expected);
  });

  it('filters by author and a date range, and searches the text', async () => {
    const from = new Date(SEED_START + 86_400_000 * 3).toISOString();
    const to = new Date(SEED_START + 86_400_000 * 4).toISOString();
    const expected = newestFirst
      .filter((task) => task.author === 'user-42' && task.receivedAt >= Date.parse(from) && task.receivedAt < Date.parse(to))
      .map((task) => task.id);
    expect(await walk(`author=user-42&from=${from}&to=${to}`)).toEqual(expected);
    expect(await walk('q=zebra')).toEqual(newestFirst.filter((task) => task.zebra).map((task) => task.id));
    expect(await walk('q=zebra&status=running')).toEqual(newestFirst.filter((task) => task.zebra && task.status === 'running').map((task) => task.id));
  });

  it('sorts the whole set by cost, the most expensive first', async () => {
    const page = await get('/api/v1/tasks?sort=cost_usd&limit=5');
    const expected = [...all]
      .filter((task) => task.costUsd !== null)
      .sort((a, b) => (b.costUsd ?? 0) - (a.costUsd ?? 0) || (a.id < b.id ? 1 : -1))
      .slice(0, 5);
    expect(page.items.map((item: { id: string; cost_usd: number }) => [item.id, item.cost_usd])).toEqual(expected.map((task) => [task.id, task.costUsd]));
  });

  it('computes analytics by SQL aggregates that match the seed', async () => {
    const from = new Date(SEED_START).toISOString();
    const to = new Date(SEED_START + 30 * 86_400_000).toISOString();
    const series = await get(`/api/v1/analytics/series?from=${from}&to=${to}`);
    expect(series.points).toHaveLength(30);
    const perDay = new Map<number, number>();
    for (const task of all) {
      const dayIndex = Math.floor((task.receivedAt - SEED_START) / 86_400_000);
      perDay.set(dayIndex, (perDay.get(dayIndex) ?? 0) + 1);
    }
    expect(series.points.map((point: { tasks: number }) => point.tasks)).toEqual(Array.from({ length: 30 }, (_, day) => perDay.get(day) ?? 0));
    const finished = all.filter((task) => task.durationMs !== null);
    const succeeded = all.filter((task) => task.status === 'succeeded').length;
    const cost = finished.reduce((sum, task) => sum + (task.costUsd ?? 0), 0);
    expect(series.totals).toMatchObject({
      tasks: COUNT,
      succeeded,
      failed: all.filter((task) => task.status === 'failed').length,
      in_progress: all.filter((task) => task.status === 'queued' || task.status === 'running').length,
      success_rate: succeeded / finished.length,
      duration_p50_ms: percentile(finished.map((task) => task.durationMs ?? 0), 0.5),
      queue_wait_p95_ms: percentile(all.flatMap((task) => (task.queueWaitMs === null ? [] : [task.queueWaitMs])), 0.95),
    });
    expect(series.totals.cost_usd).toBeCloseTo(cost, 4);

    const byRunner = await get(`/api/v1/analytics/breakdown?from=${from}&to=${to}&by=runner`);
    expect(byRunner.items.map((item: { key: string; tasks: number }) => [item.key, item.tasks])).toEqual([
      ['vllm', all.filter((task) => task.runner === 'vllm').length],
      ['claude', all.filter((task) => task.runner === 'claude').length],
    ]);
  });

  it('exports a ledger of more than one page as CSV', async () => {
    const response = await testApp.inject({ method: 'GET', url: '/api/v1/ledger/export.csv?provider=github&status=succeeded' });
    const lines = response.body.trim().split('\r\n');
    const expected = newestFirst.filter((task) => task.provider === 'github' && task.status === 'succeeded');
    expect(expected.length).toBeGreaterThan(2_000);
    expect(lines).toHaveLength(1 + expected.length);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(expected.map((task) => task.id));
  });

  it('lists conversations by latest activity', async () => {
    const page = await get('/api/v1/conversations?limit=3');
    expect(page.items.map((item: { key: string; task_count: number }) => [item.key, item.task_count])).toEqual([
      [`thread-${Math.floor((COUNT - 1) / 4)}`, 4],
      [`thread-${Math.floor((COUNT - 1) / 4) - 1}`, 4],
      [`thread-${Math.floor((COUNT - 1) / 4) - 2}`, 4],
    ]);
  });

  describe('query plans', () => {
    /** The plan Postgres picks for a list page, flattened to node types and index names. */
    async function planOf(query: TaskListQuery): Promise<string[]> {
      const { sql: text, params } = taskPageQuery(testApp.database.db, query).toSQL();
      const client = new pg.Client({ connectionString: testApp.databaseUrl });
      await client.connect();
      try {
        const result = await client.query(`EXPLAIN (FORMAT JSON) ${text}`, params);
        const nodes: string[] = [];
        const visit = (node: unknown): void => {
          if (Array.isArray(node)) return node.forEach(visit);
          if (typeof node !== 'object' || node === null) return;
          const type = 'Node Type' in node && typeof node['Node Type'] === 'string' ? node['Node Type'] : null;
          const index = 'Index Name' in node && typeof node['Index Name'] === 'string' ? ` ${node['Index Name']}` : '';
          if (type) nodes.push(`${type}${index}`);
          Object.values(node).forEach(visit);
        };
        visit(result.rows[0]?.['QUERY PLAN']);
        return nodes;
      } finally {
        await client.end();
      }
    }

    it('reads the newest page, a filtered page and the next page from indexes, never the whole table', async () => {
      // A filter that a fifth of the tasks match is cheapest read from the newest-first index, skipping
      // the others; a selective one from its own index. Either way no plan reads the whole table.
      const cases: Array<[TaskListQuery, string]> = [
        [{ limit: 51 }, 'tasks_received_at_id_idx'],
        [{ limit: 51, status: 'failed' }, 'tasks_status_received_at_id_idx'],
        [{ limit: 51, command: 'plan' }, '(tasks_command_received_at_id_idx|tasks_received_at_id_idx)'],
        [{ limit: 51, author: 'user-7' }, 'tasks_author_received_at_id_idx'],
        [{ limit: 51, repository: 'org/repo-3' }, 'tasks_repository_received_at_id_idx'],
        [{ limit: 51, after: { sort: 'received_at', order: 'desc', value: new Date(SEED_START + 86_400_000).toISOString(), id: 'task-x' } }, 'tasks_received_at_id_idx'],
        [{ limit: 51, sort: 'cost_usd' }, 'tasks_cost_id_idx'],
        [{ limit: 51, q: 'zebra' }, 'tasks_search_idx'],
      ];
      for (const [query, index] of cases) {
        const plan = await planOf(query);
        expect(plan.join(' > '), JSON.stringify(query)).toMatch(new RegExp(`Index (Only )?Scan( Backward)? ${index}|Bitmap Index Scan ${index}`));
        expect(plan, JSON.stringify(query)).not.toContain('Seq Scan');
      }
    });
  });
});

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? 0;
  const highValue = sorted[high] ?? 0;
  return Math.round(lowValue + (highValue - lowValue) * (rank - low));
}
