import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { idempotencyRecords } from '../../src/db/schema.js';
import { IdempotencyStore } from '../../src/idempotency/idempotency-store.js';
import { createTestDatabase } from '../support/test-database.js';

describe('IdempotencyStore', () => {
  let database: DatabaseHandle;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let clock = Date.parse('2024-05-01T12:00:00Z');
  const now = () => new Date(clock);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = openDatabase({ url: testDb.url, dataDir: '' });
    await database.migrate();
  });

  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  it('answers 409 in progress while the first request with a key is still running', async () => {
    const store = new IdempotencyStore(database.db, { pendingTimeoutMs: 60_000, now });
    let release: () => void = () => undefined;
    const first = store.run('k-busy', 'op', { a: 1 }, 201, () => new Promise<string>((resolve) => (release = () => resolve('done'))));
    await expect(store.run('k-busy', 'op', { a: 1 }, 201, async () => 'twice')).rejects.toMatchObject({ code: 'idempotency_in_progress', statusCode: 409 });
    release();
    await expect(first).resolves.toMatchObject({ body: 'done', replayed: false });
    await expect(store.run('k-busy', 'op', { a: 1 }, 201, async () => 'twice')).resolves.toMatchObject({ body: 'done', replayed: true });
  });

  it('lets a request take over a key abandoned by a process that died mid-call', async () => {
    const store = new IdempotencyStore(database.db, { pendingTimeoutMs: 60_000, now });
    // The first request claims the key, then its process "dies": its work never finishes.
    await new Promise<void>((claimed) => {
      void store.run('k-dead', 'op', { b: 2 }, 200, () => new Promise<string>(() => claimed()));
    });
    await expect(store.run('k-dead', 'op', { b: 2 }, 200, async () => 'too early')).rejects.toMatchObject({ code: 'idempotency_in_progress' });
    clock += 61_000;
    await expect(store.run('k-dead', 'op', { b: 3 }, 200, async () => 'other request')).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    let calls = 0;
    const result = await store.run('k-dead', 'op', { b: 2 }, 200, async () => {
      calls += 1;
      return 'ok';
    });
    expect(result).toEqual({ statusCode: 200, body: 'ok', replayed: false });
    expect(calls).toBe(1);
    await expect(store.run('k-dead', 'op', { b: 2 }, 200, async () => 'again')).resolves.toMatchObject({ body: 'ok', replayed: true });
  });

  it('prunes finished records past retention and abandoned pending ones, and keeps the rest', async () => {
    await database.db.delete(idempotencyRecords);
    const store = new IdempotencyStore(database.db, { pendingTimeoutMs: 60_000, now });
    const at = (offsetMs: number) => new Date(clock + offsetMs);
    await database.db.insert(idempotencyRecords).values([
      { key: 'old-done', operation: 'op', requestHash: 'h', statusCode: 201, response: {}, createdAt: at(-2 * 86_400_000) },
      { key: 'new-done', operation: 'op', requestHash: 'h', statusCode: 201, response: {}, createdAt: at(-1000) },
      { key: 'old-pending', operation: 'op', requestHash: 'h', statusCode: 0, response: {}, createdAt: at(-120_000) },
      { key: 'new-pending', operation: 'op', requestHash: 'h', statusCode: 0, response: {}, createdAt: at(-1000) },
    ]);
    expect(await store.prune(at(-86_400_000))).toBe(2);
    const left = (await database.db.select({ key: idempotencyRecords.key }).from(idempotencyRecords)).map((row) => row.key).sort();
    expect(left).toEqual(['new-done', 'new-pending']);
  });
});
