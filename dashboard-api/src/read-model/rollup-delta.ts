import { type SQL, sql } from 'drizzle-orm';

/** The columns of a task that decide its roll-up rows and what it adds to them. */
export const ROLLUP_INPUTS = 'received_at, status, provider, command, agent, runner, model, duration_ms, queue_wait_ms, cost_usd, input_tokens, output_tokens';

/** `dashboard.task_rollup_keys` of the rows of `side` (aliased `s`). */
const KEYS = sql.raw(
  'dashboard.task_rollup_keys(s.received_at, s.status, s.provider, s.command, s.agent, s.runner, s.model) AS k',
);

/**
 * CTEs that move one task's contribution in the analytics roll-up: given `old` (the row before
 * this statement, absent for a new task) and `up` (the row after it), both with ROLLUP_INPUTS,
 * each roll-up row gets (new − old), and rows where that is zero are not written at all (most
 * events change a count or a sum in a few rows only). Rows are written in key order, so two
 * transactions never wait on each other's rows crosswise (no deadlock).
 */
export function rollupDelta(): SQL {
  return sql`
    side AS (
      SELECT 1 AS sign, ${sql.raw(ROLLUP_INPUTS)} FROM up
      UNION ALL
      SELECT -1 AS sign, ${sql.raw(ROLLUP_INPUTS)} FROM old
    ),
    rollup_delta AS (
      SELECT k.day, k.dimension, k.value,
        sum(s.sign)::integer AS tasks,
        sum(s.sign) FILTER (WHERE s.status = 'succeeded') AS succeeded,
        sum(s.sign) FILTER (WHERE s.status = 'failed') AS failed,
        sum(s.sign) FILTER (WHERE s.status = 'cancelled') AS cancelled,
        sum(s.sign) FILTER (WHERE s.status IN ('queued', 'running')) AS in_progress,
        sum(s.sign * coalesce(s.cost_usd, 0)) AS cost_usd,
        sum(s.sign * coalesce(s.input_tokens, 0)) AS input_tokens,
        sum(s.sign * coalesce(s.output_tokens, 0)) AS output_tokens
      FROM side s CROSS JOIN LATERAL ${KEYS}
      GROUP BY k.day, k.dimension, k.value
    ),
    rollup_write AS (
      INSERT INTO dashboard.task_rollup AS r (day, dimension, value, tasks, succeeded, failed, cancelled, in_progress, cost_usd, input_tokens, output_tokens)
      SELECT day, dimension, value, tasks, coalesce(succeeded, 0), coalesce(failed, 0), coalesce(cancelled, 0),
        coalesce(in_progress, 0), cost_usd, input_tokens, output_tokens
      FROM rollup_delta
      WHERE (tasks, coalesce(succeeded, 0), coalesce(failed, 0), coalesce(cancelled, 0), coalesce(in_progress, 0), cost_usd, input_tokens, output_tokens)
        <> (0, 0, 0, 0, 0, 0, 0, 0)
      ORDER BY dimension, value, day
      ON CONFLICT ON CONSTRAINT task_rollup_key DO UPDATE SET
        tasks = r.tasks + excluded.tasks,
        succeeded = r.succeeded + excluded.succeeded,
        failed = r.failed + excluded.failed,
        cancelled = r.cancelled + excluded.cancelled,
        in_progress = r.in_progress + excluded.in_progress,
        cost_usd = r.cost_usd + excluded.cost_usd,
        input_tokens = r.input_tokens + excluded.input_tokens,
        output_tokens = r.output_tokens + excluded.output_tokens
      RETURNING 1
    ),
    latency_delta AS (
      SELECT k.day, k.dimension, k.value, m.metric, m.bucket, sum(s.sign)::integer AS tasks
      FROM side s CROSS JOIN LATERAL ${KEYS}
      CROSS JOIN LATERAL (VALUES ('duration', dashboard.latency_bucket(s.duration_ms)), ('queue_wait', dashboard.latency_bucket(s.queue_wait_ms))) AS m (metric, bucket)
      WHERE m.bucket IS NOT NULL
      GROUP BY k.day, k.dimension, k.value, m.metric, m.bucket
    ),
    latency_write AS (
      INSERT INTO dashboard.task_rollup_latency AS l (day, dimension, value, metric, bucket, tasks)
      SELECT day, dimension, value, metric, bucket, tasks FROM latency_delta
      WHERE tasks <> 0
      ORDER BY dimension, value, day, metric, bucket
      ON CONFLICT ON CONSTRAINT task_rollup_latency_key DO UPDATE SET tasks = l.tasks + excluded.tasks
      RETURNING 1
    )`;
}
