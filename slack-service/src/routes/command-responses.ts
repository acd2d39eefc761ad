import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { answerCommand } from '../slack/answer-command.js';
import type { ResponseUrlAllowlist } from '../slack/response-url-allowlist.js';
import type { ResponseUrlClient } from '../slack/response-url-client.js';
import type { TextLimits } from '../text/plan-delivery.js';
import { BlocksSchema, IdempotencyHeadersSchema, TextSchema, writeErrors } from './schemas.js';

const CommandResponseBodySchema = z
  .object({
    response_url: z.string().max(2000).describe("The slash command's response_url (must match SLACK_RESPONSE_URL_ALLOWED_PREFIXES)"),
    text: TextSchema,
    response_type: z.enum(['ephemeral', 'in_channel']).default('ephemeral').describe('ephemeral: only the user who ran the command sees it'),
    replace_original: z.boolean().default(false).describe("Replace the command's previous response instead of adding one"),
    blocks: BlocksSchema.optional(),
  })
  .meta({
    example: {
      response_url: 'https://hooks.slack.com/commands/T123ABC456/1234567890/abcdefABCDEF0123',
      text: 'Task task-01J9Z… is queued; I will answer in this channel.',
      response_type: 'in_channel',
      replace_original: false,
    },
  });

const CommandResponseResultSchema = z
  .object({
    parts: z.number().int().describe('How many posts the text took (a response_url takes at most 5)'),
    truncated: z.boolean(),
  })
  .meta({ id: 'CommandResponseDelivery', example: { parts: 1, truncated: false } });

export interface CommandResponseRoutesDeps {
  allowlist: ResponseUrlAllowlist;
  client: ResponseUrlClient;
  limits: TextLimits;
  idempotency: IdempotencyStore;
}

export const commandResponseRoutes: FastifyPluginAsyncZod<CommandResponseRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/command-responses',
    {
      schema: {
        tags: ['slash commands'],
        summary: "Answer a slash command through its response_url",
        description: 'POSTs JSON to the response_url. Only URLs under the configured prefixes (https://hooks.slack.com/ in production) are accepted.',
        security: [{ serviceToken: [] }],
        headers: IdempotencyHeadersSchema,
        body: CommandResponseBodySchema,
        response: { 200: CommandResponseResultSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { response_url, ...answer } = request.body;
      const url = deps.allowlist.check(response_url);
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'response_url', request.body, 200, (steps) =>
        answerCommand(deps.client, url, answer, deps.limits, steps),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(result.body);
    },
  );
};
