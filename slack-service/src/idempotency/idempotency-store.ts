import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { idempotencyRecords } from '../db/schema.js';
import { IdempotencyConflictError, IdempotencyInProgressError } from '../errors.js';

/** Status stored while the first request with a key is still talking to Slack. */
const PENDING = 0;

export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

/** Runs `work` at most once per step name within one keyed request (see `IdempotencyStore.steps`). */
export type StepRunner = <T>(step: string, request: unknown, work: () => Promise<T>) => Promise<T>;

/** The runner used when a request carries no Idempotency-Key: every step simply runs. */
export const runEveryStep: StepRunner = (_step, _request, work) => work();

export interface IdempotencyStoreOptions {
  /**
   * A claim still pending after this long belongs to a process that died mid-call; a retry may
   * take it over instead of being told "in progress" forever.
   * @defaultValue 120_000
   */
  pendingLeaseMs?: number;
}

function hashRequest(operation: string, request: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(JSON.stringify(request)).digest('hex');
}

/**
 * Runs a Slack write at most once per `Idempotency-Key`: the key is claimed before the call, the
 * result stored after it, and a repeat gets the stored result without a second call.
 */
export class IdempotencyStore {
  private readonly pendingLeaseMs: number;

  constructor(
    private readonly db: Database,
    options: IdempotencyStoreOptions = {},
  ) {
    this.pendingLeaseMs = options.pendingLeaseMs ?? 120_000;
  }

  async run<T>(
    key: string | undefined,
    operation: string,
    request: unknown,
    statusCode: number,
    work: (steps: StepRunner) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (!key) return { statusCode, body: await work(runEveryStep), replayed: false };
    const requestHash = hashRequest(operation, request);
    if (!(await this.claim(key, operation, requestHash))) return this.replay<T>(key, requestHash);
    try {
      const body = await work(this.steps(key));
      await this.complete(key, statusCode, body);
      return { statusCode, body, replayed: false };
    } catch (error) {
      // Free the key so the caller's retry can run; steps already made keep their own records.
      await this.release(key);
      throw error;
    }
  }

  /**
   * A request that makes several Slack calls (a long answer split into messages) records each
   * one under `<key>#<step>`, so a retry after a failure half-way resumes where it stopped
   * instead of posting the first parts again.
   */
  steps(key: string): StepRunner {
    return async <T>(step: string, request: unknown, work: () => Promise<T>): Promise<T> => {
      // Wrapped in an object: a bare string stored as jsonb comes back as a number ("1712.0001").
      const result = await this.run(`${key}#${step}`, `step:${step}`, request, 200, async () => ({ value: await work() }));
      return result.body.value;
    };
  }

  /** Deletes records older than `olderThan`; returns how many went. */
  async prune(olderThan: Date): Promise<number> {
    const deleted = await this.db
      .delete(idempotencyRecords)
      .where(lt(idempotencyRecords.createdAt, olderThan))
      .returning({ key: idempotencyRecords.key });
    return deleted.length;
  }

  private async claim(key: string, operation: string, requestHash: string): Promise<boolean> {
    const staleBefore = new Date(Date.now() - this.pendingLeaseMs);
    const claimed = await this.db
      .insert(idempotencyRecords)
      .values({ key, operation, requestHash, statusCode: PENDING, response: {} })
      .onConflictDoUpdate({
        target: idempotencyRecords.key,
        set: { createdAt: sql`now()` },
        // Only an abandoned claim of the same request is taken over.
        setWhere: and(
          eq(idempotencyRecords.statusCode, PENDING),
          eq(idempotencyRecords.requestHash, requestHash),
          lt(idempotencyRecords.createdAt, staleBefore),
        ),
      })
      .returning({ key: idempotencyRecords.key });
    return claimed.length > 0;
  }

  private async complete(key: string, statusCode: number, body: unknown): Promise<void> {
    await this.db
      .update(idempotencyRecords)
      .set({ statusCode, response: body as object })
      .where(eq(idempotencyRecords.key, key));
  }

  private async release(key: string): Promise<void> {
    await this.db
      .delete(idempotencyRecords)
      .where(and(eq(idempotencyRecords.key, key), eq(idempotencyRecords.statusCode, PENDING)));
  }

  private async replay<T>(key: string, requestHash: string): Promise<IdempotentResult<T>> {
    const [record] = await this.db.select().from(idempotencyRecords).where(eq(idempotencyRecords.key, key));
    if (!record) throw new IdempotencyInProgressError();
    if (record.requestHash !== requestHash) throw new IdempotencyConflictError();
    if (record.statusCode === PENDING) throw new IdempotencyInProgressError();
    return { statusCode: record.statusCode, body: record.response as T, replayed: true };
  }
}
