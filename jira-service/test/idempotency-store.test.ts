import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/database.js';
import { idempotencyRecords } from '../src/db/schema.js';
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

  it('prunes finished records past retention and pending ones past their lease; a recent key still replays', async () => {
    await database.db.delete(idempotencyRecords);
    const HOUR = 3_600_000;
    let clock = Date.parse('2025-02-01T00:00:00Z');
    const store = new IdempotencyStore(database.db, 60_000, () => new Date(clock));
    const calls: string[] = [];
    const comment = (key: string, body: string) =>
      store.run(key, 'comments.add', { body }, 201, async () => {
        calls.push(key);
        return { id: String(calls.length), body };
      });
    const dieMidCall = (key: string) =>
      new Promise<void>((claimed) => void store.run(key, 'transitions.do', {}, 204, () => new Promise<never>(() => claimed())));

    await comment('old-done', 'three days ago');
    await dieMidCall('old-pending');
    clock += 71 * HOUR;
    await comment('new-done', 'an hour ago');
    clock += HOUR;
    await dieMidCall('live-pending');
    clock += 1000;

    expect(await store.prune(new Date(clock - 72 * HOUR))).toBe(2);
    const left = (await database.db.select({ key: idempotencyRecords.key }).from(idempotencyRecords)).map((row) => row.key).sort();
    expect(left).toEqual(['live-pending', 'new-done']);

    // The retry of the recent write gets the stored comment back without a second Jira call.
    expect(await comment('new-done', 'an hour ago')).toEqual({ statusCode: 201, body: { id: '2', body: 'an hour ago' }, replayed: true });
    await expect(store.run('live-pending', 'transitions.do', {}, 204, async () => 'twice')).rejects.toMatchObject({ code: 'idempotency_in_progress' });
    // A pruned key is free again: the write runs once more.
    await comment('old-done', 'three days ago');
    expect(calls).toEqual(['old-done', 'new-done', 'old-done']);
  });

  it('keeps the records table indexed on created_at for the prune', async () => {
    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    const result = await client.query<{ indexdef: string }>(
      `select indexdef from pg_indexes where schemaname = 'jira' and tablename = 'idempotency_records'`,
    );
    await client.end();
    expect(result.rows.map((row) => row.indexdef).join('\n')).toMatch(/USING btree \(created_at\)/);
  });
});
