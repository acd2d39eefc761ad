import type { Provider, TaskStatus } from '@swe-ai-fleet/contracts';
import { type SQL, eq, gte, lt, sql } from 'drizzle-orm';
import { tasks } from '../db/schema.js';

/** What the task list, the ledger and the CSV export can be narrowed to. */
export interface TaskFilters {
  status?: TaskStatus;
  provider?: Provider;
  /** `owner/name` */
  repository?: string;
  command?: string;
  agent?: string;
  runner?: string;
  model?: string;
  /** The author's login as the provider reported it. */
  author?: string;
  /** received_at ≥ from (inclusive). */
  from?: string;
  /** received_at < to (exclusive), so consecutive ranges never count a task twice. */
  to?: string;
  /** Words that must all appear (as words or word prefixes) in the request, repository, command or author. */
  q?: string;
}

/** The words of `text` as a prefix query (see the `dashboard.prefix_tsquery` migration). */
export function searchQuery(text: string): SQL {
  return sql`dashboard.prefix_tsquery(${text})`;
}

/** One SQL condition per filter that is set; each equality filter has an index led by its column. */
export function taskConditions(filters: TaskFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(eq(tasks.status, filters.status));
  if (filters.provider) conditions.push(eq(tasks.provider, filters.provider));
  if (filters.repository) conditions.push(eq(tasks.repository, filters.repository));
  if (filters.command) conditions.push(eq(tasks.command, filters.command));
  if (filters.agent) conditions.push(eq(tasks.agent, filters.agent));
  if (filters.runner) conditions.push(eq(tasks.runner, filters.runner));
  if (filters.model) conditions.push(eq(tasks.model, filters.model));
  // Written exactly as the expression index tasks_author_received_at_id_idx, so it is used.
  if (filters.author) conditions.push(sql`(author->>'login') = ${filters.author}`);
  if (filters.from) conditions.push(gte(tasks.receivedAt, new Date(filters.from)));
  if (filters.to) conditions.push(lt(tasks.receivedAt, new Date(filters.to)));
  if (filters.q) conditions.push(sql`${tasks.search} @@ ${searchQuery(filters.q)}`);
  return conditions;
}
