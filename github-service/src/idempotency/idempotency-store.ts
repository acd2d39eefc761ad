import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
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

function hashRequest(operation: string, request: unknown): string {
  return createHash('sha256').update(operation).update(JSON.stringify(request)).digest('hex');
}

/**
 * Runs a provider write at most once per `Idempotency-Key`: the key is claimed before the
 * call, the result stored after it, and a repeat gets the stored result without a second call.
 */
export class IdempotencyStore {
  constructor(private readonly db: Database) {}

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
      .values({ key, operation, requestHash, statusCode: PENDING, response: {} })
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

  private async replay<T>(key: string, requestHash: string): Promise<IdempotentResult<T>> {
    const [record] = await this.db.select().from(idempotencyRecords).where(eq(idempotencyRecords.key, key));
    if (!record) throw new IdempotencyInProgressError();
    if (record.requestHash !== requestHash) throw new IdempotencyConflictError();
    if (record.statusCode === PENDING) throw new IdempotencyInProgressError();
    return { statusCode: record.statusCode, body: record.response as T, replayed: true };
  }
}
