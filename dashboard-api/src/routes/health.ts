import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({
      database: z.enum(['ok', 'down']),
      redis: z.enum(['ok', 'down']),
      task_logs: z.enum(['ok', 'missing']).describe('Whether TASK_LOGS_DIR is readable; logs show as empty without it'),
    }),
  })
  .meta({ id: 'Health', example: { status: 'ok', checks: { database: 'ok', redis: 'ok', task_logs: 'ok' } } });

export interface HealthRoutesDeps {
  pingDatabase: () => Promise<void>;
  pingRedis: () => Promise<void>;
  checkTaskLogs: () => Promise<void>;
}

/** A check that has not answered by then counts as failed: a blocked Redis client never answers. */
export const CHECK_TIMEOUT_MS = 2_000;

function outcome<T extends string, F extends string>(check: () => Promise<void>, ok: T, failed: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(failed), CHECK_TIMEOUT_MS);
  });
  const checked = check().then(
    () => ok,
    () => failed,
  );
  return Promise.race([checked, timeout]).finally(() => clearTimeout(timer));
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesDeps> = async (app, deps) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness and dependency checks', security: [], response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_request, reply) => {
      const [database, redis, task_logs] = await Promise.all([
        outcome(deps.pingDatabase, 'ok', 'down'),
        outcome(deps.pingRedis, 'ok', 'down'),
        outcome(deps.checkTaskLogs, 'ok', 'missing'),
      ]);
      // A missing log volume degrades the detail pages only; the read model still answers.
      const status = database === 'ok' && redis === 'ok' ? ('ok' as const) : ('degraded' as const);
      return reply.status(status === 'ok' ? 200 : 503).send({ status, checks: { database, redis, task_logs } });
    },
  );
};
