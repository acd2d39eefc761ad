import { type Provider, ProviderSchema, TaskStatusSchema } from '@swe-ai-fleet/contracts';
import { type SQL, and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/rows-of.js';
import { conversations, tasks } from '../db/schema.js';
import { searchQuery } from './task-filters.js';
import { PREVIEW_LENGTH } from './task-view.js';

/** The last conversation of a page: the next page starts after it in (last_at desc, key desc). */
export interface ConversationCursor {
  lastAt: string;
  key: string;
}

export interface ConversationQuery {
  provider?: Provider;
  repository?: string;
  q?: string;
  limit: number;
  after?: ConversationCursor;
}

const ConversationRowSchema = z.object({
  key: z.string(),
  provider: ProviderSchema,
  repository: z.string().nullable(),
  first_at: z.string(),
  last_at: z.string(),
  task_count: z.coerce.number().int(),
  title: z.string(),
  last_status: TaskStatusSchema,
  last_task_id: z.string(),
  cost_usd: z.coerce.number(),
});

const at = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Conversations with the newest activity first; each with its opening request, latest status and total cost. */
export async function listConversations(db: Database, query: ConversationQuery) {
  const conditions: SQL[] = [];
  if (query.provider) conditions.push(eq(conversations.provider, query.provider));
  if (query.repository) conditions.push(eq(conversations.repository, query.repository));
  if (query.q) {
    conditions.push(sql`EXISTS (SELECT 1 FROM dashboard.tasks s WHERE s.conversation_key = ${conversations.key} AND s.search @@ ${searchQuery(query.q)})`);
  }
  if (query.after) conditions.push(sql`(${conversations.lastAt}, ${conversations.key}) < (${query.after.lastAt}::timestamptz, ${query.after.key})`);
  const rows = rowsOf(
    await db.execute(sql`
      SELECT c.key, c.provider, c.repository, ${at('c.first_at')} AS first_at, ${at('c.last_at')} AS last_at, c.task_count,
        coalesce(left(first_task.text, ${PREVIEW_LENGTH}), '') AS title,
        last_task.status AS last_status, last_task.id AS last_task_id,
        coalesce(cost.total, 0)::float8 AS cost_usd
      FROM (
        SELECT * FROM dashboard.conversations WHERE ${and(...conditions) ?? sql`true`}
        ORDER BY last_at DESC, key DESC LIMIT ${query.limit + 1}
      ) AS c
      LEFT JOIN dashboard.tasks first_task ON first_task.id = c.first_task_id
      JOIN LATERAL (
        SELECT id, status FROM dashboard.tasks WHERE conversation_key = c.key ORDER BY received_at DESC, id DESC LIMIT 1
      ) AS last_task ON true
      LEFT JOIN LATERAL (SELECT sum(cost_usd) AS total FROM dashboard.tasks WHERE conversation_key = c.key) AS cost ON true
      ORDER BY c.last_at DESC, c.key DESC`),
    ConversationRowSchema,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page,
    next: rows.length > query.limit && last ? { lastAt: last.last_at, key: last.key } : null,
  };
}

/** The turns a conversation shows at most: the newest ones. */
export const MAX_TURNS = 500;

/** One conversation and its tasks in the order they were asked: each a question, its answer or error. */
export async function findConversation(db: Database, key: string) {
  const [conversation] = await db.select().from(conversations).where(eq(conversations.key, key)).limit(1);
  if (!conversation) return null;
  // The newest turns, shown oldest first.
  const newest = await db
    .select({
      id: tasks.id,
      status: tasks.status,
      command: tasks.command,
      author: tasks.author,
      question: tasks.text,
      answer: tasks.result,
      error: tasks.error,
      agent: tasks.agent,
      model: tasks.model,
      receivedAt: tasks.receivedAt,
      finishedAt: tasks.finishedAt,
      durationMs: tasks.durationMs,
      costUsd: tasks.costUsd,
      links: tasks.links,
    })
    .from(tasks)
    .where(eq(tasks.conversationKey, key))
    .orderBy(desc(tasks.receivedAt), desc(tasks.id))
    .limit(MAX_TURNS);
  const turns = newest.reverse();
  return { conversation, turns };
}
