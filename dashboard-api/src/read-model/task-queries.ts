import type { Provider, TaskStatus } from '@swe-ai-fleet/contracts';
import { type SQL, and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { tasks } from '../db/schema.js';
import type { TaskCursor } from './task-cursor.js';
import { PREVIEW_LENGTH, type Task, type TaskSummary } from './task-view.js';

export interface TaskListQuery {
  status?: TaskStatus;
  provider?: Provider;
  repository?: string;
  limit: number;
  after?: TaskCursor;
}

export interface TaskPage {
  items: TaskSummary[];
  /** Where the next page starts; null on the last page. */
  next: TaskCursor | null;
}

type TaskRow = typeof tasks.$inferSelect;
const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

function commonFields(row: Omit<TaskRow, 'text' | 'result' | 'error' | 'statusRank' | 'stateAt'>) {
  return {
    id: row.id,
    status: row.status,
    provider: row.provider,
    command: row.command,
    repository: row.repository,
    author: row.author,
    agent: row.agent,
    runner: row.runner,
    model: row.model,
    conversation_key: row.conversationKey,
    received_at: row.receivedAt.toISOString(),
    started_at: iso(row.startedAt),
    finished_at: iso(row.finishedAt),
    duration_ms: row.durationMs,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cost_usd: row.costUsd,
    links: row.links,
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Newest first, keyset-paginated on (received_at desc, id desc) so pages never skip or repeat. */
export async function listTasks(db: Database, query: TaskListQuery): Promise<TaskPage> {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(tasks.status, query.status));
  if (query.provider) conditions.push(eq(tasks.provider, query.provider));
  if (query.repository) conditions.push(eq(tasks.repository, query.repository));
  if (query.after) {
    conditions.push(sql`(${tasks.receivedAt}, ${tasks.id}) < (${query.after.receivedAt}::timestamptz, ${query.after.id})`);
  }
  const { text: _text, result: _result, error: _error, statusRank: _rank, stateAt: _stateAt, ...listed } = getTableColumns(tasks);
  const rows = await db
    .select({ ...listed, textPreview: sql<string>`left(${tasks.text}, ${PREVIEW_LENGTH})` })
    .from(tasks)
    .where(and(...conditions))
    .orderBy(desc(tasks.receivedAt), desc(tasks.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...commonFields(row), text_preview: row.textPreview })),
    next: rows.length > query.limit && last ? { receivedAt: last.receivedAt.toISOString(), id: last.id } : null,
  };
}

export async function findTask(db: Database, id: string): Promise<Task | null> {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id)).limit(1);
  if (!row) return null;
  return { ...commonFields(row), text: row.text, result: row.result, error: row.error };
}
