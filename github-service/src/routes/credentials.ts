import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CredentialsStore } from '../credentials/credentials-store.js';
import { GithubCredentialsSchema, describeFields } from '../credentials/github-credentials.js';
import type { GithubConnection } from '../github/github-connection.js';
import type { GithubOperations } from '../github/github-operations.js';
import { ErrorSchema, errorResponse, serviceErrors } from './schemas.js';

const CredentialsStatusSchema = z
  .object({
    source: z.enum(['stored', 'environment', 'none']).describe('Stored credentials win over the environment’s'),
    type: z.enum(['token', 'app']).nullable(),
    fields: z.array(z.string()).describe('Which fields are set; values are never returned'),
    updated_at: z.string().nullable().describe('When the stored credentials were last set'),
    encryption: z.enum(['configured', 'missing']).describe('Whether CREDENTIALS_ENCRYPTION_KEY is set (needed to store credentials)'),
  })
  .meta({
    id: 'CredentialsStatus',
    description: 'Which credentials are in use; never their values',
    example: { source: 'stored', type: 'app', fields: ['app_id', 'private_key'], updated_at: '2025-01-01T12:00:00.000Z', encryption: 'configured' },
  });

const CredentialsTestSchema = z
  .object({
    ok: z.boolean(),
    type: z.enum(['token', 'app']),
    source: z.enum(['stored', 'environment']),
    login: z.string().optional().describe('The token’s user (`GET /user`)'),
    slug: z.string().optional().describe('The App’s slug (`GET /app`)'),
    name: z.string().optional(),
    error: ErrorSchema.optional().describe('What GitHub answered when ok is false'),
  })
  .meta({
    id: 'CredentialsTest',
    description: 'The result of calling GitHub with the credentials',
    example: { ok: false, type: 'token', source: 'stored', error: { code: 'github_unauthorized', message: 'GitHub: Bad credentials - https://docs.github.com/rest' } },
  });

const unavailable = errorResponse(
  '`encryption_key_missing` (CREDENTIALS_ENCRYPTION_KEY is not set), `credentials_unreadable` (the key changed) or `credentials_missing`',
);

export interface CredentialsRoutesDeps {
  store: CredentialsStore;
  connection: GithubConnection;
  github: GithubOperations;
}

export const credentialsRoutes: FastifyPluginAsyncZod<CredentialsRoutesDeps> = async (app, deps) => {
  const auth = { tags: ['credentials'], security: [{ serviceToken: [] }] };
  const encryption = () => (deps.store.encryptionConfigured ? ('configured' as const) : ('missing' as const));

  app.put(
    '/api/v1/credentials',
    {
      schema: {
        ...auth,
        summary: 'Set or rotate the GitHub credentials (a token or a GitHub App), encrypted at rest',
        description: 'Takes effect on the next GitHub call of every replica. PUT is idempotent by nature, so no Idempotency-Key is needed.',
        body: GithubCredentialsSchema,
        response: { 200: CredentialsStatusSchema.describe('Stored'), ...serviceErrors, 503: unavailable },
      },
    },
    async (request) => {
      const saved = await deps.store.save(request.body);
      return {
        source: 'stored' as const,
        type: saved.credentials.type,
        fields: describeFields(saved.credentials),
        updated_at: saved.updatedAt.toISOString(),
        encryption: encryption(),
      };
    },
  );

  app.get(
    '/api/v1/credentials',
    { schema: { ...auth, summary: 'Which credentials are in use (never their values)', response: { 200: CredentialsStatusSchema.describe('What is in use'), ...serviceErrors, 503: unavailable } } },
    async () => {
      const stored = await deps.store.load();
      if (stored && stored !== 'unchanged') {
        const { credentials, updatedAt } = stored;
        return { source: 'stored' as const, type: credentials.type, fields: describeFields(credentials), updated_at: updatedAt.toISOString(), encryption: encryption() };
      }
      const environment = deps.connection.environment;
      if (!environment) return { source: 'none' as const, type: null, fields: [], updated_at: null, encryption: encryption() };
      return { source: 'environment' as const, type: environment.type, fields: describeFields(environment), updated_at: null, encryption: encryption() };
    },
  );

  app.post(
    '/api/v1/credentials/test',
    {
      schema: {
        ...auth,
        summary: 'Check the credentials in use at GitHub (GET /user for a token, GET /app for an App)',
        response: { 200: CredentialsTestSchema.describe('What GitHub answered (ok false when it refused the credentials)'), ...serviceErrors, 503: unavailable },
      },
    },
    async () => deps.github.testCredentials(),
  );

  app.delete(
    '/api/v1/credentials',
    {
      schema: {
        ...auth,
        summary: 'Delete the stored credentials (the environment’s, if any, are used again)',
        response: { 204: z.undefined().describe('Deleted, or nothing was stored'), ...serviceErrors },
      },
    },
    async (_request, reply) => {
      await deps.store.remove();
      return reply.status(204).send();
    },
  );
};
