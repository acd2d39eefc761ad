import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SlackCredentials } from '../credentials/slack-credentials.js';
import { CredentialsUnreadableError } from '../errors.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']).describe('down (503): the database is unreachable; degraded (200): Slack cannot be used right now'),
    checks: z.object({
      database: z.enum(['ok', 'down']),
      credentials: z.enum(['present', 'missing', 'unreadable', 'unknown']).describe('unknown: the database could not be asked'),
      credentials_source: z.enum(['stored', 'environment']).nullable(),
      slack: z.enum(['reachable', 'unreachable']),
    }),
  })
  .meta({
    id: 'Health',
    example: { status: 'ok', checks: { database: 'ok', credentials: 'present', credentials_source: 'stored', slack: 'reachable' } },
  });

export interface HealthRoutesDeps {
  pingDatabase: () => Promise<void>;
  credentials: SlackCredentials;
  slackReachable: () => Promise<boolean>;
}

async function credentialsCheck(credentials: SlackCredentials) {
  try {
    const bot = await credentials.botToken();
    return bot ? { credentials: 'present' as const, credentials_source: bot.source } : { credentials: 'missing' as const, credentials_source: null };
  } catch (error) {
    const state = error instanceof CredentialsUnreadableError ? ('unreadable' as const) : ('unknown' as const);
    return { credentials: state, credentials_source: null };
  }
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesDeps> = async (app, deps) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness and dependency checks', response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_request, reply) => {
      const [database, credentials, slack] = await Promise.all([
        deps.pingDatabase().then(
          () => 'ok' as const,
          () => 'down' as const,
        ),
        credentialsCheck(deps.credentials),
        deps.slackReachable().then((reachable) => (reachable ? ('reachable' as const) : ('unreachable' as const))),
      ]);
      const status = database === 'down' ? 'down' : credentials.credentials !== 'present' || slack === 'unreachable' ? 'degraded' : 'ok';
      return reply.status(status === 'down' ? 503 : 200).send({ status, checks: { database, ...credentials, slack } });
    },
  );
};
