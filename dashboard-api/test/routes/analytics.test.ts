import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTaskEvent } from '../../src/read-model/apply-task-event.js';
import { taskEvent } from '../support/task-events.js';
import { newTaskId } from '../support/task-ids.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

/** Five tasks over two days, with round numbers so every aggregate can be checked by hand. */
const TASKS = [
  { at: '2026-03-02T08:00:00.000Z', status: 'succeeded', provider: 'github', model: 'qwen', waitMs: 1_000, durationMs: 10_000, cost: 0.1, tokens: [1000, 100] },
  { at: '2026-03-02T09:00:00.000Z', status: 'succeeded', provider: 'github', model: 'qwen', waitMs: 3_000, durationMs: 30_000, cost: 0.3, tokens: [3000, 300] },
  { at: '2026-03-02T23:30:00.000Z', status: 'failed', provider: 'slack', model: 'llama', waitMs: 5_000, durationMs: 50_000, cost: 0.05, tokens: [500, 50] },
  { at: '2026-03-04T10:00:00.000Z', status: 'succeeded', provider: 'jira', model: 'qwen', waitMs: 2_000, durationMs: 20_000, cost: 0.2, tokens: [2000, 200] },
  { at: '2026-03-04T11:00:00.000Z', status: 'running', provider: 'jira', model: 'qwen', waitMs: 4_000, durationMs: null, cost: null, tokens: null },
] as const;

