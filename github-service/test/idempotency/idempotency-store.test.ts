import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { idempotencyRecords } from '../../src/db/schema.js';
import { IdempotencyStore } from '../../src/idempotency/idempotency-store.js';
import { createTestDatabase } from '../support/test-database.js';

const HOUR = 3_600_000;

describe('IdempotencyStore.prune', () => {
  let database: DatabaseHandle;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let clock = Date.parse('2025-03-01T12:00:00Z');
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

  const keys = async () => (await database.db.select({ key: idempotencyRecords.key }).from(idempotencyRecords)).map((row) => row.key).sort();

  it('drops finished records past retention and pending ones of dead processes; a recent key still replays', async () => {
    const store = new IdempotencyStore(database.db, { pendingTimeoutMs: 60_000, now });
    const calls: string[] = [];
    const post = (key: string, body: string) =>
      store.run(key, 'comments.create', { body }, 201, async () => {
        calls.push(key);
        return { id: calls.length, body };
      });

    await post('old-done', 'three days ago');
    // A process claims this key and dies before GitHub answers.
    await new Promise<void>((claimed) => void store.run('old-pending', 'comments.create', {}, 201, () => new Promise<never>(() => claimed())));
    clock += 71 * HOUR;
    await post('new-done', 'an hour ago');
    clock += HOUR;
    await new Promise<void>((claimed) => void store.run('live-pending', 'comments.create', {}, 201, () => new Promise<never>(() => claimed())));
    clock += 1000;

    expect(await store.prune(new Date(clock - 72 * HOUR))).toBe(2);
    expect(await keys()).toEqual(['live-pending', 'new-done']);

    // The retry of the recent write gets the stored comment back without a second GitHub call.
    const replay = await post('new-done', 'an hour ago');
    expect(replay).toEqual({ statusCode: 201, body: { id: 2, body: 'an hour ago' }, replayed: true });
    await expect(store.run('live-pending', 'comments.create', {}, 201, async () => 'twice')).rejects.toMatchObject({ code: 'idempotency_in_progress' });
    // A pruned key is free again: the write runs once more.
    await post('old-done', 'three days ago');
    expect(calls).toEqual(['old-done', 'new-done', 'old-done']);
  });

  it('keeps a pending record until it is older than the pending timeout', async () => {
    await database.db.delete(idempotencyRecords);
    const store = new IdempotencyStore(database.db, { pendingTimeoutMs: 60_000, now });
    await new Promise<void>((claimed) => void store.run('slow', 'issues.create', {}, 201, () => new Promise<never>(() => claimed())));
    clock += 59_000;
    expect(await store.prune(new Date(clock - HOUR))).toBe(0);
    clock += 2_000;
    expect(await store.prune(new Date(clock - HOUR))).toBe(1);
    expect(await keys()).toEqual([]);
  });

  it('has an index on created_at for the prune', async () => {
    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    const result = await client.query<{ indexdef: string }>(
      `select indexdef from pg_indexes where schemaname = 'github' and tablename = 'idempotency_records'`,
    );
    await client.end();
    expect(result.rows.map((row) => row.indexdef).join('\n')).toMatch(/USING btree \(created_at\)/);
  });
});
