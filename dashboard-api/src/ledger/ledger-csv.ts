import type { Database } from '../db/database.js';
import { listTasks } from '../read-model/task-queries.js';
import type { TaskFilters } from '../read-model/task-filters.js';
import { csvRow } from './csv.js';

export const LEDGER_CSV_COLUMNS = [
  'task_id',
  'received_at',
  'finished_at',
  'status',
  'provider',
  'repository',
  'command',
  'author',
  'agent',
  'runner',
  'model',
  'duration_ms',
  'input_tokens',
  'output_tokens',
  'cost_usd',
] as const;

/** Rows read per query: enough to keep the database busy, small enough to stream. */
const BATCH = 1_000;

/**
 * The ledger as CSV, newest task first, read page by page with the list's keyset cursor, so
 * memory stays flat however many tasks match.
 */
export async function* ledgerCsv(db: Database, filters: TaskFilters): AsyncGenerator<string> {
  yield csvRow(LEDGER_CSV_COLUMNS);
  let page = await listTasks(db, { ...filters, limit: BATCH });
  for (;;) {
    let chunk = '';
    for (const task of page.items) {
      chunk += csvRow([
        task.id,
        task.received_at,
        task.finished_at,
        task.status,
        task.provider,
        task.repository,
        task.command,
        task.author.login,
        task.agent,
        task.runner,
        task.model,
        task.duration_ms,
        task.input_tokens,
        task.output_tokens,
        task.cost_usd,
      ]);
    }
    if (chunk) yield chunk;
    if (!page.next) return;
    page = await listTasks(db, { ...filters, limit: BATCH, after: page.next });
  }
}
