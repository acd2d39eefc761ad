import { type SQL, and, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/rows-of.js';
import { mergeLatencies, metricRowOf, rollupLatencies, rollupSlice, rollupSums } from './rollup-analytics.js';
import { piecesOf } from './rollup-pieces.js';
import { type TaskFilters, taskConditions } from './task-filters.js';
import { MetricRowSchema, type Metrics, metricColumns, metricsOf } from './task-metrics.js';

/**
 * Up to this many tasks in a range, percentiles are exact (`percentile_cont` over the tasks, a
 * sort of at most this many values); beyond, they come from the roll-up's histograms, within
 * 10 % (latency-histogram.ts). Counts, success rates, cost and tokens are exact either way.
 */
export const EXACT_PERCENTILES_UP_TO = 100_000;

export interface AnalyticsOptions {
  /** @defaultValue EXACT_PERCENTILES_UP_TO */
  exactUpTo?: number;
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * One read-only snapshot for every query of an answer (the roll-up and the tasks agree), without
 * JIT compilation (45 ms of compiling for a query that runs in less at these sizes) and with room
 * for the percentile sorts in memory.
 */
function analyticsTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`SET LOCAL jit = off`);
      await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
      return work(tx);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}


export const BUCKETS = ['hour', 'day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Dimensions tasks can be grouped by. */
export const DIMENSIONS = ['provider', 'repository', 'agent', 'runner', 'model', 'command', 'author', 'status'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const DIMENSION_SQL: Record<Dimension, SQL> = {
  provider: sql`t.provider`,
  repository: sql`t.repository`,
  agent: sql`t.agent`,
  runner: sql`t.runner`,
  model: sql`t.model`,
  command: sql`t.command`,
  author: sql`(t.author->>'login')`,
  status: sql`t.status`,
};

/** A range of received_at, [from, to), read in a time zone (buckets start at local midnight). */
export interface AnalyticsRange extends TaskFilters {
  from: string;
  to: string;
  timeZone: string;
}

export interface SeriesPoint extends Metrics {
  /** The instant the bucket starts (local midnight of the time zone, for days). */
  start: string;
}

/**
 * `tasks AS t` narrowed to the range and the filters. The conditions are written against the
 * table name by drizzle, so the subquery keeps that name and is aliased outside.
 */
function rangedTasks(range: AnalyticsRange): SQL {
  return sql`(SELECT * FROM dashboard.tasks WHERE ${and(...taskConditions(range)) ?? sql`true`}) AS t`;
}

/** Every bucket of the range, empty ones included, with its metrics; plus the whole range's totals. */
export async function taskSeries(db: Database, range: AnalyticsRange, bucket: Bucket, options: AnalyticsOptions = {}): Promise<{ points: SeriesPoint[]; totals: Metrics }> {
  return analyticsTransaction(db, async (tx) => {
    const slice = rollupSlice(range);
    if (slice) {
      const buckets = await bucketsOf(tx, range, bucket);
      const from = Date.parse(range.from);
      const to = Date.parse(range.to);
      const pieces = buckets.flatMap((b, slot) => piecesOf(slot, Math.max(b.startMs, from), Math.min(b.endMs, to)));
      const shape = { slice, groupBy: 'slot' as const };
      const sums = await rollupSums(tx, shape, pieces);
      if ((sums[0]?.range_tasks ?? 0) > (options.exactUpTo ?? EXACT_PERCENTILES_UP_TO)) {
        const latencies = await rollupLatencies(tx, shape, pieces);
        const bySlot = new Map(sums.map((row) => [row.grp, row]));
        const points = buckets.map((b, slot) => ({ start: b.start, ...metricsOf(metricRowOf(bySlot.get(String(slot)), latencies.get(String(slot)))) }));
        const total = sums.reduce(
          (acc, row) => ({
            tasks: acc.tasks + row.tasks,
            succeeded: acc.succeeded + row.succeeded,
            failed: acc.failed + row.failed,
            cancelled: acc.cancelled + row.cancelled,
            in_progress: acc.in_progress + row.in_progress,
            cost_usd: acc.cost_usd + row.cost_usd,
            input_tokens: acc.input_tokens + row.input_tokens,
            output_tokens: acc.output_tokens + row.output_tokens,
          }),
          { tasks: 0, succeeded: 0, failed: 0, cancelled: 0, in_progress: 0, cost_usd: 0, input_tokens: 0, output_tokens: 0 },
        );
        return { points, totals: metricsOf(metricRowOf(total, mergeLatencies(latencies.values()))) };
      }
    }
    return exactSeries(tx, range, bucket);
  });
}

/** The buckets of the range: where each starts, as the answer names it and as instants. */
async function bucketsOf(tx: Tx, range: AnalyticsRange, bucket: Bucket): Promise<Array<{ start: string; startMs: number; endMs: number }>> {
  const unit = sql.raw(`'${bucket}'`);
  const step = sql.raw(`'1 ${bucket}'::interval`);
  const tz = range.timeZone;
  const iso = (local: SQL) => sql`to_char((${local} AT TIME ZONE ${tz}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const rows = rowsOf(
    await tx.execute(sql`
      SELECT ${iso(sql`local_start`)} AS start, ${iso(sql`(local_start + ${step})`)} AS "end"
      FROM generate_series(
        date_trunc(${unit}, ${range.from}::timestamptz AT TIME ZONE ${tz}),
        date_trunc(${unit}, (${range.to}::timestamptz - interval '1 microsecond') AT TIME ZONE ${tz}),
        ${step}
      ) AS local_start
      ORDER BY local_start`),
    z.object({ start: z.string(), end: z.string() }),
  );
  return rows.map((row) => ({ start: row.start, startMs: Date.parse(row.start), endMs: Date.parse(row.end) }));
}

/** The series over the tasks themselves: exact percentiles (`percentile_cont`). */
async function exactSeries(tx: Tx, range: AnalyticsRange, bucket: Bucket): Promise<{ points: SeriesPoint[]; totals: Metrics }> {
  const unit = sql.raw(`'${bucket}'`);
  const step = sql.raw(`'1 ${bucket}'::interval`);
  const tz = range.timeZone;
  const points = rowsOf(
    await tx.execute(sql`
      WITH buckets AS (
        SELECT generate_series(
          date_trunc(${unit}, ${range.from}::timestamptz AT TIME ZONE ${tz}),
          date_trunc(${unit}, (${range.to}::timestamptz - interval '1 microsecond') AT TIME ZONE ${tz}),
          ${step}
        ) AS local_start
      ),
      bucketed AS (
        SELECT date_trunc(${unit}, t.received_at AT TIME ZONE ${tz}) AS local_start, t.*
        FROM ${rangedTasks(range)}
      )
      SELECT to_char((b.local_start AT TIME ZONE ${tz}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS start,
        ${metricColumns('t')}
      FROM buckets b LEFT JOIN bucketed t ON t.local_start = b.local_start
      GROUP BY b.local_start
      ORDER BY b.local_start`),
    MetricRowSchema.extend({ start: z.string() }),
  );
  const [totals] = rowsOf(await tx.execute(sql`SELECT ${metricColumns('t')} FROM ${rangedTasks(range)}`), MetricRowSchema);
  if (!totals) throw new Error('the totals query returned no row');
  return { points: points.map((point) => ({ start: point.start, ...metricsOf(point) })), totals: metricsOf(totals) };
}

export interface BreakdownRow extends Metrics {
  /** The group's value; null for tasks without one (no repository, not yet assigned an agent). */
  key: string | null;
}

/** The range's tasks grouped by one dimension, the largest groups first. */
export async function taskBreakdown(db: Database, range: AnalyticsRange, by: Dimension, limit: number, options: AnalyticsOptions = {}): Promise<BreakdownRow[]> {
  return analyticsTransaction(db, async (tx) => {
    const slice = rollupSlice(range, by);
    if (slice) {
      const pieces = piecesOf(0, Date.parse(range.from), Date.parse(range.to));
      const shape = { slice, groupBy: 'value' as const };
      const sums = await rollupSums(tx, shape, pieces, limit);
      if ((sums[0]?.range_tasks ?? 0) > (options.exactUpTo ?? EXACT_PERCENTILES_UP_TO)) {
        const latencies = await rollupLatencies(tx, shape, pieces, sums.map((row) => row.grp));
        return sums.map((row) => ({ key: row.grp, ...metricsOf(metricRowOf(row, latencies.get(row.grp))) }));
      }
    }
    return exactBreakdown(tx, range, by, limit);
  });
}

async function exactBreakdown(tx: Tx, range: AnalyticsRange, by: Dimension, limit: number): Promise<BreakdownRow[]> {
  const key = DIMENSION_SQL[by];
  const rows = rowsOf(
    await tx.execute(sql`
      SELECT ${key} AS key, ${metricColumns('t')}
      FROM ${rangedTasks(range)}
      GROUP BY ${key}
      ORDER BY count(t.id) DESC, sum(t.cost_usd) DESC NULLS LAST, ${key} NULLS LAST
      LIMIT ${limit}`),
    MetricRowSchema.extend({ key: z.string().nullable() }),
  );
  return rows.map((row) => ({ key: row.key, ...metricsOf(row) }));
}
