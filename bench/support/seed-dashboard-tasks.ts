import pg from 'pg';
import { z } from 'zod';

const IndexSchema = z.object({ indexname: z.string(), indexdef: z.string() });

/**
 * One year of tasks, generated in Postgres (generate_series), shaped like the read model
 * dashboard-api keeps: 60 % GitHub, 20 % Slack, 15 % Jira, 5 % Sentry; 250 repositories; 500
 * authors; 85 % succeeded, 10 % failed, 5 % cancelled, the newest 20 still queued or running;
 * run times of seconds to minutes, tokens and cost. `setseed` makes every run the same data.
 */
const INSERT_TASKS = `
INSERT INTO dashboard.tasks (
  id, status, provider, command, repository, author, text, agent, runner, model, conversation_key,
  received_at, started_at, finished_at, input_tokens, output_tokens, cost_usd, result, error, status_rank, state_at
)
SELECT
  'task-01' || lpad(upper(to_hex(g)), 8, '0') || upper(substr(md5(g::text), 1, 16)),
  s.status, s.provider, s.command, s.repository,
  jsonb_build_object('id', (g % 500)::text, 'login', 'user-' || (g % 500), 'association', 'MEMBER'),
  'please ' || s.command || ' the flaky test in module ' || (g % 997) || ': ' || md5(g::text),
  CASE WHEN s.status = 'queued' THEN NULL WHEN s.command = 'review' THEN 'reviewer' ELSE 'default' END,
  CASE WHEN s.status = 'queued' THEN NULL WHEN g % 10 = 0 THEN 'claude' ELSE 'vllm' END,
  CASE WHEN s.status = 'queued' THEN NULL WHEN g % 3 = 0 THEN 'devstral-small' ELSE 'qwen2.5-coder-32b' END,
  s.provider || ':' || coalesce(s.repository, 'team') || '#' || (g % 50000),
  s.received_at, s.started_at, s.finished_at,
  CASE WHEN s.finished_at IS NULL THEN NULL ELSE 1000 + (g::bigint * 7919) % 49000 END,
  CASE WHEN s.finished_at IS NULL THEN NULL ELSE 100 + (g::bigint * 104729) % 4900 END,
  CASE WHEN s.finished_at IS NULL THEN NULL ELSE round(((1000 + (g::bigint * 7919) % 49000) * 0.0000006 + (100 + (g::bigint * 104729) % 4900) * 0.0000024)::numeric, 6) END,
  CASE WHEN s.status = 'succeeded' THEN 'Done: the test now awaits the redirect before it reads the cookie.' END,
  CASE WHEN s.status = 'failed' THEN 'the model server answered 503 three times' END,
  CASE WHEN s.finished_at IS NOT NULL THEN 2 WHEN s.started_at IS NOT NULL THEN 1 ELSE 0 END,
  coalesce(s.finished_at, s.started_at, s.received_at)
FROM generate_series(1, $1::integer) AS g
CROSS JOIN LATERAL (
  SELECT
    now() - make_interval(secs => ($1::integer - g) * (31536000.0 / $1::integer) + random()) AS received_at,
    random() AS wait, random() AS roll, random() AS length,
    (ARRAY['github','github','github','github','github','github','slack','slack','jira','jira','jira','sentry'])[1 + g % 12] AS provider,
    (ARRAY['ask','review','fix','implement','plan'])[1 + (g / 7) % 5] AS command
) a
CROSS JOIN LATERAL (
  SELECT
    a.provider, a.command, a.received_at,
    CASE WHEN a.provider = 'slack' AND g % 3 = 0 THEN NULL ELSE 'org-' || (g % 20) || '/repo-' || (g % 250) END AS repository,
    CASE WHEN g > $1::integer - 10 THEN 'queued' WHEN g > $1::integer - 20 THEN 'running'
         WHEN a.roll < 0.85 THEN 'succeeded' WHEN a.roll < 0.95 THEN 'failed' ELSE 'cancelled' END AS status,
    CASE WHEN g > $1::integer - 10 THEN NULL ELSE a.received_at + make_interval(secs => 0.2 + a.wait * 3) END AS started_at,
    CASE WHEN g > $1::integer - 20 THEN NULL ELSE a.received_at + make_interval(secs => 0.2 + a.wait * 3 + 5 + a.length * 600) END AS finished_at
) s`;

export interface SeedReport {
  tasks: number;
  insertS: number;
  indexS: number;
  tableMb: number;
}

/**
 * Fills dashboard-api's `dashboard.tasks` (already migrated) with `count` tasks. The table's
 * secondary indexes are dropped first and rebuilt from their own definitions afterwards, as a
 * bulk load would, then the table is vacuumed and analyzed.
 */
export async function seedDashboardTasks(databaseUrl: string, count: number): Promise<SeedReport> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET maintenance_work_mem = '256MB'");
    const indexes = z
      .array(IndexSchema)
      .parse(
        (await client.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'dashboard' AND tablename = 'tasks' AND indexname <> 'tasks_pkey'")).rows,
      );
    for (const index of indexes) await client.query(`DROP INDEX dashboard."${index.indexname}"`);
    const insertStarted = performance.now();
    await client.query('SELECT setseed(0.42)');
    await client.query(INSERT_TASKS, [count]);
    const indexStarted = performance.now();
    for (const index of indexes) await client.query(index.indexdef);
    await client.query('VACUUM ANALYZE dashboard.tasks');
    const finished = performance.now();
    const size = z.object({ bytes: z.coerce.number() }).parse((await client.query("SELECT pg_total_relation_size('dashboard.tasks') AS bytes")).rows[0]);
    return { tasks: count, insertS: (indexStarted - insertStarted) / 1000, indexS: (finished - indexStarted) / 1000, tableMb: size.bytes / 2 ** 20 };
  } finally {
    await client.end();
  }
}
