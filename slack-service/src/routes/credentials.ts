import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SlackCredentials } from '../credentials/slack-credentials.js';
import { AppError, CredentialsMissingError } from '../errors.js';
import type { SlackConnection } from '../slack/slack-connection.js';
import { AUTH_ERRORS } from '../slack/slack-error-catalog.js';
import type { AuthIdentity } from '../slack/slack-operations.js';
import { ErrorSchema } from './schemas.js';

const IdentitySchema = z
  .object({ team: z.string(), team_id: z.string(), user: z.string(), user_id: z.string(), bot_id: z.string().nullable(), url: z.string() })
  .meta({ id: 'SlackIdentity' });

const StatusSchema = z
  .object({
    active_source: z.enum(['stored', 'environment']).nullable().describe('Where the token in use comes from; a stored one wins'),
    encryption_key_configured: z.boolean(),
    fields: z.array(
      z.object({
        name: z.string(),
        stored: z.boolean(),
        in_environment: z.boolean(),
        created_at: z.string().nullable(),
        updated_at: z.string().nullable(),
      }),
    ),
  })
  .describe('Which credential fields are set and when; values are never returned')
  .meta({
    id: 'CredentialsStatus',
    example: {
      active_source: 'stored',
      encryption_key_configured: true,
      fields: [{ name: 'bot_token', stored: true, in_environment: false, created_at: '2025-01-01T10:00:00.000Z', updated_at: '2025-03-01T10:00:00.000Z' }],
    },
  });

const PutBodySchema = z
  .object({
    bot_token: z.string().max(255).regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a Slack bot token (xoxb-...)'),
    verify: z.boolean().default(true).describe('Check the token with auth.test before storing it, so a rotation never stores a broken token'),
  })
  .meta({ example: { bot_token: 'xoxb-0000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx', verify: true } });

const PutResultSchema = StatusSchema.extend({
  replaced: z.boolean().describe('A stored token was rotated (rather than set for the first time)'),
  identity: IdentitySchema.nullable().describe('Who the new token belongs to, when it was verified'),
}).meta({ id: 'CredentialsUpdated' });

const TestResultSchema = z
  .object({
    ok: z.boolean(),
    source: z.enum(['stored', 'environment']),
    identity: IdentitySchema.nullable(),
    error: ErrorSchema.nullable().describe("Slack's reason the token was refused"),
  })
  .meta({
    id: 'CredentialsTest',
    example: {
      ok: true,
      source: 'stored',
      identity: { team: 'Fleet', team_id: 'T123ABC456', user: 'fleet-bot', user_id: 'U0BOT', bot_id: 'B0BOT', url: 'https://fleet.slack.com/' },
      error: null,
    },
  });

const errors = { 400: ErrorSchema, 401: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema, 502: ErrorSchema, 503: ErrorSchema, 504: ErrorSchema } as const;

export interface CredentialRoutesDeps {
  credentials: SlackCredentials;
  slack: SlackConnection;
}

/** Runs auth.test; a refused token is an answer (`ok: false`), anything else an error. */
async function authTest(slack: SlackConnection, token: string): Promise<{ identity: AuthIdentity } | { refused: AppError }> {
  try {
    return { identity: await slack.forToken(token).authTest() };
  } catch (error) {
    if (error instanceof AppError && AUTH_ERRORS.has(error.code.replace(/^slack_/, ''))) return { refused: error };
    throw error;
  }
}

export const credentialRoutes: FastifyPluginAsyncZod<CredentialRoutesDeps> = async (app, deps) => {
  const security = [{ serviceToken: [] }];

  app.get(
    '/api/v1/credentials',
    { schema: { tags: ['credentials'], summary: 'Which Slack credentials are set, and when', security, response: { 200: StatusSchema, ...errors } } },
    async () => deps.credentials.status(),
  );

  app.put(
    '/api/v1/credentials',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Set or rotate the Slack bot token',
        description: 'Stored encrypted (AES-256-GCM); it wins over SLACK_BOT_TOKEN at once, without a restart. A token Slack refuses is not stored (422).',
        security,
        body: PutBodySchema,
        response: { 200: PutResultSchema, ...errors },
      },
    },
    async (request) => {
      const { bot_token, verify } = request.body;
      let identity: AuthIdentity | null = null;
      if (verify) {
        const tested = await authTest(deps.slack, bot_token);
        if ('refused' in tested) throw new AppError('credentials_rejected', `Slack refused the token: ${tested.refused.message}`, 422);
        identity = tested.identity;
      }
      const { replaced } = await deps.credentials.setBotToken(bot_token);
      return { ...(await deps.credentials.status()), replaced, identity };
    },
  );

  app.delete(
    '/api/v1/credentials',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Delete the stored bot token (SLACK_BOT_TOKEN applies again, if set)',
        security,
        response: { 200: StatusSchema, ...errors },
      },
    },
    async () => {
      await deps.credentials.removeBotToken();
      return deps.credentials.status();
    },
  );

  app.post(
    '/api/v1/credentials/test',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Check the token in use against Slack (auth.test)',
        security,
        response: { 200: TestResultSchema, ...errors },
      },
    },
    async () => {
      const bot = await deps.credentials.botToken();
      if (!bot) throw new CredentialsMissingError();
      const tested = await authTest(deps.slack, bot.token);
      if ('refused' in tested) return { ok: false, source: bot.source, identity: null, error: { code: tested.refused.code, message: tested.refused.message } };
      return { ok: true, source: bot.source, identity: tested.identity, error: null };
    },
  );
};
