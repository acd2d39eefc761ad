import { AuthorSchema, ProviderSchema, TaskIdSchema, TaskStatusSchema } from '@swe-ai-fleet/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { InvalidCursorError, NotFoundError } from '../errors.js';
import { decodeConversationCursor, encodeConversationCursor } from '../read-model/conversation-cursor.js';
import { findConversation, listConversations } from '../read-model/conversation-queries.js';
import { ErrorSchema, commonErrors } from './schemas.js';
import { TaskFilterParams } from './task-filter-params.js';

const ConversationSummarySchema = z
  .object({
    key: z.string().describe('e.g. `github:octo/hello#7`, a Slack thread, a Jira or Sentry issue'),
    provider: ProviderSchema,
    repository: z.string().nullable(),
    first_at: z.iso.datetime(),
    last_at: z.iso.datetime(),
    task_count: z.number().int(),
    title: z.string().describe('The beginning of the first request'),
    last_status: TaskStatusSchema,
    last_task_id: TaskIdSchema,
    cost_usd: z.number().describe('Of every task of the conversation'),
  })
  .meta({ id: 'ConversationSummary' });

const TurnSchema = z
  .object({
    task_id: TaskIdSchema,
    status: TaskStatusSchema,
    command: z.string(),
    author: AuthorSchema,
    question: z.string(),
    answer: z.string().nullable(),
    error: z.string().nullable(),
    agent: z.string().nullable(),
    model: z.string().nullable(),
    received_at: z.iso.datetime(),
    finished_at: z.iso.datetime().nullable(),
    duration_ms: z.number().int().nullable(),
    cost_usd: z.number().nullable(),
    links: z.array(z.object({ kind: z.string(), url: z.string() })),
  })
  .meta({ id: 'ConversationTurn' });

const ConversationSchema = z
  .object({
    key: z.string(),
    provider: ProviderSchema,
    repository: z.string().nullable(),
    first_at: z.iso.datetime(),
    last_at: z.iso.datetime(),
    task_count: z.number().int(),
    turns: z.array(TurnSchema).describe('Oldest first; the newest 500 at most'),
  })
  .meta({ id: 'Conversation' });

export const conversationRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/api/v1/conversations',
    {
      schema: {
        tags: ['chat'],
        summary: 'Conversations (an issue or PR, a Slack thread, a Jira or Sentry issue), latest activity first',
        querystring: z.object({
          provider: ProviderSchema.optional(),
          repository: TaskFilterParams.repository,
          q: TaskFilterParams.q,
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().min(1).max(1000).optional(),
        }),
        response: {
          200: z.object({ items: z.array(ConversationSummarySchema), next_cursor: z.string().nullable() }).meta({ id: 'ConversationList' }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { cursor, ...query } = request.query;
      const after = cursor === undefined ? undefined : (decodeConversationCursor(cursor) ?? undefined);
      if (cursor !== undefined && !after) throw new InvalidCursorError();
      const page = await listConversations(db, { ...query, after });
      return {
        items: page.items,
        next_cursor: page.next ? encodeConversationCursor(page.next) : null,
      };
    },
  );

  app.get(
    '/api/v1/conversations/:key',
    {
      schema: {
        tags: ['chat'],
        summary: 'One conversation: its questions, answers and tasks in order',
        description: 'The key is URL-encoded in the path (`github%3Aocto%2Fhello%237`).',
        params: z.object({ key: z.string().min(1).max(500) }),
        response: { 200: ConversationSchema, 404: ErrorSchema, ...commonErrors },
      },
    },
    async (request) => {
      const found = await findConversation(db, request.params.key);
      if (!found) throw new NotFoundError(`no conversation ${request.params.key}`);
      const { conversation, turns } = found;
      return {
        key: conversation.key,
        provider: conversation.provider,
        repository: conversation.repository,
        first_at: conversation.firstAt.toISOString(),
        last_at: conversation.lastAt.toISOString(),
        task_count: conversation.taskCount,
        turns: turns.map((turn) => ({
          task_id: turn.id,
          status: turn.status,
          command: turn.command,
          author: turn.author,
          question: turn.question,
          answer: turn.answer,
          error: turn.error,
          agent: turn.agent,
          model: turn.model,
          received_at: turn.receivedAt.toISOString(),
          finished_at: turn.finishedAt?.toISOString() ?? null,
          duration_ms: turn.durationMs,
          cost_usd: turn.costUsd,
          links: turn.links,
        })),
      };
    },
  );
};
