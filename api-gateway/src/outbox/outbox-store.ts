import { and, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { outbox, tasks } from '../db/schema.js';

export interface DueOutboxRow {
  id: number;
  taskId: string;
  attempts: number;
  job: unknown;
}

/** Handles one claimed batch; the rows stay locked against other replicas until it returns. */
export interface OutboxBatch {
  rows: readonly DueOutboxRow[];
  markDispatched(row: DueOutboxRow): Promise<void>;
  markFailed(row: DueOutboxRow, error: string, retryInMs: number): Promise<void>;
}

export class OutboxStore {
  constructor(private readonly db: Database) {}

  /** Marks the rows of tasks the request path pushed, in one UPDATE. */
  async markDispatched(taskIds: readonly string[]): Promise<void> {
    if (taskIds.length === 0) return;
    await this.db
      .update(outbox)
      .set({ dispatchedAt: sql`now()`, lastError: null })
      .where(and(inArray(outbox.taskId, [...taskIds]), isNull(outbox.dispatchedAt)));
  }

  /**
   * Claims up to `limit` undispatched rows older than `minAgeMs` and due for a try, with
   * `FOR UPDATE SKIP LOCKED` so that replicas running the relay at once take different rows.
   * Ages are measured by the database clock, the one that wrote `created_at`.
   */
  async withDueRows<T>(limit: number, minAgeMs: number, handle: (batch: OutboxBatch) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      // Only outbox rows are locked (drizzle cannot write `FOR UPDATE OF` for a schema-qualified
      // table, so the jobs are read in a second query rather than through a join).
      const claimed = await tx
        .select({ id: outbox.id, taskId: outbox.taskId, attempts: outbox.attempts })
        .from(outbox)
        .where(
          and(
            isNull(outbox.dispatchedAt),
            lte(outbox.nextAttemptAt, sql`now()`),
            lt(outbox.createdAt, sql`now() - ${Math.round(minAgeMs)}::int * interval '1 millisecond'`),
          ),
        )
        .orderBy(outbox.nextAttemptAt)
        .limit(limit)
        .for('update', { skipLocked: true });
      const jobs = claimed.length === 0 ? [] : await tx.select({ id: tasks.id, job: tasks.job }).from(tasks).where(inArray(tasks.id, claimed.map((row) => row.taskId)));
      const jobOf = new Map(jobs.map((row) => [row.id, row.job]));
      const rows = claimed.map((row) => ({ ...row, job: jobOf.get(row.taskId) }));
      return handle({
        rows,
        async markDispatched(row) {
          await tx
            .update(outbox)
            .set({ dispatchedAt: sql`now()`, attempts: row.attempts + 1, lastError: null })
            .where(eq(outbox.id, row.id));
        },
        async markFailed(row, error, retryInMs) {
          await tx
            .update(outbox)
            .set({
              attempts: row.attempts + 1,
              lastError: error.slice(0, 1_000),
              nextAttemptAt: sql`now() + ${Math.round(retryInMs)}::int * interval '1 millisecond'`,
            })
            .where(eq(outbox.id, row.id));
        },
      });
    });
  }
}
