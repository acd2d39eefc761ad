import { createHash } from 'node:crypto';
import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { idempotencyRecords } from '../db/schema.js';
import { IdempotencyConflictError, IdempotencyInProgressError } from '../errors.js';

/** Status stored while the first request with a key is still talking to Sentry. */
const PENDING = 0;

export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

export interface IdempotencyStoreOptions {
  /**
   * A key still pending after this long belongs to a process that died mid-call; another
   * request may take it over. Keep it above the longest Sentry call (timeout × retries + waits).
   * @defaultValue 120000
   */
  pendingTimeoutMs?: number;
  now?: () => Date;
}

function hashRequest(operation: string, request: unknown): string {
  return createHash('sha256').update(operation).update(JSON.stringify(request)).digest('hex');
}

/**
 * Runs a provider write at most once per `Idempotency-Key`: the key is claimed before the
 * call, the result stored after it, and a repeat gets the stored result without a second call.
 */
export class IdempotencyStore {
  private readonly pendingTimeoutMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly db: Database,
    options: IdempotencyStoreOptions = {},
  ) {
    this.pendingTimeoutMs = options.pendingTimeoutMs ?? 120_000;
    this.now = options.now ?? (() => new Date());
  }

  async run<T>(
    key: string | undefined,
    operation: string,
    request: unknown,
    statusCode: number,
    work: () => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (!key) return { statusCode, body: await work(), replayed: false };
    const requestHash = hashRequest(operation, request);
    if (!(await this.claim(key, operation, requestHash))) {
      const replayed = await this.replay<T>(key, requestHash);
      if (replayed) return replayed;
      if (!(await this.claim(key, operation, requestHash))) throw new IdempotencyInProgressError();
    }
    try {
      const body = await work();
      await this.db
        .update(idempotencyRecords)
        .set({ statusCode, response: body as object })
        .where(eq(idempotencyRecords.key, key));
      return { statusCode, body, replayed: false };
    } catch (error) {
      // Sentry refused the write (or never got it): free the key so a retry can run.
      await this.db
        .delete(idempotencyRecords)
        .where(and(eq(idempotencyRecords.key, key), eq(idempotencyRecords.statusCode, PENDING)));
      throw error;
    }
  }

  /** Deletes finished records older than `olderThan`, and pending ones abandoned by dead processes. */
  async prune(olderThan: Date): Promise<number> {
    const stalePending = new Date(this.now().getTime() - this.pendingTimeoutMs);
    const deleted = await this.db
      .delete(idempotencyRecords)
      .where(
        or(
          and(ne(idempotencyRecords.statusCode, PENDING), lt(idempotencyRecords.createdAt, olderThan)),
          and(eq(idempotencyRecords.statusCode, PENDING), lt(idempotencyRecords.createdAt, stalePending)),
        ),
      )
      .returning({ key: idempotencyRecords.key });
    return deleted.length;
  }

  private async claim(key: string, operation: string, requestHash: string): Promise<boolean> {
    const claimed = await this.db
      .insert(idempotencyRecords)
      .values({ key, operation, requestHash, statusCode: PENDING, response: {}, createdAt: this.now() })
      .onConflictDoNothing()
      .returning({ key: idempotencyRecords.key });
    return claimed.length > 0;
  }

  /** The stored result, or null when the key was freed (or taken from a dead process) and may be claimed again. */
  private async replay<T>(key: string, requestHash: string): Promise<IdempotentResult<T> | null> {
    const [record] = await this.db.select().from(idempotencyRecords).where(eq(idempotencyRecords.key, key));
    if (!record) return null;
    if (record.requestHash !== requestHash) throw new IdempotencyConflictError();
    if (record.statusCode !== PENDING) return { statusCode: record.statusCode, body: record.response as T, replayed: true };
    const abandoned = record.createdAt.getTime() < this.now().getTime() - this.pendingTimeoutMs;
    if (!abandoned) throw new IdempotencyInProgressError();
    await this.db
      .delete(idempotencyRecords)
      .where(and(eq(idempotencyRecords.key, key), eq(idempotencyRecords.statusCode, PENDING), eq(idempotencyRecords.createdAt, record.createdAt)));
    return null;
  }
}
