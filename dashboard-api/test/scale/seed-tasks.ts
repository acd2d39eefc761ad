import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';

const PROVIDERS = ['github', 'jira', 'slack', 'sentry', 'custom'] as const;
const COMMANDS = ['ask', 'fix', 'review', 'implement', 'plan'] as const;
const AGENTS = ['coder', 'reviewer', 'planner'] as const;
export const SEED_START = Date.UTC(2026, 0, 1);
/** Seconds between two seeded tasks: 100,000 tasks span about 29 days. */
export const SEED_SPACING_S = 25;

/**
 * Task number i of the seed, computed exactly as the SQL below computes it, so a test knows the
 * answer to every question without asking the database.
 */
export function seededTask(i: number) {
  const kind = i % 20;
  const status = kind === 0 ? 'failed' : kind === 1 ? 'cancelled' : kind === 2 ? 'running' : kind === 3 ? 'queued' : 'succeeded';
  const provider = PROVIDERS[i % 5] ?? 'github';
  const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled';
  const receivedAt = SEED_START + i * SEED_SPACING_S * 1000;
  return {
    id: `task-${i.toString(16).toUpperCase().padStart(26, '0')}`,
    status,
    provider,
    command: COMMANDS[Math.floor(i / 5) % 5] ?? 'ask',
    repository: provider === 'sentry' || provider === 'custom' ? null : `org/repo-${i % 50}`,
    author: `user-${i % 200}`,
    agent: status === 'queued' ? null : (AGENTS[i % 3] ?? 'coder'),
    runner: i % 4 === 0 ? 'claude' : 'vllm',
    receivedAt,
    queueWaitMs: status === 'queued' ? null : (i % 10) * 1000,
    durationMs: finished ? ((i % 100) + 1) * 1000 : null,
    costUsd: finished ? (i % 1000) / 10_000 : null,
    zebra: i % 1000 === 7,
  };
}
export type SeededTask = ReturnType<typeof seededTask>;

/** `count` tasks (and their conversations, four tasks each, and the analytics roll-up) in INSERT … SELECT statements. */
export async function seedTasks(db: Database, count: number): Promise<void> {
  await insertSeedTasks(db, count);
  await db.execute(sql`
    INSERT INTO dashboard.conversations (key, provider, repository, first_task_id, first_at, last_at, task_count)
    SELECT DISTINCT ON (conversation_key) conversation_key, provider, repository, id, received_at,
      max(received_at) OVER (PARTITION BY conversation_key), count(*) OVER (PARTITION BY conversation_key)
    FROM dashboard.tasks ORDER BY conversation_key, received_at, id`);
  // Written past the consumer, as a bulk load would be: the analytics roll-up is rebuilt from them.
  await db.execute(sql`SELECT dashboard.refill_task_rollup()`);
  await db.execute(sql`ANALYZE dashboard.tasks`);
  await db.execute(sql`ANALYZE dashboard.conversations`);
}

/** The `dashboard.tasks` rows of the seed alone (they need only the first migrations' table). */
export async function insertSeedTasks(db: Database, count: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO dashboard.tasks (
      id, status, status_rank, state_at, provider, command, repository, author, text, agent, runner, model,
      conversation_key, received_at, started_at, finished_at, input_tokens, output_tokens, cost_usd, result, error, links
    )
    SELECT
      'task-' || lpad(upper(to_hex(i)), 26, '0'),
      s.status,
      CASE s.status WHEN 'queued' THEN 0 WHEN 'running' THEN 1 ELSE 2 END,
      r.received_at,
      p.provider,
      (ARRAY['ask', 'fix', 'review', 'implement', 'plan'])[1 + (i / 5) % 5],
      CASE WHEN p.provider IN ('sentry', 'custom') THEN NULL ELSE 'org/repo-' || (i % 50) END,
      jsonb_build_object('id', (i % 200)::text, 'login', 'user-' || (i % 200)),
      '@agent please look at issue number ' || i || CASE WHEN i % 1000 = 7 THEN ' about the zebra crossing' ELSE '' END,
      CASE WHEN s.status = 'queued' THEN NULL ELSE (ARRAY['coder', 'reviewer', 'planner'])[1 + i % 3] END,
      CASE WHEN i % 4 = 0 THEN 'claude' ELSE 'vllm' END,
      'qwen3-coder',
      'thread-' || (i / 4),
      r.received_at,
      CASE WHEN s.status = 'queued' THEN NULL ELSE r.received_at + make_interval(secs => i % 10) END,
      CASE WHEN s.finished THEN r.received_at + make_interval(secs => i % 10) + make_interval(secs => (i % 100) + 1) END,
      CASE WHEN s.finished THEN 1000 + i % 1000 END,
      CASE WHEN s.finished THEN 100 + i % 100 END,
      CASE WHEN s.finished THEN (i % 1000) / 10000.0 END,
      CASE WHEN s.status = 'succeeded' THEN 'done ' || i END,
      CASE WHEN s.status = 'failed' THEN 'failed ' || i END,
      '[]'::jsonb
    FROM generate_series(0, ${count - 1}) AS i
    CROSS JOIN LATERAL (
      SELECT CASE i % 20 WHEN 0 THEN 'failed' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'running' WHEN 3 THEN 'queued' ELSE 'succeeded' END AS status
    ) AS s0
    CROSS JOIN LATERAL (SELECT s0.status, s0.status IN ('succeeded', 'failed', 'cancelled') AS finished) AS s
    CROSS JOIN LATERAL (SELECT (ARRAY['github', 'jira', 'slack', 'sentry', 'custom'])[1 + i % 5] AS provider) AS p
    CROSS JOIN LATERAL (SELECT ${new Date(SEED_START).toISOString()}::timestamptz + make_interval(secs => i * ${SEED_SPACING_S}) AS received_at) AS r`);
}
