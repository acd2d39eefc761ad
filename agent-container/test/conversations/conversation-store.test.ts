import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationStore, type TurnInput } from '../../src/conversations/conversation-store.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { createTestDatabase } from '../support/test-database.js';

describe('conversation store', () => {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: DatabaseHandle;
  let store: ConversationStore;
  let sequence = 0;
  const turn = (conversationKey: string, offsetMs: number): TurnInput => ({
    taskId: `task-01TEST${String(sequence++).padStart(20, '0')}`,
    conversationKey,
    receivedAt: new Date(Date.UTC(2026, 0, 1) + offsetMs).toISOString(),
    command: 'ask',
    author: 'mia',
    question: `question ${offsetMs}`,
  });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = openDatabase({ url: testDb.url, dataDir: '' });
    await database.migrate();
    store = new ConversationStore(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('lets the earliest task run, and makes a later one wait for it, once per blocker', async () => {
    const [a, b, c] = [turn('k1', 0), turn('k1', 1), turn('k1', 2)];
    if (!a || !b || !c) throw new Error('no turns');
    // b arrives at a worker first: it must wait for a, which is not even registered yet, so b runs.
    expect(await store.claim(b, 60_000)).toEqual({ proceed: true });
    expect(await store.claim(a, 60_000)).toEqual({ proceed: false, waitingFor: b.taskId, firstWait: true });
    // c waits for the earliest task in its way: a, which waits itself.
    expect(await store.claim(c, 60_000)).toEqual({ proceed: false, waitingFor: a.taskId, firstWait: true });
    expect(await store.claim(c, 60_000)).toEqual({ proceed: false, waitingFor: a.taskId, firstWait: false });
    await store.finish(b.taskId, { status: 'succeeded', answer: 'answer b' });
    expect(await store.claim(c, 60_000)).toEqual({ proceed: false, waitingFor: a.taskId, firstWait: false });
    expect(await store.claim(a, 60_000)).toEqual({ proceed: true });
    // The same task claiming again (its job stalled and came back) may go on.
    expect(await store.claim(a, 60_000)).toEqual({ proceed: true });
    await store.finish(a.taskId, { status: 'failed' });
    expect(await store.claim(c, 60_000)).toEqual({ proceed: true });
    // Only answered turns before c are its history.
    expect((await store.history(c, 10)).map((past) => [past.question, past.answer])).toEqual([['question 1', 'answer b']]);
  });

  it('stops blocking when a lease runs out, so a lost job never stalls its conversation for good', async () => {
    const [lost, next] = [turn('k2', 0), turn('k2', 1)];
    if (!lost || !next) throw new Error('no turns');
    expect(await store.claim(lost, 300)).toEqual({ proceed: true });
    expect((await store.claim(next, 60_000)).proceed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await store.claim(next, 60_000)).toEqual({ proceed: true });
  });

  it('lets an earlier task seen in the queue go first, though its worker has not claimed yet', async () => {
    const [early, late] = [turn('k5', 0), turn('k5', 1)];
    if (!early || !late) throw new Error('no turns');
    expect(await store.claim(late, 60_000, [early, late, turn('elsewhere', 0)])).toEqual({ proceed: false, waitingFor: early.taskId, firstWait: true });
    expect(await store.claim(early, 60_000, [early, late])).toEqual({ proceed: true });
  });

  it('keeps a retrying task ahead of later ones while its lease holds, and other conversations apart', async () => {
    const [retrying, later] = [turn('k3', 0), turn('k3', 1)];
    const other = turn('k4', 5);
    if (!retrying || !later || !other) throw new Error('no turns');
    expect(await store.claim(retrying, 60_000)).toEqual({ proceed: true });
    await store.hold(retrying.taskId, 60_000);
    expect(await store.claim(later, 60_000)).toMatchObject({ proceed: false, waitingFor: retrying.taskId });
    expect(await store.claim(other, 60_000)).toEqual({ proceed: true });
  });
});
