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
   * The lease of a pending key: one still pending after this long belongs to a process that
   * died mid-call, so a repeat of the request takes it over (and `prune` deletes it). Keep it
   * above the longest GitHub call (every attempt timing out, every wait at its maximum), or a
   * slow call that is still alive is repeated.
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
 * A claim is identified by its `created_at`, so the finish and the release of a claim that was
 * taken over (its process was only slow) leave the new owner's record alone.
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
    const claim = await this.claim<T>(key, operation, requestHash);
    if (claim instanceof Date) return this.runClaimed(key, claim, statusCode, work);
    return claim;
  }

  /** Deletes finished records older than `olderThan`, and pending ones abandoned by dead processes; returns how many went. */
  async prune(olderThan: Date): Promise<number> {
    const deleted = await this.db
      .delete(idempotencyRecords)
      .where(
        or(
          and(ne(idempotencyRecords.statusCode, PENDING), lt(idempotencyRecords.createdAt, olderThan)),
          and(eq(idempotencyRecords.statusCode, PENDING), lt(idempotencyRecords.createdAt, this.leaseStart())),
        ),
      )
      .returning({ key: idempotencyRecords.key });
    return deleted.length;
  }

  /** The claim's time when this request owns the key and must do the work, else the stored result. */
  private async claim<T>(key: string, operation: string, requestHash: string): Promise<Date | IdempotentResult<T>> {
    // Twice at most: a key freed by a failed write between our insert and our read is claimed again.
    for (let attempt = 0; attempt < 2; attempt++) {
      const claimedAt = this.now();
      const inserted = await this.db
        .insert(idempotencyRecords)
        .values({ key, operation, requestHash, statusCode: PENDING, response: {}, createdAt: claimedAt })
        .onConflictDoNothing()
        .returning({ key: idempotencyRecords.key });
      if (inserted.length > 0) return claimedAt;
      const [record] = await this.db.select().from(idempotencyRecords).where(eq(idempotencyRecords.key, key));
      if (!record) continue;
      if (record.requestHash !== requestHash) throw new IdempotencyConflictError();
      if (record.statusCode !== PENDING) return { statusCode: record.statusCode, body: record.response as T, replayed: true };
      if (record.createdAt >= this.leaseStart()) throw new IdempotencyInProgressError();
      return this.takeOver(key, record.createdAt);
    }
    throw new IdempotencyInProgressError();
  }

  /**
   * Takes over a claim whose lease ran out (its process died mid-call). One conditional UPDATE
   * on the claim time we read: of two repeats racing for the key, the second finds the time
   * already moved on and matches nothing.
   */
  private async takeOver(key: string, abandonedAt: Date): Promise<Date> {
    const claimedAt = this.now();
    const taken = await this.db
      .update(idempotencyRecords)
      .set({ createdAt: claimedAt })
      .where(
        and(
          eq(idempotencyRecords.key, key),
          eq(idempotencyRecords.statusCode, PENDING),
          eq(idempotencyRecords.createdAt, abandonedAt),
        ),
      )
      .returning({ key: idempotencyRecords.key });
    if (taken.length === 0) throw new IdempotencyInProgressError();
    return claimedAt;
  }

  private async runClaimed<T>(key: string, claimedAt: Date, statusCode: number, work: () => Promise<T>): Promise<IdempotentResult<T>> {
    const ownClaim = and(eq(idempotencyRecords.key, key), eq(idempotencyRecords.statusCode, PENDING), eq(idempotencyRecords.createdAt, claimedAt));
    try {
      const body = await work();
      await this.db.update(idempotencyRecords).set({ statusCode, response: body as object }).where(ownClaim);
      return { statusCode, body, replayed: false };
    } catch (error) {
      // Nothing was written at the provider that we know of: free the key so a retry can run.
      await this.db.delete(idempotencyRecords).where(ownClaim);
      throw error;
    }
  }

  /** Pending claims made before this are past their lease. */
  private leaseStart(): Date {
    return new Date(this.now().getTime() - this.pendingTimeoutMs);
  }
}
