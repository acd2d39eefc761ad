import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { BadRequestError } from '../errors.js';
import { ledgerCsv } from '../ledger/ledger-csv.js';
import { taskSeries } from '../read-model/analytics-queries.js';
import { MAX_BUCKETS, resolveRange } from './analytics.js';
import { commonErrors } from './schemas.js';
import { TaskFilterParams, TimeZoneParam, rangeIsOrdered } from './task-filter-params.js';

const PERIODS = ['day', 'week', 'month'] as const;
const PERIOD_DAYS = { day: 1, week: 7, month: 28 } as const;

const CostSchema = z.object({
  tasks: z.number().int(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cost_usd: z.number(),
});

const LedgerSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    period: z.enum(PERIODS),
    time_zone: z.string(),
    periods: z.array(CostSchema.extend({ start: z.iso.datetime() })),
    totals: CostSchema,
  })
  .meta({ id: 'Ledger' });

const LedgerQuery = z
  .object({
    ...TaskFilterParams,
    from: TaskFilterParams.from.describe('Start (inclusive); default 30 days before `to`'),
    to: TaskFilterParams.to.describe('End (exclusive); default now'),
    period: z.enum(PERIODS).default('day'),
    tz: TimeZoneParam,
  })
  .refine(rangeIsOrdered, { message: 'from must be before to', path: ['from'] });

const costOf = (metrics: { tasks: number; input_tokens: number; output_tokens: number; cost_usd: number }) => ({
  tasks: metrics.tasks,
  input_tokens: metrics.input_tokens,
  output_tokens: metrics.output_tokens,
  cost_usd: metrics.cost_usd,
});

export const ledgerRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/api/v1/ledger',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Cost and tokens per period (day, week or month), with the totals',
        description: 'Cost per task is the task list sorted by cost: `GET /api/v1/tasks?sort=cost_usd`.',
        querystring: LedgerQuery,
        response: { 200: LedgerSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { period, tz, ...filters } = request.query;
      const range = { ...filters, ...resolveRange(filters), timeZone: tz };
      const periods = (Date.parse(range.to) - Date.parse(range.from)) / (PERIOD_DAYS[period] * 86_400_000);
      if (periods > MAX_BUCKETS) throw new BadRequestError(`the range holds about ${Math.ceil(periods)} ${period}s; ask for at most ${MAX_BUCKETS}`);
      const { points, totals } = await taskSeries(db, range, period);
      return {
        from: range.from,
        to: range.to,
        period,
        time_zone: tz,
        periods: points.map((point) => ({ start: point.start, ...costOf(point) })),
        totals: costOf(totals),
      };
    },
  );

  app.get(
    '/api/v1/ledger/export.csv',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Every matching task with its tokens and cost, as CSV (newest first)',
        description: `Columns: task_id, received_at, finished_at, status, provider, repository, command, author, agent, runner, model, duration_ms, input_tokens, output_tokens, cost_usd. Without from/to, every task.`,
        querystring: z.object(TaskFilterParams).refine(rangeIsOrdered, { message: 'from must be before to', path: ['from'] }),
        response: {
          200: { description: 'RFC 4180 CSV', content: { 'text/csv': { schema: z.string() } } },
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const stamp = new Date().toISOString().slice(0, 10);
      // Streamed straight to the socket, page by page; a failure midway cuts the file short and is logged.
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="swe-ai-fleet-ledger-${stamp}.csv"`,
        'cache-control': 'no-store',
      });
      await pipeline(Readable.from(ledgerCsv(db, request.query)), reply.raw).catch((error: unknown) => {
        request.log.error({ err: error }, 'ledger export cut short');
        reply.raw.destroy();
      });
    },
  );
};
