import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/rows-of.js';

/** Rows deleted per statement, so a large first prune never holds one long transaction. */
const PRUNE_BATCH = 10_000;

/**
 * Deletes the ids of events applied before `before` from `dashboard.processed_events`, in
 * batches, oldest first (through `processed_events_processed_at_idx`). Returns how many went.
 *
 * Safe because the dedupe table is only the first line: the upsert is order-safe and
 * idempotent on its own (an event that is not newer than the stored state only fills what is
 * still null; the roll-up moves a task's contribution from its old row to its new one; a
 * conversation counts a task only when its row is created), so an event replayed after its id
 * is gone changes nothing either — `test/read-model/processed-events-retention.test.ts`.
 */
export async function pruneProcessedEvents(db: Database, before: Date, batch = PRUNE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = rowsOf(
      await db.execute(sql`
        WITH gone AS (
          DELETE FROM dashboard.processed_events WHERE event_id IN (
            SELECT event_id FROM dashboard.processed_events
            WHERE processed_at < ${before.toISOString()}::timestamptz
            ORDER BY processed_at LIMIT ${batch}
          ) RETURNING 1
        )
        SELECT count(*)::int AS n FROM gone`),
      z.object({ n: z.number() }),
    )[0]?.n ?? 0;
    total += deleted;
    if (deleted < batch) return total;
  }
}

export interface ProcessedEventsPrunerOptions {
  db: Database;
  logger: Logger;
  /** Ids older than this are deleted. */
  retentionMs: number;
  /** Time between prunes. @defaultValue 1 hour */
  intervalMs?: number;
  /** Time to the first prune, so a service restarted more often than the interval still prunes. @defaultValue 1 minute, at most the interval */
  firstDelayMs?: number;
  /** @defaultValue Date.now */
  now?: () => number;
}

/**
 * Prunes `processed_events` on an unref'd timer (it never keeps the process alive) until
 * `close()`, which clears the timer and waits for a prune under way. A failed prune (database
 * down) is logged and tried again at the next tick.
 */
export function startProcessedEventsPruner(options: ProcessedEventsPrunerOptions): { close(): Promise<void>; pruneNow(): Promise<number> } {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 3_600_000;
  let running: Promise<number> | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const pruneNow = () => {
    running ??= pruneProcessedEvents(options.db, new Date(now() - options.retentionMs))
      .then((deleted) => {
        if (deleted > 0) options.logger.info({ deleted, retention_ms: options.retentionMs }, 'pruned processed_events');
        return deleted;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const schedule = (delayMs: number) => {
    if (closed) return;
    timer = setTimeout(() => {
      pruneNow()
        .catch((err: unknown) => options.logger.warn({ err }, 'pruning processed_events failed; trying again at the next tick'))
        .finally(() => schedule(intervalMs));
    }, delayMs);
    timer.unref();
  };
  schedule(options.firstDelayMs ?? Math.min(60_000, intervalMs));
  return {
    pruneNow,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
