import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { SlackConnection } from '../slack/slack-connection.js';
import { ChannelIdSchema, IdempotencyHeadersSchema, TsSchema, writeErrors } from './schemas.js';

const ReactionBodySchema = z
  .object({
    name: z
      .string()
      .regex(/^:?[a-z0-9_+'-]{1,100}(?:::skin-tone-[2-6])?:?$/, 'must be an emoji name such as eyes or :white_check_mark:')
      .describe('Emoji name, with or without colons'),
  })
  .meta({ example: { name: 'eyes' } });

const ReactionSchema = z
  .object({
    channel: z.string(),
    ts: z.string(),
    name: z.string(),
    already_reacted: z.boolean().describe('The bot had already added this reaction; Slack changed nothing'),
  })
  .meta({ id: 'Reaction', example: { channel: 'C123ABC456', ts: '1503435956.000247', name: 'eyes', already_reacted: false } });

export interface ReactionRoutesDeps {
  slack: SlackConnection;
  idempotency: IdempotencyStore;
}

export const reactionRoutes: FastifyPluginAsyncZod<ReactionRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/channels/:channel/messages/:ts/reactions',
    {
      schema: {
        tags: ['reactions'],
        summary: 'Add a reaction to a message (reactions.add)',
        description: "Slack's already_reacted counts as success (already_reacted: true).",
        security: [{ serviceToken: [] }],
        params: z.object({ channel: ChannelIdSchema, ts: TsSchema }),
        headers: IdempotencyHeadersSchema,
        body: ReactionBodySchema,
        response: { 200: ReactionSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { channel, ts } = request.params;
      const name = request.body.name.replace(/^:/, '').replace(/:$/, '');
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'reactions.add', { channel, ts, name }, 200, async () => {
        const { already_reacted } = await (await deps.slack.operations()).addReaction(channel, ts, name);
        return { channel, ts, name, already_reacted };
      });
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(result.body);
    },
  );
};
