import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGithubStandIn } from '../../../e2e/stand-ins/github-api.js';
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

describe('IdempotencyStore takeover of a key abandoned by a dead process', () => {
  const LEASE = 60_000;
  const ISSUE = '/repos/octo/hello/issues/1/comments';
  let database: DatabaseHandle;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let github: Awaited<ReturnType<typeof startGithubStandIn>>;
  let clock = Date.parse('2025-03-01T12:00:00Z');
  const now = () => new Date(clock);
  const store = () => new IdempotencyStore(database.db, { pendingTimeoutMs: LEASE, now });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = openDatabase({ url: testDb.url, dataDir: '' });
    await database.migrate();
    github = await startGithubStandIn();
  });

  afterAll(async () => {
    await github.close();
    await database.close();
    await testDb.drop();
  });

  /** The write itself: a comment posted to the GitHub stand-in. */
  const postComment = async (body: string) => {
    const response = await fetch(`${github.url}${ISSUE}`, {
      method: 'POST',
      headers: { authorization: 'token ghp_test', 'content-type': 'application/json' },
      body: JSON.stringify({ body }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: number; body: string };
  };
  const posted = () => github.requests.filter((request) => request.method === 'POST' && request.path === ISSUE).length;
  const comment = (key: string, body: string) => store().run(key, 'issues.createComment', { body }, 201, () => postComment(body));
  /** A process claims `key` and dies before GitHub answers. */
  const abandon = (key: string, body: string) =>
    new Promise<void>((claimed) => void store().run(key, 'issues.createComment', { body }, 201, () => new Promise<never>(() => claimed())));

  it('lets a repeat past the lease take the key over and write once; later repeats replay that write', async () => {
    await abandon('taken-over', 'hello');
    clock += LEASE + 1;
    const before = posted();

    const retry = await comment('taken-over', 'hello');
    expect(retry).toMatchObject({ statusCode: 201, replayed: false, body: { body: 'hello' } });
    expect(posted() - before).toBe(1);

    const again = await comment('taken-over', 'hello');
    expect(again).toEqual({ statusCode: 201, body: retry.body, replayed: true });
    expect(posted() - before).toBe(1);
  });

  it('answers 409 without writing while the pending key is within its lease', async () => {
    await abandon('live', 'still running');
    const before = posted();
    clock += LEASE;
    await expect(comment('live', 'still running')).rejects.toMatchObject({ code: 'idempotency_in_progress', statusCode: 409 });
    expect(posted()).toBe(before);
    // One millisecond later the lease is over.
    clock += 1;
    await expect(comment('live', 'still running')).resolves.toMatchObject({ replayed: false });
    expect(posted() - before).toBe(1);
  });

  it('does not take over an abandoned key for a different request', async () => {
    await abandon('reused', 'first');
    clock += LEASE + 1;
    const before = posted();
    await expect(comment('reused', 'second')).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect(posted()).toBe(before);
  });

  it('lets exactly one of two repeats racing for an abandoned key write to GitHub', async () => {
    await abandon('raced', 'once');
    clock += LEASE + 1;
    const before = posted();
    // Hold the row so both repeats read the abandoned claim and queue up on their takeover.
    const locker = new pg.Client({ connectionString: testDb.url });
    await locker.connect();
    await locker.query('begin');
    await locker.query(`select key from github.idempotency_records where key = 'raced' for update`);
    const racing = Promise.allSettled([comment('raced', 'once'), comment('raced', 'once')]);
    try {
      await waitFor(async () => {
        // Inside a transaction pg_stat_activity is a snapshot taken at first read; drop it.
        await locker.query('select pg_stat_clear_snapshot()');
        const waiting = await locker.query<{ count: string }>(
          `select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return Number(waiting.rows[0]?.count) === 2;
      });
    } finally {
      await locker.query('commit');
      await locker.end();
    }

    const outcomes = await racing;
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({ code: 'idempotency_in_progress' });
    expect(posted() - before).toBe(1);
    await expect(comment('raced', 'once')).resolves.toMatchObject({ replayed: true, body: won[0]?.value.body });
    expect(posted() - before).toBe(1);
  });

  it('keeps the new owner\'s claim when the slow original fails late', async () => {
    const original = deferred<{ by: string }>();
    const takeover = deferred<{ by: string }>();
    let originalStarted = () => {};
    const started = new Promise<void>((resolve) => (originalStarted = resolve));
    const slow = store().run('slow', 'issues.createComment', {}, 201, () => {
      originalStarted();
      return original.promise;
    });
    await started;
    clock += LEASE + 1;
    let takeoverStarted = () => {};
    const takenOver = new Promise<void>((resolve) => (takeoverStarted = resolve));
    const retry = store().run('slow', 'issues.createComment', {}, 201, () => {
      takeoverStarted();
      return takeover.promise;
    });
    await takenOver;

    // The original's failure frees only its own claim: the retry still holds the key.
    original.reject(new Error('GitHub timed out'));
    await expect(slow).rejects.toThrow('GitHub timed out');
    await expect(store().run('slow', 'issues.createComment', {}, 201, async () => ({ by: 'third' }))).rejects.toMatchObject({
      code: 'idempotency_in_progress',
    });

    takeover.resolve({ by: 'retry' });
    await expect(retry).resolves.toEqual({ statusCode: 201, body: { by: 'retry' }, replayed: false });
    await expect(store().run('slow', 'issues.createComment', {}, 201, async () => ({ by: 'third' }))).resolves.toEqual({
      statusCode: 201,
      body: { by: 'retry' },
      replayed: true,
    });
  });

  it('stores the new owner\'s result, not the slow original\'s that succeeds meanwhile', async () => {
    const original = deferred<{ by: string }>();
    const takeover = deferred<{ by: string }>();
    let originalStarted = () => {};
    const started = new Promise<void>((resolve) => (originalStarted = resolve));
    const slow = store().run('late', 'issues.createComment', {}, 201, () => {
      originalStarted();
      return original.promise;
    });
    await started;
    clock += LEASE + 1;
    let takeoverStarted = () => {};
    const takenOver = new Promise<void>((resolve) => (takeoverStarted = resolve));
    const retry = store().run('late', 'issues.createComment', {}, 201, () => {
      takeoverStarted();
      return takeover.promise;
    });
    await takenOver;

    original.resolve({ by: 'original' });
    await expect(slow).resolves.toMatchObject({ body: { by: 'original' }, replayed: false });
    takeover.resolve({ by: 'retry' });
    await expect(retry).resolves.toMatchObject({ body: { by: 'retry' }, replayed: false });
    await expect(store().run('late', 'issues.createComment', {}, 201, async () => ({ by: 'third' }))).resolves.toEqual({
      statusCode: 201,
      body: { by: 'retry' },
      replayed: true,
    });
  });
});

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
