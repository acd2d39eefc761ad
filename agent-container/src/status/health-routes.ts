import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const CheckSchema = z.enum(['ok', 'down']);
const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ database: CheckSchema, redis: CheckSchema }),
  })
  .meta({ id: 'Health' });

export interface HealthRoutesDeps {
  pingDatabase: () => Promise<void>;
  pingRedis: () => Promise<void>;
}

const check = (ping: () => Promise<void>) =>
  ping().then(
    () => 'ok' as const,
    () => 'down' as const,
  );

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesDeps> = async (app, deps) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness and dependency checks (Postgres, Redis)', response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_request, reply) => {
      const [database, redis] = await Promise.all([check(deps.pingDatabase), check(deps.pingRedis)]);
      const status = database === 'ok' && redis === 'ok' ? ('ok' as const) : ('degraded' as const);
      return reply.status(status === 'ok' ? 200 : 503).send({ status, checks: { database, redis } });
    },
  );
};
