import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({
      database: z.enum(['ok', 'down']),
      credentials: z.enum(['present', 'missing']),
    }),
  })
  .meta({ id: 'Health' });

export interface HealthRoutesDeps {
  pingDatabase: () => Promise<void>;
  hasCredentials: () => boolean;
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesDeps> = async (app, deps) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness and dependency checks', response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_request, reply) => {
      const database = await deps.pingDatabase().then(
        () => 'ok' as const,
        () => 'down' as const,
      );
      const credentials = deps.hasCredentials() ? ('present' as const) : ('missing' as const);
      const status = database === 'ok' ? ('ok' as const) : ('degraded' as const);
      return reply.status(status === 'ok' ? 200 : 503).send({ status, checks: { database, credentials } });
    },
  );
};
