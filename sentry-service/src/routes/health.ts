import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CredentialValues } from '../credentials/credential-store.js';
import { respond } from '../schemas/common.js';
import type { ProviderState } from '../sentry/provider-probe.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']).describe('down: the database is unreachable; degraded: Sentry cannot be used right now'),
    checks: z.object({
      database: z.enum(['ok', 'down']),
      credentials: z.enum(['present', 'missing', 'unreadable']).describe('Whether an auth token and an organization are configured'),
      provider: z.enum(['reachable', 'unauthorized', 'unreachable']).describe('Whether Sentry answers, and accepts our token'),
    }),
  })
  .meta({ id: 'Health', example: { status: 'ok', checks: { database: 'ok', credentials: 'present', provider: 'reachable' } } });

export interface HealthRoutesDeps {
  pingDatabase: () => Promise<void>;
  /** The credentials in use; throws when stored ones cannot be read. */
  credentials: () => Promise<CredentialValues>;
  probeProvider: (values: CredentialValues) => Promise<ProviderState>;
  /** Used when the database (and so the stored credentials) is down: the environment's values. */
  environmentCredentials: CredentialValues;
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesDeps> = async (app, deps) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and dependency checks',
        description: 'Answers 200 while the service can serve (even with Sentry degraded), 503 when its database is down.',
        response: { 200: respond('The service is up', HealthSchema), 503: respond('The database is down', HealthSchema) },
      },
    },
    async (_request, reply) => {
      const database = await deps.pingDatabase().then(
        () => 'ok' as const,
        () => 'down' as const,
      );
      let values = deps.environmentCredentials;
      let readable = true;
      if (database === 'ok') {
        try {
          values = await deps.credentials();
        } catch {
          readable = false;
        }
      }
      const credentials = !readable ? ('unreadable' as const) : values.auth_token && values.organization ? ('present' as const) : ('missing' as const);
      const provider = await deps.probeProvider(readable ? values : { base_url: values.base_url });
      const usable = credentials === 'present' && provider === 'reachable';
      const status = database === 'down' ? ('down' as const) : usable ? ('ok' as const) : ('degraded' as const);
      return reply.status(database === 'down' ? 503 : 200).send({ status, checks: { database, credentials, provider } });
    },
  );
};