describe('analytics and the ledger', () => {
  let testApp: TestApp;
  const get = async (url: string) => {
    const response = await testApp.inject({ method: 'GET', url });
    const json = response.headers['content-type']?.toString().startsWith('application/json');
    return { status: response.statusCode, body: json ? response.json() : null, headers: response.headers, text: response.body };
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    for (const task of TASKS) {
      const started = new Date(Date.parse(task.at) + task.waitMs).toISOString();
      const finished = task.durationMs === null ? undefined : new Date(Date.parse(started) + task.durationMs).toISOString();
      await applyTaskEvent(
        testApp.database.db,
        taskEvent({
          task_id: newTaskId(),
          type: finished ? (task.status === 'failed' ? 'task_failed' : 'task_completed') : 'task_started',
          status: task.status,
          provider: task.provider,
          repository: task.provider === 'github' ? { owner: 'octo', name: 'hello' } : null,
          model: task.model,
          agent: 'coder',
          runner: 'vllm',
          received_at: task.at,
          timestamp: finished ?? started,
          started_at: started,
          finished_at: finished,
          usage: task.tokens ? { input_tokens: task.tokens[0], output_tokens: task.tokens[1], cost_usd: task.cost ?? 0 } : undefined,
          text: `@agent ask, ${task.provider}; "quoted"`,
        }),
      );
    }
  });
  afterAll(async () => {
    await testApp.close();
  });

  const range = 'from=2026-03-02T00:00:00.000Z&to=2026-03-05T00:00:00.000Z';

  it('gives one point per day, empty days included, with counts, percentiles, cost and tokens', async () => {
    const { status, body } = await get(`/api/v1/analytics/series?${range}`);
    expect(status).toBe(200);
    expect(body.points.map((point: { start: string }) => point.start)).toEqual([
      '2026-03-02T00:00:00.000Z',
      '2026-03-03T00:00:00.000Z',
      '2026-03-04T00:00:00.000Z',
    ]);
    const [monday, tuesday, wednesday] = body.points;
    expect(monday).toMatchObject({ tasks: 3, succeeded: 2, failed: 1, success_rate: 2 / 3, duration_p50_ms: 30_000, queue_wait_p50_ms: 3_000, cost_usd: 0.45, input_tokens: 4500, output_tokens: 450 });
    // percentile_cont interpolates: p95 of 10, 30 and 50 s is 48 s.
    expect(monday.duration_p95_ms).toBe(48_000);
    expect(tuesday).toMatchObject({ tasks: 0, success_rate: null, duration_p50_ms: null, cost_usd: 0 });
    expect(wednesday).toMatchObject({ tasks: 2, succeeded: 1, in_progress: 1, success_rate: 1, duration_p50_ms: 20_000, queue_wait_p50_ms: 3_000 });
    expect(body.totals).toMatchObject({ tasks: 5, succeeded: 3, failed: 1, in_progress: 1, success_rate: 0.75, cost_usd: 0.65, input_tokens: 6500 });
  });

  it('cuts days at the midnight of the time zone asked for', async () => {
    const { body } = await get(`/api/v1/analytics/series?${range}&tz=America/New_York`);
    // 23:30 UTC on the 2nd is 18:30 in New York: still the 2nd; 08:00 UTC is 03:00, also the 2nd.
    expect(body.points.map((point: { start: string; tasks: number }) => [point.start, point.tasks])).toEqual([
      ['2026-03-01T05:00:00.000Z', 0],
      ['2026-03-02T05:00:00.000Z', 3],
      ['2026-03-03T05:00:00.000Z', 0],
      ['2026-03-04T05:00:00.000Z', 2],
    ]);
    expect(body.time_zone).toBe('America/New_York');
  });

  it('narrows every aggregate with the task filters', async () => {
    const { body } = await get(`/api/v1/analytics/series?${range}&provider=github&bucket=week`);
    expect(body.totals).toMatchObject({ tasks: 2, succeeded: 2, cost_usd: 0.4 });
    expect(body.points).toHaveLength(1);
  });

  it('breaks the range down by provider, model or repository, the largest groups first', async () => {
    const providers = (await get(`/api/v1/analytics/breakdown?${range}&by=provider`)).body.items;
    expect(providers.map((item: { key: string; tasks: number }) => [item.key, item.tasks])).toEqual([
      ['github', 2],
      ['jira', 2],
      ['slack', 1],
    ]);
    const models = (await get(`/api/v1/analytics/breakdown?${range}&by=model`)).body.items;
    expect(models[0]).toMatchObject({ key: 'qwen', tasks: 4, cost_usd: 0.6, success_rate: 1 });
    const repositories = (await get(`/api/v1/analytics/breakdown?${range}&by=repository`)).body.items;
    expect(repositories.map((item: { key: string | null }) => item.key)).toEqual([null, 'octo/hello']);
  });

  it('refuses a range of too many buckets, a backwards range and an unknown time zone', async () => {
    const tooMany = await get('/api/v1/analytics/series?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=hour');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toMatch(/at most 1000/);
    expect((await get('/api/v1/analytics/series?from=2026-03-05T00:00:00Z&to=2026-03-01T00:00:00Z')).status).toBe(400);
    expect((await get('/api/v1/analytics/series?tz=Mars/Olympus_Mons')).status).toBe(400);
    expect((await get('/api/v1/analytics/breakdown?by=colour')).status).toBe(400);
  });

  it('totals the ledger per period', async () => {
    const { body } = await get(`/api/v1/ledger?${range}&period=day`);
    expect(body.periods.map((period: { cost_usd: number }) => period.cost_usd)).toEqual([0.45, 0, 0.2]);
    expect(body.totals).toEqual({ tasks: 5, input_tokens: 6500, output_tokens: 650, cost_usd: 0.65 });
    const monthly = (await get(`/api/v1/ledger?${range}&period=month`)).body;
    expect(monthly.periods).toEqual([{ start: '2026-03-01T00:00:00.000Z', tasks: 5, input_tokens: 6500, output_tokens: 650, cost_usd: 0.65 }]);
  });

  it('exports the ledger as CSV, newest first, quoting what needs it', async () => {
    const { status, headers, text } = await get(`/api/v1/ledger/export.csv?${range}&status=succeeded`);
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(headers['content-disposition']).toMatch(/^attachment; filename="swe-ai-fleet-ledger-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('task_id,received_at,finished_at,status,provider,repository,command,author,agent,runner,model,duration_ms,input_tokens,output_tokens,cost_usd');
    expect(lines.slice(1, -1).map((line) => line.split(',').slice(1, 2)[0])).toEqual(['2026-03-04T10:00:00.000Z', '2026-03-02T09:00:00.000Z', '2026-03-02T08:00:00.000Z']);
    expect(lines[2]).toMatch(/,succeeded,github,octo\/hello,fix,octocat,coder,vllm,qwen,30000,3000,300,0.3$/);
    expect(lines.at(-1)).toBe('');
  });

  it('exports every task when no filter narrows it', async () => {
    const { text } = await get('/api/v1/ledger/export.csv');
    expect(text.trim().split('\r\n')).toHaveLength(1 + TASKS.length);
  });
});
