import { createHash } from 'node:crypto';
import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { idempotencyRecords } from '../db/schema.js';
import { IdempotencyConflictError, IdempotencyInProgressError } from '../errors.js';

/** Status stored while the first request with a key is still talking to Jira. */
const PENDING = 0;

export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

function hashRequest(operation: string, request: unknown): string {
  return createHash('sha256').update(operation).update(JSON.stringify(request)).digest('hex');
}

/**
 * Runs a provider write at most once per `Idempotency-Key`: the key is claimed before the
 * call, the result stored after it, and a repeat gets the stored result without a second call.
 */
export class IdempotencyStore {
  /**
   * @param pendingLeaseMs - how long a claimed key may stay unfinished before another request may
   *   take it over (the first one died mid-call). Longer than a request's worst case with retries.
   *   @defaultValue 120000
   */
  constructor(
    private readonly db: Database,
    private readonly pendingLeaseMs = 120_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run<T>(
    key: string | undefined,
    operation: string,
    request: unknown,
    statusCode: number,
    work: () => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (!key) return { statusCode, body: await work(), replayed: false };
    const requestHash = hashRequest(operation, request);
    const claimed = await this.db
      .insert(idempotencyRecords)
      .values({ key, operation, requestHash, statusCode: PENDING, response: {}, createdAt: this.now() })
      .onConflictDoNothing()
      .returning({ key: idempotencyRecords.key });
    if (claimed.length === 0) {
      const stored = await this.replayOrTakeOver<T>(key, requestHash);
      if (stored) return stored;
    }
    try {
      const body = await work();
      await this.db
        .update(idempotencyRecords)
        .set({ statusCode, response: body as object })
        .where(eq(idempotencyRecords.key, key));
      return { statusCode, body, replayed: false };
    } catch (error) {
      // Jira answered with an error (nothing was written there that we know of): free the key
      // so the caller's retry can run.
      await this.db
        .delete(idempotencyRecords)
        .where(and(eq(idempotencyRecords.key, key), eq(idempotencyRecords.statusCode, PENDING)));
      throw error;
    }
  }

  /**
   * Deletes finished records older than `olderThan`, and pending ones past their lease (their
   * process died mid-call); returns how many went.
   */
  async prune(olderThan: Date): Promise<number> {
    const leaseExpired = new Date(this.now().getTime() - this.pendingLeaseMs);
    const deleted = await this.db
      .delete(idempotencyRecords)
      .where(
        or(
          and(ne(idempotencyRecords.statusCode, PENDING), lt(idempotencyRecords.createdAt, olderThan)),
          and(eq(idempotencyRecords.statusCode, PENDING), lt(idempotencyRecords.createdAt, leaseExpired)),
        ),
      )
      .returning({ key: idempotencyRecords.key });
    return deleted.length;
  }

  /** The stored result, or null when this request took over an abandoned claim and must do the work. */
  private async replayOrTakeOver<T>(key: string, requestHash: string): Promise<IdempotentResult<T> | null> {
    const [record] = await this.db.select().from(idempotencyRecords).where(eq(idempotencyRecords.key, key));
    if (!record) throw new IdempotencyInProgressError();
    if (record.requestHash !== requestHash) throw new IdempotencyConflictError();
    if (record.statusCode !== PENDING) return { statusCode: record.statusCode, body: record.response as T, replayed: true };
    const now = this.now();
    if (now.getTime() - record.createdAt.getTime() < this.pendingLeaseMs) throw new IdempotencyInProgressError();
    // Compare-and-set on the claim time, so of two late requests only one takes the key over.
    const taken = await this.db
      .update(idempotencyRecords)
      .set({ createdAt: now })
      .where(
        and(
          eq(idempotencyRecords.key, key),
          eq(idempotencyRecords.statusCode, PENDING),
          eq(idempotencyRecords.createdAt, record.createdAt),
        ),
      )
      .returning({ key: idempotencyRecords.key });
    if (taken.length === 0) throw new IdempotencyInProgressError();
    return null;
  }
}
