import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { BadRequestError } from '../errors.js';
import { type AnalyticsRange, BUCKETS, type Bucket, DIMENSIONS, taskBreakdown, taskSeries } from '../read-model/analytics-queries.js';
import { commonErrors } from './schemas.js';
import { TaskFilterParams, TimeZoneParam, rangeIsOrdered } from './task-filter-params.js';

const DAY_MS = 86_400_000;
/** Buckets one answer may hold: a year of days, six weeks of hours. */
export const MAX_BUCKETS = 1_000;
const BUCKET_MS: Record<Bucket, number> = { hour: 3_600_000, day: DAY_MS, week: 7 * DAY_MS, month: 28 * DAY_MS };

const RangeParams = {
  ...TaskFilterParams,
  from: TaskFilterParams.from.describe('Start of the range (inclusive); default 30 days before `to`'),
  to: TaskFilterParams.to.describe('End of the range (exclusive); default now'),
  tz: TimeZoneParam,
};

export const MetricsSchema = z
  .object({
    tasks: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    in_progress: z.number().int().describe('queued or running'),
    success_rate: z.number().nullable().describe('succeeded / finished; null when none finished'),
    duration_p50_ms: z.number().int().nullable(),
    duration_p95_ms: z.number().int().nullable(),
    queue_wait_p50_ms: z.number().int().nullable().describe('received_at → started_at'),
    queue_wait_p95_ms: z.number().int().nullable(),
    cost_usd: z.number(),
    input_tokens: z.number(),
    output_tokens: z.number(),
  })
  .meta({ id: 'Metrics' });

const SeriesSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    bucket: z.enum(BUCKETS),
    time_zone: z.string(),
    points: z.array(MetricsSchema.extend({ start: z.iso.datetime().describe('When the bucket starts') })),
    totals: MetricsSchema,
  })
  .meta({ id: 'AnalyticsSeries' });

const BreakdownSchema = z
  .object({
    by: z.enum(DIMENSIONS),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    items: z.array(MetricsSchema.extend({ key: z.string().nullable().describe('null: tasks without a value') })),
  })
  .meta({ id: 'AnalyticsBreakdown' });

/** The range asked for, defaulting to the last 30 days, as UTC instants. */
export function resolveRange(query: { from?: string; to?: string }, now: Date = new Date()): { from: string; to: string } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) throw new BadRequestError('from must be before to');
  return { from: from.toISOString(), to: to.toISOString() };
}

export const analyticsRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/api/v1/analytics/series',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Tasks over time: counts, success rate, duration and queue wait p50/p95, cost and tokens per bucket',
        description: `Every bucket of the range is present, empty ones too. At most ${MAX_BUCKETS} buckets.`,
        querystring: z.object({ ...RangeParams, bucket: z.enum(BUCKETS).default('day') }).refine(rangeIsOrdered, { message: 'from must be before to', path: ['from'] }),
        response: { 200: SeriesSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { bucket, tz, ...filters } = request.query;
      const range: AnalyticsRange = { ...filters, ...resolveRange(filters), timeZone: tz };
      const buckets = (Date.parse(range.to) - Date.parse(range.from)) / BUCKET_MS[bucket];
      if (buckets > MAX_BUCKETS) throw new BadRequestError(`the range holds about ${Math.ceil(buckets)} ${bucket}s; ask for at most ${MAX_BUCKETS}`);
      const { points, totals } = await taskSeries(db, range, bucket);
      return { from: range.from, to: range.to, bucket, time_zone: tz, points, totals };
    },
  );

  app.get(
    '/api/v1/analytics/breakdown',
    {
      schema: {
        tags: ['analytics'],
        summary: 'The same metrics per provider, repository, agent, runner, model, command, author or status',
        querystring: z
          .object({ ...RangeParams, by: z.enum(DIMENSIONS), limit: z.coerce.number().int().min(1).max(100).default(20) })
          .refine(rangeIsOrdered, { message: 'from must be before to', path: ['from'] }),
        response: { 200: BreakdownSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { by, limit, tz, ...filters } = request.query;
      const range: AnalyticsRange = { ...filters, ...resolveRange(filters), timeZone: tz };
      return { by, from: range.from, to: range.to, items: await taskBreakdown(db, range, by, limit) };
    },
  );
};
