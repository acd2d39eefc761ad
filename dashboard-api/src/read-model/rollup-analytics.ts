import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/rows-of.js';
import { type Histogram, addTo, histogramPercentile } from './latency-histogram.js';
import type { Piece } from './rollup-pieces.js';
import { type TaskFilters, taskConditions } from './task-filters.js';
import type { MetricRow } from './task-metrics.js';

/** The dimensions the roll-up keeps (bounded by configuration: providers, commands, agents, runners, models, states). */
export const ROLLUP_DIMENSIONS = ['provider', 'command', 'agent', 'runner', 'model', 'status'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

const isRollupDimension = (name: string): name is RollupDimension => (ROLLUP_DIMENSIONS as readonly string[]).includes(name);

/** The roll-up rows that answer a request: every task (''), or one dimension, at one value or grouped by value. */
export interface RollupSlice {
  dimension: RollupDimension | '';
  /** The one value asked for; undefined: every value (grouped, or '' whose value is null). */
  value?: string;
}

const FILTER_KEYS = ['status', 'provider', 'repository', 'command', 'agent', 'runner', 'model', 'author'] as const;

/**
 * The slice of the roll-up that answers these filters (grouped by `by` for a breakdown), or null
 * when the roll-up cannot: text search, a repository or an author (unbounded; their filters are
 * narrow and served by their indexes on the tasks), or two filters at once.
 */
export function rollupSlice(filters: TaskFilters, by?: string): RollupSlice | null {
  if (filters.q) return null;
  const set = FILTER_KEYS.filter((key) => filters[key] !== undefined);
  if (set.length > 1) return null;
  const [key] = set;
  const value = key === undefined ? undefined : filters[key];
  if (by !== undefined) {
    if (!isRollupDimension(by) || (key !== undefined && key !== by)) return null;
    return { dimension: by, value };
  }
  if (key === undefined) return { dimension: '' };
  return isRollupDimension(key) ? { dimension: key, value } : null;
}

const sum = z.coerce.number();
const SumsRowSchema = z.object({
  grp: z.string().nullable(),
  tasks: sum,
  succeeded: sum,
  failed: sum,
  cancelled: sum,
  in_progress: sum,
  cost_usd: sum,
  input_tokens: sum,
  output_tokens: sum,
  range_tasks: sum,
});
export type SumsRow = z.infer<typeof SumsRowSchema>;

/** The pieces as a relation `p (slot, source, lo, hi)`. */
function piecesRelation(pieces: Piece[]): SQL {
  const json = JSON.stringify(pieces.map((piece) => ({ slot: piece.slot, source: piece.source, lo: new Date(piece.from).toISOString(), hi: new Date(piece.to).toISOString() })));
  return sql`jsonb_to_recordset(${json}::jsonb) AS p (slot integer, source text, lo timestamptz, hi timestamptz)`;
}

interface Shape {
  slice: RollupSlice;
  /** Group by the answer's bucket (a series) or by the dimension's value (a breakdown). */
  groupBy: 'slot' | 'value';
}

function rollupValueCondition(table: string, slice: RollupSlice): SQL {
  const t = sql.raw(table);
  if (slice.value !== undefined) return sql`${t}.value = ${slice.value}`;
  return slice.dimension === '' ? sql`${t}.value IS NULL` : sql`true`;
}

/** The tasks of the slice (its one filter) for the pieces read from the tasks. */
function taskSliceCondition(slice: RollupSlice): SQL {
  if (slice.dimension === '' || slice.value === undefined) return sql`true`;
  const filter: TaskFilters = { [slice.dimension]: slice.value };
  return taskConditions(filter)[0] ?? sql`true`;
}

function groupOf(shape: Shape, rollupTable: string): { rollup: SQL; tasks: SQL } {
  if (shape.groupBy === 'slot') return { rollup: sql`p.slot::text`, tasks: sql`p.slot::text` };
  return { rollup: sql.raw(`${rollupTable}.value`), tasks: sql.raw(shape.slice.dimension === '' ? 'NULL::text' : shape.slice.dimension) };
}

/**
 * Counts and sums per group: whole days from `task_rollup`, the rest from the tasks. Groups with no
 * task are left out; `range_tasks` is the count over every group (before `limit`).
 */
export async function rollupSums(db: Database, shape: Shape, pieces: Piece[], limit?: number): Promise<SumsRow[]> {
  const group = groupOf(shape, 'r');
  const order = shape.groupBy === 'slot' ? sql`grp` : sql`sum(tasks) DESC, sum(cost_usd) DESC, grp NULLS LAST`;
  return rowsOf(
    await db.execute(sql`
      WITH p AS (SELECT * FROM ${piecesRelation(pieces)}),
      c AS (
        SELECT ${group.rollup} AS grp, r.tasks, r.succeeded, r.failed, r.cancelled, r.in_progress, r.cost_usd, r.input_tokens, r.output_tokens
        FROM p JOIN dashboard.task_rollup r ON r.day >= p.lo AND r.day < p.hi
        WHERE p.source = 'rollup' AND r.dimension = ${shape.slice.dimension} AND ${rollupValueCondition('r', shape.slice)}
        UNION ALL
        SELECT ${group.tasks}, 1, (status = 'succeeded')::integer, (status = 'failed')::integer, (status = 'cancelled')::integer,
          (status IN ('queued', 'running'))::integer, coalesce(cost_usd, 0), coalesce(input_tokens, 0), coalesce(output_tokens, 0)
        FROM p JOIN dashboard.tasks ON received_at >= p.lo AND received_at < p.hi
        WHERE p.source = 'tasks' AND ${taskSliceCondition(shape.slice)}
      )
      SELECT grp, sum(tasks) AS tasks, sum(succeeded) AS succeeded, sum(failed) AS failed, sum(cancelled) AS cancelled,
        sum(in_progress) AS in_progress, sum(cost_usd)::float8 AS cost_usd, sum(input_tokens)::float8 AS input_tokens,
        sum(output_tokens)::float8 AS output_tokens, sum(sum(tasks)) OVER () AS range_tasks
      FROM c GROUP BY grp HAVING sum(tasks) > 0
      ORDER BY ${order}
      ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}`),
    SumsRowSchema,
  );
}

const LatencyRowSchema = z.object({ grp: z.string().nullable(), metric: z.enum(['duration', 'queue_wait']), bucket: z.coerce.number().int(), tasks: sum });

export interface Latencies {
  duration: Histogram;
  queueWait: Histogram;
}

/** Duration and queue-wait histograms per group, from `task_rollup_latency` and the tasks; `only` keeps some groups. */
export async function rollupLatencies(db: Database, shape: Shape, pieces: Piece[], only?: Array<string | null>): Promise<Map<string | null, Latencies>> {
  const group = groupOf(shape, 'l');
  let rollupOnly = sql`true`;
  if (only) {
    const values = JSON.stringify(only.filter((value) => value !== null));
    rollupOnly = sql`(l.value = ANY (ARRAY(SELECT jsonb_array_elements_text(${values}::jsonb))) ${only.includes(null) ? sql`OR l.value IS NULL` : sql``})`;
  }
  const rows = rowsOf(
    await db.execute(sql`
      WITH p AS (SELECT * FROM ${piecesRelation(pieces)}),
      c AS (
        SELECT ${group.rollup} AS grp, l.metric, l.bucket, l.tasks
        FROM p JOIN dashboard.task_rollup_latency l ON l.day >= p.lo AND l.day < p.hi
        WHERE p.source = 'rollup' AND l.dimension = ${shape.slice.dimension} AND ${rollupValueCondition('l', shape.slice)} AND ${rollupOnly}
        UNION ALL
        SELECT ${group.tasks}, m.metric, m.bucket, 1
        FROM p JOIN dashboard.tasks ON received_at >= p.lo AND received_at < p.hi
        CROSS JOIN LATERAL (VALUES ('duration', dashboard.latency_bucket(duration_ms)), ('queue_wait', dashboard.latency_bucket(queue_wait_ms))) AS m (metric, bucket)
        WHERE p.source = 'tasks' AND m.bucket IS NOT NULL AND ${taskSliceCondition(shape.slice)}
      )
      SELECT grp, metric, bucket, sum(tasks) AS tasks FROM c GROUP BY grp, metric, bucket HAVING sum(tasks) > 0`),
    LatencyRowSchema,
  );
  const groups = new Map<string | null, Latencies>();
  for (const row of rows) {
    let latencies = groups.get(row.grp);
    if (!latencies) groups.set(row.grp, (latencies = { duration: new Map(), queueWait: new Map() }));
    addTo(row.metric === 'duration' ? latencies.duration : latencies.queueWait, row.bucket, row.tasks);
  }
  return groups;
}

/** Merges histograms (a range's totals from its buckets). */
export function mergeLatencies(parts: Iterable<Latencies>): Latencies {
  const merged: Latencies = { duration: new Map(), queueWait: new Map() };
  for (const part of parts) {
    for (const [bucket, count] of part.duration) addTo(merged.duration, bucket, count);
    for (const [bucket, count] of part.queueWait) addTo(merged.queueWait, bucket, count);
  }
  return merged;
}

/** A metric row (as the exact path gives it) from roll-up sums and histograms. */
export function metricRowOf(sums: Omit<SumsRow, 'grp' | 'range_tasks'> | undefined, latencies: Latencies | undefined): MetricRow {
  const histograms = latencies ?? { duration: new Map(), queueWait: new Map() };
  return {
    tasks: sums?.tasks ?? 0,
    succeeded: sums?.succeeded ?? 0,
    failed: sums?.failed ?? 0,
    cancelled: sums?.cancelled ?? 0,
    in_progress: sums?.in_progress ?? 0,
    duration_p50_ms: histogramPercentile(histograms.duration, 0.5),
    duration_p95_ms: histogramPercentile(histograms.duration, 0.95),
    queue_wait_p50_ms: histogramPercentile(histograms.queueWait, 0.5),
    queue_wait_p95_ms: histogramPercentile(histograms.queueWait, 0.95),
    cost_usd: sums?.cost_usd ?? 0,
    input_tokens: sums?.input_tokens ?? 0,
    output_tokens: sums?.output_tokens ?? 0,
  };
}
