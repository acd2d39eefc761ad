import { createHash } from 'node:crypto';
import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { idempotencyRecords } from '../db/schema.js';
import { AppError, IdempotencyConflictError } from '../errors.js';

/** Status stored while the first request with a key is still talking to GitHub. */
const PENDING = 0;

export class IdempotencyInProgressError extends AppError {
  constructor() {
    super('idempotency_in_progress', 'a request with this Idempotency-Key is still in progress; retry later', 409, { 'retry-after': '1' });
  }
}

export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

export interface IdempotencyStoreOptions {
  /**
   * A key still pending after this long belongs to a process that died mid-call, and `prune`
   * deletes it. Keep it above the longest GitHub call (every attempt timing out, every wait at
   * its maximum).
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
    const claimed = await this.db
      .insert(idempotencyRecords)
      .values({ key, operation, requestHash, statusCode: PENDING, response: {}, createdAt: this.now() })
      .onConflictDoNothing()
      .returning({ key: idempotencyRecords.key });
    if (claimed.length === 0) return this.replay<T>(key, requestHash);
    try {
      const body = await work();
      await this.db
        .update(idempotencyRecords)
        .set({ statusCode, response: body as object })
        .where(eq(idempotencyRecords.key, key));
      return { statusCode, body, replayed: false };
    } catch (error) {
      // Nothing was written at the provider that we know of: free the key so a retry can run.
      await this.db
        .delete(idempotencyRecords)
        .where(and(eq(idempotencyRecords.key, key), eq(idempotencyRecords.statusCode, PENDING)));
      throw error;
    }
  }

  /** Deletes finished records older than `olderThan`, and pending ones abandoned by dead processes; returns how many went. */
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

  private async replay<T>(key: string, requestHash: string): Promise<IdempotentResult<T>> {
    const [record] = await this.db.select().from(idempotencyRecords).where(eq(idempotencyRecords.key, key));
    if (!record) throw new IdempotencyInProgressError();
    if (record.requestHash !== requestHash) throw new IdempotencyConflictError();
    if (record.statusCode === PENDING) throw new IdempotencyInProgressError();
    return { statusCode: record.statusCode, body: record.response as T, replayed: true };
  }
}
