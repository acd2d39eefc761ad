import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/rows-of.js';

export const USAGE_DIMENSIONS = ['agent', 'runner', 'command', 'model'] as const;
export type UsageDimension = (typeof USAGE_DIMENSIONS)[number];

const UsageRowSchema = z.object({
  name: z.string(),
  tasks: z.coerce.number().int(),
  succeeded: z.coerce.number().int(),
  failed: z.coerce.number().int(),
  cost_usd: z.coerce.number(),
  last_used_at: z.string(),
});
export type Usage = z.infer<typeof UsageRowSchema>;

/** How much each agent, runner, command or model has been used, over every task recorded. */
export async function usageBy(db: Database, dimension: UsageDimension): Promise<Usage[]> {
  const column = sql.raw(dimension);
  return rowsOf(
    await db.execute(sql`
      SELECT ${column} AS name, count(*)::integer AS tasks,
        (count(*) FILTER (WHERE status = 'succeeded'))::integer AS succeeded,
        (count(*) FILTER (WHERE status = 'failed'))::integer AS failed,
        coalesce(sum(cost_usd), 0)::float8 AS cost_usd,
        to_char(max(received_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_used_at
      FROM dashboard.tasks WHERE ${column} IS NOT NULL
      GROUP BY ${column} ORDER BY count(*) DESC, ${column}`),
    UsageRowSchema,
  );
}
