import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { SlackConnection } from '../slack/slack-connection.js';
import { BlocksSchema, ChannelIdSchema, IdempotencyHeadersSchema, TextSchema, TsSchema, writeErrors } from './schemas.js';

const PostMessageBodySchema = z
  .object({
    text: TextSchema.describe('mrkdwn text; a long one is split into several messages in the thread, or attached as a file'),
    thread_ts: TsSchema.optional().describe("Reply in this thread (the parent message's ts)"),
    reply_broadcast: z.boolean().optional().describe('With thread_ts: also show the reply in the channel'),
    blocks: BlocksSchema.optional(),
    unfurl_links: z.boolean().optional(),
    unfurl_media: z.boolean().optional(),
  })
  .meta({ example: { text: 'Working on it — I will post the answer here.', thread_ts: '1503435956.000247' } });

const UpdateMessageBodySchema = z
  .object({
    text: TextSchema.describe('The new text; what does not fit in one message continues as replies in the thread'),
    thread_ts: TsSchema.optional().describe("If the message is a reply: its thread's parent ts (continuations go there)"),
    blocks: BlocksSchema.optional(),
  })
  .meta({ example: { text: 'Done: the flaky test now waits for the server to listen.' } });

export const MessageDeliverySchema = z
  .object({
    channel: z.string(),
    ts: z.string().describe('The message posted or updated'),
    thread_ts: z.string().nullable().describe('The thread the message, its continuations and any file went to'),
    continuation_ts: z.array(z.string()).describe('Further messages a long text was split into, in order'),
    file: z
      .object({ id: z.string(), name: z.string().nullable() })
      .nullable()
      .describe('The file snippet holding the whole text, when it was too long for messages'),
  })
  .meta({
    id: 'MessageDelivery',
    example: { channel: 'C123ABC456', ts: '1503435956.000247', thread_ts: null, continuation_ts: [], file: null },
  });

export interface MessageRoutesDeps {
  slack: SlackConnection;
  idempotency: IdempotencyStore;
}

export const messageRoutes: FastifyPluginAsyncZod<MessageRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/channels/:channel/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Post a message or a thread reply (chat.postMessage)',
        description:
          'A text longer than one message (SLACK_MESSAGE_MAX_CHARS) continues as replies in the thread; one needing more than SLACK_MAX_MESSAGES_PER_TEXT messages is posted as a preview plus a Markdown file snippet.',
        security: [{ serviceToken: [] }],
        params: z.object({ channel: ChannelIdSchema }),
        headers: IdempotencyHeadersSchema,
        body: PostMessageBodySchema,
        response: { 201: MessageDeliverySchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const input = { channel: request.params.channel, ...request.body };
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'chat.postMessage', input, 201, async (steps) =>
        (await deps.slack.operations()).postMessage(input, steps),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.body);
    },
  );

  app.patch(
    '/api/v1/channels/:channel/messages/:ts',
    {
      schema: {
        tags: ['messages'],
        summary: 'Update a message (chat.update)',
        description: 'Replaces the text of a message this bot posted; a long text continues as replies in its thread.',
        security: [{ serviceToken: [] }],
        params: z.object({ channel: ChannelIdSchema, ts: TsSchema }),
        headers: IdempotencyHeadersSchema,
        body: UpdateMessageBodySchema,
        response: { 200: MessageDeliverySchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const input = { ...request.params, ...request.body };
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'chat.update', input, 200, async (steps) =>
        (await deps.slack.operations()).updateMessage(input, steps),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(result.body);
    },
  );
};
