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

async function check(ping: () => Promise<void>): Promise<'ok' | 'down'> {
  return ping().then(
    () => 'ok' as const,
    () => 'down' as const,
  );
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesDeps> = async (app, deps) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and dependency checks',
        description: 'Degraded while Redis is down even though webhooks are still accepted: tasks then wait in the outbox.',
        response: { 200: HealthSchema.describe('Postgres and Redis answer'), 503: HealthSchema.describe('Postgres or Redis does not answer') },
      },
    },
    async (_request, reply) => {
      const [database, redis] = await Promise.all([check(deps.pingDatabase), check(deps.pingRedis)]);
      const status = database === 'ok' && redis === 'ok' ? ('ok' as const) : ('degraded' as const);
      return reply.status(status === 'ok' ? 200 : 503).send({ status, checks: { database, redis } });
    },
  );
};
