import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JiraHealth } from '../jira/jira-health-probe.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({
      database: z.enum(['ok', 'down']),
      credentials: z.enum(['present', 'missing', 'unreadable', 'unknown']),
      credentials_source: z.enum(['stored', 'environment']).nullable(),
      jira: z.enum(['reachable', 'unreachable', 'unauthorized', 'unchecked']).describe('GET /rest/api/3/myself with the credentials in force'),
    }),
  })
  .meta({
    id: 'Health',
    example: { status: 'ok', checks: { database: 'ok', credentials: 'present', credentials_source: 'stored', jira: 'reachable' } },
  });

export interface HealthRoutesDeps {
  pingDatabase: () => Promise<void>;
  checkJira: () => Promise<JiraHealth>;
}

/**
 * Liveness and dependency checks. Only a database outage answers 503: without Jira the service
 * still runs (and restarting it would not bring Jira back), so that is `degraded` with 200.
 */
export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesDeps> = async (app, deps) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness and dependency checks', response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_request, reply) => {
      const database = await deps.pingDatabase().then(
        () => 'ok' as const,
        () => 'down' as const,
      );
      const jira = await deps.checkJira();
      const healthy = database === 'ok' && jira.credentials === 'present' && jira.jira === 'reachable';
      return reply.status(database === 'ok' ? 200 : 503).send({
        status: healthy ? 'ok' : 'degraded',
        checks: { database, credentials: jira.credentials, credentials_source: jira.source, jira: jira.jira },
      });
    },
  );
};
