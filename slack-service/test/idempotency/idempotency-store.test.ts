import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { IdempotencyStore } from '../../src/idempotency/idempotency-store.js';
import { createTestDatabase } from '../support/test-database.js';

describe('IdempotencyStore', () => {
  let database: DatabaseHandle;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = openDatabase({ url: testDb.url, dataDir: '' });
    await database.migrate();
  });
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  it('takes over a claim abandoned by a process that died mid-call, once its lease is over', async () => {
    const store = new IdempotencyStore(database.db, { pendingLeaseMs: 60_000 });
    let calls = 0;
    const work = async () => ({ n: ++calls });
    // A claim left pending: a replica crashed between claiming the key and storing the result.
    await database.db.execute(
      sql`INSERT INTO slack.idempotency_records (key, operation, request_hash, status_code, response, created_at) VALUES ('k-abandoned', 'op', 'x', 0, '{}', now() - interval '1 hour')`,
    );
    // Its request hash differs from ours: a different request may not take it over.
    await expect(store.run('k-abandoned', 'op', { a: 1 }, 201, work)).rejects.toMatchObject({ code: 'idempotency_key_reused' });

    const fresh = new IdempotencyStore(database.db, { pendingLeaseMs: 60_000 });
    let started: () => void = () => undefined;
    const claimed = new Promise<void>((resolve) => (started = resolve));
    // The work runs only once the key is claimed; a repeat after `claimed` must see the claim.
    const first = fresh.run('k-live', 'op', { a: 1 }, 201, () => {
      started();
      return new Promise<{ n: number }>((resolve) => setTimeout(() => resolve({ n: 0 }), 200));
    });
    await claimed;
    // A live claim (within its lease) is in progress, not taken over.
    await expect(fresh.run('k-live', 'op', { a: 1 }, 201, work)).rejects.toMatchObject({ code: 'idempotency_in_progress' });
    await first;

    await database.db.execute(sql`UPDATE slack.idempotency_records SET status_code = 0, created_at = now() - interval '1 hour' WHERE key = 'k-live'`);
    const taken = await fresh.run('k-live', 'op', { a: 1 }, 201, work);
    expect(taken).toEqual({ statusCode: 201, body: { n: 1 }, replayed: false });
  });

  it('prunes records older than the given time', async () => {
    const store = new IdempotencyStore(database.db);
    await store.run('k-old', 'op', {}, 200, async () => ({ ok: true }));
    await database.db.execute(sql`UPDATE slack.idempotency_records SET created_at = now() - interval '5 days' WHERE key = 'k-old'`);
    await store.run('k-new', 'op', {}, 200, async () => ({ ok: true }));
    const pruned = await store.prune(new Date(Date.now() - 3 * 24 * 3600 * 1000));
    expect(pruned).toBeGreaterThanOrEqual(1);
    const replayNew = await store.run('k-new', 'op', {}, 200, async () => ({ ok: false }));
    expect(replayNew.replayed).toBe(true);
    const rerunOld = await store.run('k-old', 'op', {}, 200, async () => ({ ok: 'again' }));
    expect(rerunOld).toMatchObject({ replayed: false, body: { ok: 'again' } });
  });
});
