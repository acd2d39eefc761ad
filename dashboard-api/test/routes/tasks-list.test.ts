import type { Provider, TaskStatus } from '@swe-ai-fleet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTaskEvent } from '../../src/read-model/apply-task-event.js';
import { newTaskId } from '../support/task-ids.js';
import { taskEvent } from '../support/task-events.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

interface Seeded {
  id: string;
  receivedAt: string;
  status: TaskStatus;
  provider: Provider;
  repository: string | null;
}

const STATUSES: TaskStatus[] = ['queued', 'running', 'succeeded', 'failed'];
const PROVIDERS: Provider[] = ['github', 'slack', 'jira'];

/** Newest first, ties on received_at broken by id, both descending: the order the API promises. */
const byListOrder = (a: Seeded, b: Seeded) =>
  a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : -1) : a.receivedAt < b.receivedAt ? 1 : -1;

describe('GET /api/v1/tasks', () => {
  let testApp: TestApp;
  const seeded: Seeded[] = [];

  const list = async (query: string) => {
    const response = await testApp.inject({ method: 'GET', url: `/api/v1/tasks${query}` });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    for (let i = 0; i < 120; i += 1) {
      // Every third task shares its received_at with the previous one: pages must split ties correctly.
      const minute = i - Math.floor(i / 3);
      const receivedAt = new Date(Date.UTC(2026, 0, 5, 8, minute, 0, 250)).toISOString();
      const status = STATUSES[i % STATUSES.length] ?? 'queued';
      const provider = PROVIDERS[i % PROVIDERS.length] ?? 'github';
      const repository = provider === 'github' ? (i % 2 === 0 ? 'octo/hello' : 'octo/world') : null;
      const [owner = '', name = ''] = repository?.split('/') ?? [];
      const task: Seeded = { id: newTaskId(), receivedAt, status, provider, repository };
      seeded.push(task);
      await applyTaskEvent(
        testApp.database.db,
        taskEvent({
          task_id: task.id,
          status,
          provider,
          repository: repository ? { owner, name } : null,
          received_at: receivedAt,
          timestamp: receivedAt,
          text: `request ${i} ${'x'.repeat(400)}`,
        }),
      );
    }
    seeded.sort(byListOrder);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('walks 120 tasks in pages of 50 with cursors, newest first, none skipped or repeated', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      sizes.push(page.body.items.length);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 20]);
    expect(seen).toEqual(seeded.map((task) => task.id));
  });

  it('gives 50 by default, and a short preview of the request instead of its whole text', async () => {
    const page = await list('');
    expect(page.body.items).toHaveLength(50);
    const first = page.body.items[0];
    expect(first.id).toBe(seeded[0]?.id);
    expect(first.text_preview).toHaveLength(200);
    expect(first).not.toHaveProperty('text');
    expect(first).toMatchObject({ command: 'fix', author: { login: 'octocat' }, received_at: seeded[0]?.receivedAt });
  });

  it('filters by status, provider and repository, paginating within the filter', async () => {
    const expected = seeded.filter((task) => task.status === 'failed' && task.provider === 'github');
    const first = await list('?status=failed&provider=github&limit=3');
    const rest = await list(`?status=failed&provider=github&limit=200&cursor=${first.body.next_cursor}`);
    expect([...first.body.items, ...rest.body.items].map((item: { id: string }) => item.id)).toEqual(expected.map((task) => task.id));
    expect(rest.body.next_cursor).toBeNull();

    const world = await list('?repository=octo/world&limit=200');
    expect(world.body.items.map((item: { id: string }) => item.id)).toEqual(
      seeded.filter((task) => task.repository === 'octo/world').map((task) => task.id),
    );
  });

  it('answers an empty page for a filter nothing matches', async () => {
    expect((await list('?repository=nobody/nothing')).body).toEqual({ items: [], next_cursor: null });
  });

  it('refuses a limit above 200, an unknown status and a malformed repository with 400', async () => {
    for (const query of ['?limit=201', '?limit=0', '?status=exploded', '?provider=gitlab', '?repository=justaname']) {
      const page = await list(query);
      expect(page.status, query).toBe(400);
      expect(page.body.code, query).toBe('invalid_request');
    }
  });

  it('refuses a cursor it did not write with 400 invalid_cursor', async () => {
    const forged = Buffer.from(JSON.stringify({ not: 'a cursor' })).toString('base64url');
    for (const cursor of ['not-base64-json', forged, Buffer.from(JSON.stringify(['received_at', 'desc', 'yesterday', 'x'])).toString('base64url')]) {
      const page = await list(`?cursor=${cursor}`);
      expect(page.status, cursor).toBe(400);
      expect(page.body).toEqual({ code: 'invalid_cursor', message: expect.any(String) });
    }
  });
});
