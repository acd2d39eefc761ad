import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']).describe('degraded when any check fails'),
    checks: z.object({
      database: z.enum(['ok', 'down']),
      credentials: z.enum(['present', 'missing']),
      github: z.enum(['reachable', 'unreachable']).describe('From a cached probe of GET /rate_limit'),
    }),
  })
  .meta({ id: 'Health', example: { status: 'ok', checks: { database: 'ok', credentials: 'present', github: 'reachable' } } });

export interface HealthRoutesDeps {
  pingDatabase: () => Promise<void>;
  hasCredentials: () => Promise<boolean>;
  githubReachable: () => Promise<boolean>;
}

/**
 * `/health` answers 503 only when this service itself cannot work (its database is down):
 * missing credentials or a GitHub outage show as `degraded` with 200, because restarting this
 * service would fix neither.
 */
export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesDeps> = async (app, deps) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and dependency checks',
        response: { 200: HealthSchema.describe('Up (possibly degraded)'), 503: HealthSchema.describe('The database is down') },
      },
    },
    async (_request, reply) => {
      const [database, credentials, github] = await Promise.all([
        deps.pingDatabase().then(
          () => 'ok' as const,
          () => 'down' as const,
        ),
        deps.hasCredentials().then(
          (present) => (present ? ('present' as const) : ('missing' as const)),
          () => 'missing' as const,
        ),
        deps.githubReachable().then((reachable) => (reachable ? ('reachable' as const) : ('unreachable' as const))),
      ]);
      const healthy = database === 'ok' && credentials === 'present' && github === 'reachable';
      return reply.status(database === 'ok' ? 200 : 503).send({ status: healthy ? 'ok' : 'degraded', checks: { database, credentials, github } });
    },
  );
};
