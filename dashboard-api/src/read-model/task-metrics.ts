import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

/**
 * The aggregates every analytics and ledger row carries, as SQL over `dashboard.tasks` rows
 * (aliased by `table`). Percentiles skip tasks without a value (not started, not finished).
 */
export function metricColumns(table: string): SQL {
  const t = sql.raw(table);
  return sql`
    count(${t}.id)::integer AS tasks,
    (count(*) FILTER (WHERE ${t}.status = 'succeeded'))::integer AS succeeded,
    (count(*) FILTER (WHERE ${t}.status = 'failed'))::integer AS failed,
    (count(*) FILTER (WHERE ${t}.status = 'cancelled'))::integer AS cancelled,
    (count(*) FILTER (WHERE ${t}.status IN ('queued', 'running')))::integer AS in_progress,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${t}.duration_ms) AS duration_p50_ms,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY ${t}.duration_ms) AS duration_p95_ms,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${t}.queue_wait_ms) AS queue_wait_p50_ms,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY ${t}.queue_wait_ms) AS queue_wait_p95_ms,
    coalesce(sum(${t}.cost_usd), 0)::float8 AS cost_usd,
    coalesce(sum(${t}.input_tokens), 0)::float8 AS input_tokens,
    coalesce(sum(${t}.output_tokens), 0)::float8 AS output_tokens`;
}

const count = z.coerce.number().int();
const nullableNumber = z.coerce.number().nullable();

/** One row of `metricColumns`, as node-postgres and PGlite return it. */
export const MetricRowSchema = z.object({
  tasks: count,
  succeeded: count,
  failed: count,
  cancelled: count,
  in_progress: count,
  duration_p50_ms: nullableNumber,
  duration_p95_ms: nullableNumber,
  queue_wait_p50_ms: nullableNumber,
  queue_wait_p95_ms: nullableNumber,
  cost_usd: z.coerce.number(),
  input_tokens: z.coerce.number(),
  output_tokens: z.coerce.number(),
});
export type MetricRow = z.infer<typeof MetricRowSchema>;

/** A metric row as the API answers it: success rate over finished tasks, times rounded to ms. */
export function metricsOf(row: MetricRow) {
  const finished = row.succeeded + row.failed + row.cancelled;
  const round = (value: number | null) => (value === null ? null : Math.round(value));
  return {
    tasks: row.tasks,
    succeeded: row.succeeded,
    failed: row.failed,
    cancelled: row.cancelled,
    in_progress: row.in_progress,
    success_rate: finished === 0 ? null : row.succeeded / finished,
    duration_p50_ms: round(row.duration_p50_ms),
    duration_p95_ms: round(row.duration_p95_ms),
    queue_wait_p50_ms: round(row.queue_wait_p50_ms),
    queue_wait_p95_ms: round(row.queue_wait_p95_ms),
    cost_usd: Math.round(row.cost_usd * 1e6) / 1e6,
    input_tokens: row.input_tokens,
    output_tokens: row.output_tokens,
  };
}
export type Metrics = ReturnType<typeof metricsOf>;

/** The metrics of a period with no task at all. */
export function emptyMetrics(): Metrics {
  return metricsOf({
    tasks: 0,
    succeeded: 0,
    failed: 0,
    cancelled: 0,
    in_progress: 0,
    duration_p50_ms: null,
    duration_p95_ms: null,
    queue_wait_p50_ms: null,
    queue_wait_p95_ms: null,
    cost_usd: 0,
    input_tokens: 0,
    output_tokens: 0,
  });
}
