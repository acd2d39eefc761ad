import { type SQL, and, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/rows-of.js';
import { type TaskFilters, taskConditions } from './task-filters.js';
import { MetricRowSchema, type Metrics, metricColumns, metricsOf } from './task-metrics.js';

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
export async function taskSeries(db: Database, range: AnalyticsRange, bucket: Bucket): Promise<{ points: SeriesPoint[]; totals: Metrics }> {
  const unit = sql.raw(`'${bucket}'`);
  const step = sql.raw(`'1 ${bucket}'::interval`);
  const tz = range.timeZone;
  const points = rowsOf(
    await db.execute(sql`
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
  const [totals] = rowsOf(await db.execute(sql`SELECT ${metricColumns('t')} FROM ${rangedTasks(range)}`), MetricRowSchema);
  if (!totals) throw new Error('the totals query returned no row');
  return { points: points.map((point) => ({ start: point.start, ...metricsOf(point) })), totals: metricsOf(totals) };
}

export interface BreakdownRow extends Metrics {
  /** The group's value; null for tasks without one (no repository, not yet assigned an agent). */
  key: string | null;
}

/** The range's tasks grouped by one dimension, the largest groups first. */
export async function taskBreakdown(db: Database, range: AnalyticsRange, by: Dimension, limit: number): Promise<BreakdownRow[]> {
  const key = DIMENSION_SQL[by];
  const rows = rowsOf(
    await db.execute(sql`
      SELECT ${key} AS key, ${metricColumns('t')}
      FROM ${rangedTasks(range)}
      GROUP BY ${key}
      ORDER BY count(t.id) DESC, sum(t.cost_usd) DESC NULLS LAST, ${key} NULLS LAST
      LIMIT ${limit}`),
    MetricRowSchema.extend({ key: z.string().nullable() }),
  );
  return rows.map((row) => ({ key: row.key, ...metricsOf(row) }));
}
