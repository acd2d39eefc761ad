// Benchmark 4, dashboard: dashboard-api's task list, task detail and analytics at 1,000,000
// tasks (seeded in a throwaway database with generate_series), p50/p95 from one client, side by
// side with the bare SQL each route cannot do without, run from the same machine.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { type RunningComponent, startComponent } from '../e2e/support/processes.ts';
import { createTestDatabase } from '../e2e/support/test-database.ts';
import { type LoadResult, runLoad } from './support/load.ts';
import { REDIS_URL } from './support/platform.ts';
import { deleteQueueKeys } from './support/redis-keys.ts';
import { type ResultRow, beginBenchmark, checked } from './support/results.ts';
import { seedDashboardTasks } from './support/seed-dashboard-tasks.ts';
import { type Summary, round, summarize } from './support/stats.ts';

const { values: args } = parseArgs({ options: { tasks: { type: 'string', default: '1000000' } } });
const TASKS = Number(args.tasks);
const YEAR_MS = 365 * 86_400_000;

interface Probe {
  name: string;
  /** Path and query of one request; called for every request. */
  path: () => string;
  amount: number;
  durationS: number;
  /** Requests sent first and not counted (cold caches, JIT). @defaultValue 10 */
  warmup?: number;
  /** The SQL floor of the same answer, run with node-postgres from the benchmark. */
  floor?: { sql: string; params: () => unknown[] };
  /** p95 target, ms. */
  target?: number;
}

const bench = await beginBenchmark('dashboard');
const database = await createTestDatabase();
const prefix = `bench-${randomBytes(4).toString('hex')}`;
const taskLogsDir = mkdtempSync(path.join(tmpdir(), 'bench-dashboard-logs-'));
const adminToken = randomBytes(24).toString('hex');
let api: RunningComponent | undefined;
const results: Array<{ probe: Probe; load: LoadResult; floor: Summary | null }> = [];
let seed: Awaited<ReturnType<typeof seedDashboardTasks>>;
let sampleIds: string[] = [];
let rollupS = 0;
try {
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    TASK_LOGS_DIR: taskLogsDir,
    SERVICE_TOKEN: 'bench-service-token-0123456789abcdef',
    DASHBOARD_ADMIN_EMAIL: 'bench@example.test',
    DASHBOARD_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
  };
  // The first start applies the migrations; the API is started again on the loaded table.
  await (await startComponent('dashboard-api', env)).stop();
  console.log(`dashboard: seeding ${TASKS} tasks`);
  seed = await seedDashboardTasks(database.url, TASKS);
  console.log(`dashboard: seeded in ${round(seed.insertS)} s, indexed in ${round(seed.indexS)} s (${round(seed.tableMb)} MB)`);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // The tasks were written past the consumer, so the analytics roll-up the consumer keeps is rebuilt
  // from them, as migration 0003 does for the tasks of an existing installation.
  const rollupStarted = performance.now();
  await client.query('SELECT dashboard.refill_task_rollup()');
  await client.query('VACUUM ANALYZE dashboard.task_rollup, dashboard.task_rollup_latency');
  rollupS = (performance.now() - rollupStarted) / 1000;
  console.log(`dashboard: analytics roll-up rebuilt in ${round(rollupS)} s`);
  api = await startComponent('dashboard-api', env);

  sampleIds = z
    .array(z.object({ id: z.string() }))
    .parse((await client.query('SELECT id FROM dashboard.tasks TABLESAMPLE SYSTEM (1) LIMIT 2000')).rows)
    .map((row) => row.id);
  const pick = () => sampleIds[Math.floor(Math.random() * sampleIds.length)] ?? '';
  const now = Date.now();
  const month = { from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now).toISOString() };
  const year = { from: new Date(now - YEAR_MS).toISOString(), to: new Date(now + 60_000).toISOString() };
  const range = (r: { from: string; to: string }) => `from=${encodeURIComponent(r.from)}&to=${encodeURIComponent(r.to)}`;
  const listColumns = "id, status, provider, command, repository, author, agent, runner, model, conversation_key, received_at, started_at, finished_at, duration_ms, input_tokens, output_tokens, cost_usd, links, updated_at, left(text, 200)";
  const rangeFloor = 'SELECT count(*), sum(cost_usd), sum(input_tokens) FROM dashboard.tasks WHERE received_at >= $1 AND received_at < $2';

  const probes: Probe[] = [
    {
      name: 'task list, newest 50',
      path: () => '/api/v1/tasks',
      amount: 300,
      durationS: 10,
      floor: { sql: `SELECT ${listColumns} FROM dashboard.tasks ORDER BY received_at DESC, id DESC LIMIT 51`, params: () => [] },
      target: 50,
    },
    {
      name: 'task list, status=failed',
      path: () => '/api/v1/tasks?status=failed',
      amount: 200,
      durationS: 8,
      floor: { sql: `SELECT ${listColumns} FROM dashboard.tasks WHERE status = 'failed' ORDER BY received_at DESC, id DESC LIMIT 51`, params: () => [] },
      target: 50,
    },
    {
      name: 'task list, one repository',
      path: () => '/api/v1/tasks?repository=org-3%2Frepo-103',
      amount: 200,
      durationS: 8,
      floor: { sql: `SELECT ${listColumns} FROM dashboard.tasks WHERE repository = 'org-3/repo-103' ORDER BY received_at DESC, id DESC LIMIT 51`, params: () => [] },
      target: 50,
    },
    { name: 'task list, text search q=flaky module 42', path: () => '/api/v1/tasks?q=flaky%20module%2042', amount: 100, durationS: 8 },
    {
      name: 'task detail',
      path: () => `/api/v1/tasks/${pick()}`,
      amount: 300,
      durationS: 10,
      floor: { sql: 'SELECT * FROM dashboard.tasks WHERE id = $1', params: () => [pick()] },
    },
    { name: 'analytics series, 30 days by day', path: () => `/api/v1/analytics/series?bucket=day&${range(month)}`, amount: 40, durationS: 12, warmup: 2, floor: { sql: rangeFloor, params: () => [month.from, month.to] }, target: 300 },
    { name: 'analytics breakdown by repository, 30 days', path: () => `/api/v1/analytics/breakdown?by=repository&${range(month)}`, amount: 40, durationS: 12, warmup: 2, floor: { sql: rangeFloor, params: () => [month.from, month.to] }, target: 300 },
    { name: 'analytics series, 365 days by week', path: () => `/api/v1/analytics/series?bucket=week&${range(year)}`, amount: 10, durationS: 10, warmup: 1, floor: { sql: rangeFloor, params: () => [year.from, year.to] }, target: 300 },
    { name: 'analytics breakdown by model, 365 days', path: () => `/api/v1/analytics/breakdown?by=model&${range(year)}`, amount: 10, durationS: 10, warmup: 1, floor: { sql: rangeFloor, params: () => [year.from, year.to] }, target: 300 },
  ];

  for (const probe of probes) {
    console.log(`dashboard: ${probe.name}`);
    const headers = { authorization: `Bearer ${adminToken}` };
    const next = () => ({ method: 'GET' as const, path: probe.path(), headers });
    await runLoad({ origin: api.url, connections: 1, amount: probe.warmup ?? 10, durationS: probe.durationS, next });
    const load = await runLoad({ origin: api.url, connections: 1, amount: probe.amount, durationS: probe.durationS, next });
    if (load.succeeded === 0) throw new Error(`${probe.name}: no 200 answer (${JSON.stringify(load.unexpected)})`);
    let floor: Summary | null = null;
    if (probe.floor) {
      const samples: number[] = [];
      const deadline = performance.now() + probe.durationS * 1000;
      for (let index = 0; index < load.succeeded && performance.now() < deadline; index++) {
        const started = performance.now();
        await client.query(probe.floor.sql, probe.floor.params());
        samples.push(performance.now() - started);
      }
      floor = summarize(samples);
    }
    results.push({ probe, load, floor });
  }
  await client.end();
} finally {
  await api?.stop();
  await database.drop();
  await deleteQueueKeys(REDIS_URL, prefix);
  rmSync(taskLogsDir, { recursive: true, force: true });
}

