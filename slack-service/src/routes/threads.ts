import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SlackConnection } from '../slack/slack-connection.js';
import { ChannelIdSchema, TsSchema, readErrors } from './schemas.js';

const RepliesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200).describe('Most messages in this page (Slack allows up to 1,000)'),
  cursor: z.string().min(1).max(500).optional().describe('next_cursor of the previous page'),
});

const ThreadMessageSchema = z.object({
  ts: z.string(),
  thread_ts: z.string().nullable(),
  user: z.string().nullable(),
  bot_id: z.string().nullable().describe('Set when a bot (perhaps this one) wrote the message'),
  subtype: z.string().nullable(),
  text: z.string(),
  reply_count: z.number().int().nullable(),
  files: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
});

const ThreadPageSchema = z
  .object({
    channel: z.string(),
    ts: z.string(),
    messages: z.array(ThreadMessageSchema).describe('The parent message first, then the replies, oldest first'),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  })
  .meta({
    id: 'ThreadPage',
    example: {
      channel: 'C123ABC456',
      ts: '1482960137.003543',
      messages: [
        { ts: '1482960137.003543', thread_ts: '1482960137.003543', user: 'U061F7AUR', bot_id: null, subtype: null, text: '@agent why is CI red?', reply_count: 1, files: [] },
        { ts: '1483037603.017503', thread_ts: '1482960137.003543', user: 'U0BOT', bot_id: 'B0BOT', subtype: 'bot_message', text: 'Looking…', reply_count: null, files: [] },
      ],
      has_more: false,
      next_cursor: null,
    },
  });

export interface ThreadRoutesDeps {
  slack: SlackConnection;
}

export const threadRoutes: FastifyPluginAsyncZod<ThreadRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/channels/:channel/messages/:ts/replies',
    {
      schema: {
        tags: ['threads'],
        summary: "Read a thread's messages (conversations.replies)",
        description: 'Cursor-paginated: pass next_cursor back as cursor while has_more is true.',
        security: [{ serviceToken: [] }],
        params: z.object({ channel: ChannelIdSchema, ts: TsSchema.describe("The thread's parent message ts") }),
        querystring: RepliesQuerySchema,
        response: { 200: ThreadPageSchema, ...readErrors },
      },
    },
    async (request) => {
      const { channel, ts } = request.params;
      return (await deps.slack.operations()).getReplies(channel, ts, request.query);
    },
  );
};
