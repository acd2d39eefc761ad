import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CredentialsService } from '../credentials/credentials-service.js';
import { JiraCredentialsSchema } from '../credentials/jira-credentials.js';
import { NotFoundError } from '../errors.js';
import { errorResponse, errorResponses } from './schemas.js';

const FieldStatusSchema = z.object({ set: z.boolean(), updated_at: z.string().nullable() });
const FieldFlagsSchema = z.object({ base_url: z.boolean(), email: z.boolean(), api_token: z.boolean() });

const CredentialsStatusSchema = z
  .object({
    source: z.enum(['stored', 'environment', 'none']).describe('Which credentials are in force: stored ones win over JIRA_* variables'),
    encryption_key_configured: z.boolean().describe('CREDENTIALS_ENCRYPTION_KEY is set, so credentials can be stored'),
    stored: z
      .object({
        fields: z.object({ base_url: FieldStatusSchema, email: FieldStatusSchema, api_token: FieldStatusSchema }),
        created_at: z.string(),
        updated_at: z.string(),
      })
      .nullable()
      .describe('Which stored fields are set and when; values are never shown'),
    environment: FieldFlagsSchema.describe('Which JIRA_* variables are set'),
  })
  .meta({
    id: 'CredentialsStatus',
    example: {
      source: 'stored',
      encryption_key_configured: true,
      stored: {
        fields: {
          base_url: { set: true, updated_at: '2025-01-10T09:00:00.000Z' },
          email: { set: true, updated_at: '2025-01-10T09:00:00.000Z' },
          api_token: { set: true, updated_at: '2025-03-02T14:30:00.000Z' },
        },
        created_at: '2025-01-10T09:00:00.000Z',
        updated_at: '2025-03-02T14:30:00.000Z',
      },
      environment: { base_url: false, email: false, api_token: false },
    },
  });

const VerifyQuerySchema = z.object({
  verify: z.stringbool().default(true).describe('Check the credentials with Jira (GET /rest/api/3/myself) before storing them'),
});

const SetCredentialsSchema = JiraCredentialsSchema.strict().meta({
  example: { base_url: 'https://your-domain.atlassian.net', email: 'agent@example.com', api_token: 'ATATT3xFfGF0...' },
});

const RotateCredentialsSchema = z
  .strictObject({ api_token: JiraCredentialsSchema.shape.api_token, email: JiraCredentialsSchema.shape.email.optional() })
  .meta({ example: { api_token: 'ATATT3xFfGF0...' } });

const credentialErrors = {
  422: errorResponse('Jira refused the credentials (checked with GET /rest/api/3/myself); nothing was stored', {
    code: 'credentials_rejected',
    message: 'Jira refused the credentials, nothing was stored: Jira: Client must be authenticated to access this resource.',
  }),
  503: errorResponse('CREDENTIALS_ENCRYPTION_KEY is not configured, so nothing can be stored', {
    code: 'encryption_key_missing',
    message: 'credentials cannot be stored: CREDENTIALS_ENCRYPTION_KEY is not configured',
  }),
};

const AccountSchema = z.object({ account_id: z.string(), display_name: z.string().nullable(), email_address: z.string().nullable() });

const CredentialsTestSchema = z
  .union([
    z.object({ ok: z.literal(true), source: z.enum(['stored', 'environment']), account: AccountSchema }),
    z.object({ ok: z.literal(false), source: z.enum(['stored', 'environment']), code: z.string(), message: z.string() }),
  ])
  .meta({
    id: 'CredentialsTest',
    example: { ok: true, source: 'stored', account: { account_id: '5b10a2844c20165700ede21g', display_name: 'Mia Krystof', email_address: 'mia@example.com' } },
  });

export interface CredentialRoutesDeps {
  credentials: CredentialsService;
}

export const credentialRoutes: FastifyPluginAsyncZod<CredentialRoutesDeps> = async (app, deps) => {
  const security = [{ serviceToken: [] }];

  app.get(
    '/api/v1/credentials',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Which credentials are in force, which fields are set and when (never their values)',
        security,
        response: { 200: CredentialsStatusSchema, ...errorResponses(401, 500) },
      },
    },
    async () => deps.credentials.status(),
  );

  app.put(
    '/api/v1/credentials',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Store the Jira credentials (encrypted), after checking them with Jira',
        security,
        querystring: VerifyQuerySchema,
        body: SetCredentialsSchema,
        response: { 200: CredentialsStatusSchema, ...errorResponses(400, 401, 429, 500, 502, 504), ...credentialErrors },
      },
    },
    async (request) => deps.credentials.set(request.body, request.query.verify),
  );

  app.post(
    '/api/v1/credentials/rotate',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Replace the API token (and optionally the email), keeping the site; checked with Jira first',
        security,
        querystring: VerifyQuerySchema,
        body: RotateCredentialsSchema,
        response: {
          200: CredentialsStatusSchema,
          ...errorResponses(400, 401, 429, 500, 502, 504),
          ...credentialErrors,
          409: errorResponse('There are no credentials to rotate', {
            code: 'nothing_to_rotate',
            message: 'there are no Jira credentials to rotate: set them first with PUT /api/v1/credentials',
          }),
        },
      },
    },
    async (request) => deps.credentials.rotate(request.body, request.query.verify),
  );

  app.post(
    '/api/v1/credentials/test',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Try the credentials in force against Jira; `ok: false` carries what Jira said',
        security,
        response: { 200: CredentialsTestSchema, ...errorResponses(401, 500, 503) },
      },
    },
    async () => deps.credentials.test(),
  );

  app.delete(
    '/api/v1/credentials',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Remove the stored credentials (the JIRA_* variables apply again)',
        security,
        response: {
          204: z.null().describe('Removed'),
          ...errorResponses(401, 500),
          404: errorResponse('No credentials are stored', { code: 'not_found', message: 'no Jira credentials are stored' }),
        },
      },
    },
    async (_request, reply) => {
      if (!(await deps.credentials.remove())) throw new NotFoundError('no Jira credentials are stored');
      return reply.status(204).send(null);
    },
  );
};
