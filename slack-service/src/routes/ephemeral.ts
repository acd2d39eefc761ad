import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { SlackConnection } from '../slack/slack-connection.js';
import { BlocksSchema, ChannelIdSchema, IdempotencyHeadersSchema, TextSchema, TsSchema, UserIdSchema, writeErrors } from './schemas.js';

const EphemeralBodySchema = z
  .object({
    user: UserIdSchema.describe('The only user who sees the message; must be in the channel'),
    text: TextSchema.describe('mrkdwn text; ephemeral messages cannot carry files, so a very long text is cut (truncated: true)'),
    thread_ts: TsSchema.optional().describe('Show it in this thread (only if the thread is active)'),
    blocks: BlocksSchema.optional(),
  })
  .meta({ example: { user: 'U0BPQUNTA', text: 'Only you can see this: you are not allowed to run `fix` here.' } });

const EphemeralResultSchema = z
  .object({
    channel: z.string(),
    message_ts: z.array(z.string()).describe('One per part the text was split into'),
    truncated: z.boolean(),
  })
  .meta({ id: 'EphemeralDelivery', example: { channel: 'C123ABC456', message_ts: ['1502210682.580145'], truncated: false } });

export interface EphemeralRoutesDeps {
  slack: SlackConnection;
  idempotency: IdempotencyStore;
}

export const ephemeralRoutes: FastifyPluginAsyncZod<EphemeralRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/channels/:channel/ephemeral-messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Show a message to one user only (chat.postEphemeral)',
        security: [{ serviceToken: [] }],
        params: z.object({ channel: ChannelIdSchema }),
        headers: IdempotencyHeadersSchema,
        body: EphemeralBodySchema,
        response: { 201: EphemeralResultSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const input = { channel: request.params.channel, ...request.body };
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'chat.postEphemeral', input, 201, async (steps) => ({
        channel: input.channel,
        ...(await (await deps.slack.operations()).postEphemeral(input, steps)),
      }));
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.body);
    },
  );
};
