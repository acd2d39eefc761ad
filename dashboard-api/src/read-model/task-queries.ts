import { type SQL, and, asc, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { tasks } from '../db/schema.js';
import type { SortOrder, TaskCursor, TaskSort } from './task-cursor.js';
import { type TaskFilters, taskConditions } from './task-filters.js';
import { PREVIEW_LENGTH, type Task, type TaskSummary } from './task-view.js';

export interface TaskListQuery extends TaskFilters {
  limit: number;
  /** @defaultValue 'received_at' */
  sort?: TaskSort;
  /** @defaultValue 'desc' */
  order?: SortOrder;
  after?: TaskCursor;
}

export interface TaskPage {
  items: TaskSummary[];
  /** Where the next page starts; null on the last page. */
  next: TaskCursor | null;
}

export type TaskRow = typeof tasks.$inferSelect;
const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** The columns of a task both the list and the detail show. */
export function commonFields(row: Omit<TaskRow, 'text' | 'result' | 'error' | 'statusRank' | 'stateAt' | 'search'>) {
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
    queue_wait_ms: row.queueWaitMs,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cost_usd: row.costUsd,
    links: row.links,
    updated_at: row.updatedAt.toISOString(),
  };
}

const SORT_COLUMNS = { received_at: tasks.receivedAt, duration_ms: tasks.durationMs, cost_usd: tasks.costUsd } as const;

/**
 * Rows strictly after the cursor in (column, id), rows without a value last in either direction.
 * The row comparison `(column, id) < (value, id)` is what lets Postgres walk the index.
 */
function afterCursor(cursor: TaskCursor): SQL {
  const column = SORT_COLUMNS[cursor.sort];
  const before = cursor.order === 'desc';
  // Cast to the column's own type: a comparison across types would not use the index.
  const value =
    cursor.sort === 'received_at'
      ? sql`${cursor.value}::timestamptz`
      : cursor.sort === 'duration_ms'
        ? sql`${cursor.value}::integer`
        : sql`${cursor.value}::numeric`;
  if (cursor.value === null) {
    return before ? sql`(${column} IS NULL AND ${tasks.id} < ${cursor.id})` : sql`(${column} IS NULL AND ${tasks.id} > ${cursor.id})`;
  }
  const comparison = before ? sql`(${column}, ${tasks.id}) < (${value}, ${cursor.id})` : sql`(${column}, ${tasks.id}) > (${value}, ${cursor.id})`;
  return cursor.sort === 'received_at' ? comparison : sql`(${comparison} OR ${column} IS NULL)`;
}

function sortValue(row: Pick<TaskRow, 'receivedAt' | 'durationMs' | 'costUsd'>, sort: TaskSort): string | number | null {
  if (sort === 'received_at') return row.receivedAt.toISOString();
  return sort === 'duration_ms' ? row.durationMs : row.costUsd;
}

/** The SELECT of one page (one row more than the page, to know whether another follows). */
export function taskPageQuery(db: Database, query: TaskListQuery) {
  const sort = query.sort ?? 'received_at';
  const order = query.order ?? 'desc';
  const conditions = taskConditions(query);
  if (query.after) conditions.push(afterCursor(query.after));
  const column = SORT_COLUMNS[sort];
  const direction = order === 'desc' ? desc : asc;
  const ordering = sort === 'received_at' ? [direction(column), direction(tasks.id)] : [sql`${direction(column)} NULLS LAST`, direction(tasks.id)];
  const { text: _text, result: _result, error: _error, ...listed } = shownColumns();
  return db
    .select({ ...listed, textPreview: sql<string>`left(${tasks.text}, ${PREVIEW_LENGTH})` })
    .from(tasks)
    .where(and(...conditions))
    .orderBy(...ordering)
    .limit(query.limit + 1);
}

/** Keyset-paginated in (sort value, id), so pages never skip or repeat a row while tasks arrive. */
export async function listTasks(db: Database, query: TaskListQuery): Promise<TaskPage> {
  const sort = query.sort ?? 'received_at';
  const order = query.order ?? 'desc';
  const rows = await taskPageQuery(db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...commonFields(row), text_preview: row.textPreview })),
    next: rows.length > query.limit && last ? { sort, order, value: sortValue(last, sort), id: last.id } : null,
  };
}

/** Every column a reader sees: not the event-ordering bookkeeping, not the search vector. */
function shownColumns() {
  const { statusRank: _rank, stateAt: _stateAt, search: _search, ...shown } = getTableColumns(tasks);
  return shown;
}

export async function findTask(db: Database, id: string): Promise<Task | null> {
  const [row] = await db.select(shownColumns()).from(tasks).where(eq(tasks.id, id)).limit(1);
  if (!row) return null;
  return { ...commonFields(row), text: row.text, result: row.result, error: row.error };
}