const rows: ResultRow[] = results.flatMap(({ probe, load, floor }) => {
  const unexpected = Object.entries(load.unexpected).map(([status, count]) => `${count}×${status}`).join(', ');
  const note = [`${load.succeeded} requests`, floor ? `SQL p50 ${round(floor.p50)} ms, p95 ${round(floor.p95)} ms` : '', unexpected].filter(Boolean).join('; ');
  const p95: ResultRow = { measure: `${probe.name} p95`, value: load.latency.p95, unit: 'ms', note, ...(floor ? { ratio: { to: 'its SQL', value: load.latency.p95 / floor.p95 } } : {}) };
  return [{ measure: `${probe.name} p50`, value: load.latency.p50, unit: 'ms' }, probe.target ? checked(p95, 'below', probe.target) : { ...p95, headline: probe.name === 'task detail' }];
});

bench.finish({
  title: `Dashboard API at ${TASKS.toLocaleString('en-US')} tasks`,
  parameters: { tasks: TASKS, seed, rollupS },
  rows,
  notes: [
    'One client, one request at a time (autocannon, 1 connection), authenticated with a bearer API token; the API runs at LOG_LEVEL=warn.',
    'The SQL floor is the query each route cannot avoid, sent by node-postgres from the benchmark: the list page itself, the row by primary key, and a count and sums over the range for analytics (which also computes percentiles per bucket).',
    `Tasks spread evenly over 365 days (about ${Math.round(TASKS / 365).toLocaleString('en-US')} a day), so a 30-day range holds about ${Math.round((TASKS * 30) / 365).toLocaleString('en-US')} of them. The detail of a seeded task has no task-log files to read.`,
  ],
  details: Object.fromEntries(results.map(({ probe, load, floor }) => [probe.name, { api: load, sql: floor }])),
});
