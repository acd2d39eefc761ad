import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/database.js';
import { IdempotencyStore } from '../src/idempotency/idempotency-store.js';
import { createTestDatabase } from './support/test-database.js';

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

  it('answers 409 to a repeat while the first request is still running', async () => {
    const store = new IdempotencyStore(database.db);
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const claimed = new Promise<void>((resolve) => (started = resolve));
    // The work runs only once the key is claimed, so a repeat after `claimed` must see the claim.
    const first = store.run('k-running', 'op', { a: 1 }, 201, () => {
      started();
      return new Promise<string>((resolve) => (release = () => resolve('done')));
    });
    await claimed;
    await expect(store.run('k-running', 'op', { a: 1 }, 201, async () => 'again')).rejects.toMatchObject({ code: 'idempotency_in_progress', statusCode: 409 });
    release();
    expect(await first).toEqual({ statusCode: 201, body: 'done', replayed: false });
  });

  it('lets a later request take over a claim abandoned past its lease, exactly once', async () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const store = new IdempotencyStore(database.db, 60_000, () => now);
    // The first request claimed the key, then its process died before Jira answered.
    let started: () => void = () => undefined;
    const claimed = new Promise<void>((resolve) => (started = resolve));
    const abandoned = store.run('k-abandoned', 'op', {}, 201, () => {
      started();
      return new Promise<never>(() => undefined);
    });
    void abandoned;
    await claimed;
    now = new Date('2025-01-01T00:02:00Z');
    const calls: string[] = [];
    const results = await Promise.allSettled([
      store.run('k-abandoned', 'op', {}, 201, async () => (calls.push('a'), 'a')),
      store.run('k-abandoned', 'op', {}, 201, async () => (calls.push('b'), 'b')),
    ]);
    // One of them does the work; the other either replays its result or is told to come back.
    expect(calls).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'fulfilled') expect(result.value.body).toBe(calls[0]);
      else expect(result.reason).toMatchObject({ code: 'idempotency_in_progress' });
    }
    const replay = await store.run('k-abandoned', 'op', {}, 201, async () => 'never');
    expect(replay).toMatchObject({ replayed: true, body: calls[0] });
  });
});
