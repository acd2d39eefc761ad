import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTaskEvent } from '../../src/read-model/apply-task-event.js';
import { taskEvent } from '../support/task-events.js';
import { newTaskId } from '../support/task-ids.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

interface Row {
  id: string;
  command: string;
  agent: string;
  runner: string;
  author: string;
  text: string;
  day: number;
  receivedAt: string;
  durationMs: number | null;
  cost: number | null;
}

const day = (n: number, minute = 0) => new Date(Date.UTC(2026, 1, n, 9, minute)).toISOString();

describe('GET /api/v1/tasks: filters, search and sorting', () => {
  let testApp: TestApp;
  const rows: Row[] = [];

  const ids = async (query: string) => {
    const response = await testApp.inject({ method: 'GET', url: `/api/v1/tasks?limit=200&${query}` });
    expect(response.statusCode, query).toBe(200);
    return response.json().items.map((item: { id: string }) => item.id);
  };
  const expected = (keep: (row: Row) => boolean) =>
    rows
      .filter(keep)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || (a.id < b.id ? 1 : -1))
      .map((row) => row.id);

  beforeAll(async () => {
    testApp = await startTestApp();
    const texts = ['fix the flaky login test', 'review the caching PR', 'why does the build fail on arm64?', 'implement dark mode for settings'];
    for (let i = 0; i < 24; i += 1) {
      const finished = i % 4 !== 3;
      const row: Row = {
        id: newTaskId(),
        command: ['fix', 'review', 'ask', 'implement'][i % 4] ?? 'ask',
        agent: i % 3 === 0 ? 'reviewer' : 'coder',
        runner: i % 2 === 0 ? 'vllm' : 'claude',
        author: i % 5 === 0 ? 'hubot' : 'octocat',
        text: `@agent ${texts[i % 4]} #${i}`,
        day: 1 + (i % 12),
        receivedAt: day(1 + (i % 12), i),
        durationMs: finished ? 1_000 * ((i * 7) % 13) + 500 : null,
        cost: finished ? Number((0.001 * ((i * 5) % 11)).toFixed(6)) : null,
      };
      rows.push(row);
      const receivedAt = row.receivedAt;
      const startedAt = day(row.day, i + 1);
      await applyTaskEvent(
        testApp.database.db,
        taskEvent({
          task_id: row.id,
          type: finished ? 'task_completed' : 'task_started',
          status: finished ? 'succeeded' : 'running',
          command: row.command,
          agent: row.agent,
          runner: row.runner,
          author: { id: row.author, login: row.author },
          text: row.text,
          received_at: receivedAt,
          timestamp: receivedAt,
          started_at: startedAt,
          finished_at: row.durationMs === null ? undefined : new Date(Date.parse(startedAt) + row.durationMs).toISOString(),
          usage: row.cost === null ? undefined : { input_tokens: 100, output_tokens: 10, cost_usd: row.cost },
        }),
      );
    }
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('filters by command, agent, runner and author, alone and together', async () => {
    expect(await ids('command=review')).toEqual(expected((row) => row.command === 'review'));
    expect(await ids('agent=reviewer')).toEqual(expected((row) => row.agent === 'reviewer'));
    expect(await ids('runner=claude&author=hubot')).toEqual(expected((row) => row.runner === 'claude' && row.author === 'hubot'));
    expect(await ids('command=fix&agent=coder&runner=vllm')).toEqual(expected((row) => row.command === 'fix' && row.agent === 'coder' && row.runner === 'vllm'));
    expect(await ids('author=nobody')).toEqual([]);
  });

  it('filters by a date range: from inclusive, to exclusive', async () => {
    expect(await ids(`from=${day(3)}&to=${day(6)}`)).toEqual(expected((row) => row.day >= 3 && row.day < 6));
    expect(await ids(`from=${encodeURIComponent('2026-02-10T00:00:00+02:00')}`)).toEqual(expected((row) => row.day >= 10));
    const backwards = await testApp.inject({ method: 'GET', url: `/api/v1/tasks?from=${day(6)}&to=${day(3)}` });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toContain('from must be before to');
  });

  it('searches words and word prefixes in the request, the repository, the command and the author', async () => {
    expect(await ids('q=flaky')).toEqual(expected((row) => row.text.includes('flaky')));
    expect(await ids('q=FLAK')).toEqual(expected((row) => row.text.includes('flaky')));
    expect(await ids('q=build%20arm64')).toEqual(expected((row) => row.text.includes('arm64')));
    expect(await ids('q=hubot')).toEqual(expected((row) => row.author === 'hubot'));
    expect(await ids('q=octo/hello')).toHaveLength(24);
    expect(await ids('q=dark%20nothing')).toEqual([]);
    // Punctuation and tsquery operators are words or nothing, never syntax.
    expect(await ids(`q=${encodeURIComponent("!:*&|'(")}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent("fix' & !")}`)).toEqual(expected((row) => row.command === 'fix'));
  });

  it('sorts by duration and cost either way, tasks without a value last, and pages through each order', async () => {
    const byDurationDesc = [...rows].sort((a, b) => nullsLast(a.durationMs, b.durationMs, -1) || (a.id < b.id ? 1 : -1)).map((row) => row.id);
    const byCostAsc = [...rows].sort((a, b) => nullsLast(a.cost, b.cost, 1) || (a.id < b.id ? -1 : 1)).map((row) => row.id);
    expect(await ids('sort=duration_ms')).toEqual(byDurationDesc);
    expect(await ids('sort=cost_usd&order=asc')).toEqual(byCostAsc);
    for (const [query, order] of [
      ['sort=duration_ms', byDurationDesc],
      ['sort=cost_usd&order=asc', byCostAsc],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await testApp.inject({ method: 'GET', url: `/api/v1/tasks?${query}&limit=5${cursor ? `&cursor=${cursor}` : ''}` });
        const page: { items: Array<{ id: string }>; next_cursor: string | null } = response.json();
        seen.push(...page.items.map((item) => item.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen, query).toEqual(order);
    }
  });

  it('refuses a cursor made for another order', async () => {
    const first = (await testApp.inject({ method: 'GET', url: '/api/v1/tasks?sort=cost_usd&limit=2' })).json();
    const mixed = await testApp.inject({ method: 'GET', url: `/api/v1/tasks?sort=duration_ms&limit=2&cursor=${first.next_cursor}` });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().code).toBe('invalid_cursor');
    const flipped = await testApp.inject({ method: 'GET', url: `/api/v1/tasks?sort=cost_usd&order=asc&limit=2&cursor=${first.next_cursor}` });
    expect(flipped.statusCode).toBe(400);
  });
});

/** Compares two nullable values in `direction` (1 ascending, -1 descending), nulls after every value. */
function nullsLast(a: number | null, b: number | null, direction: 1 | -1): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a - b) * direction;
}
