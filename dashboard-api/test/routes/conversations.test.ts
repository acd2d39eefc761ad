import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTaskEvent } from '../../src/read-model/apply-task-event.js';
import { taskEvent } from '../support/task-events.js';
import { newTaskId } from '../support/task-ids.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const at = (hour: number) => new Date(Date.UTC(2026, 3, 1, hour)).toISOString();

describe('conversations', () => {
  let testApp: TestApp;
  const issueTasks: string[] = [];

  beforeAll(async () => {
    testApp = await startTestApp();
    const db = testApp.database.db;
    // An issue with three questions (the second asked twice by a retrying producer), a Slack thread with one.
    for (const [hour, question, answer] of [
      [1, '@agent ask why is CI red?', 'The arm64 runner is out of disk.'],
      [3, '@agent fix it please', 'Opened a draft PR that prunes the cache.'],
      [5, '@agent review the PR', null],
    ] as const) {
      const id = newTaskId();
      issueTasks.push(id);
      const created = taskEvent({ task_id: id, conversation_key: 'github:octo/hello#7', text: question, received_at: at(hour), timestamp: at(hour) });
      await applyTaskEvent(db, created);
      await applyTaskEvent(db, created);
      await applyTaskEvent(db, { ...created, event_id: `${id}-again` });
      if (answer) {
        await applyTaskEvent(
          db,
          taskEvent({ task_id: id, conversation_key: 'github:octo/hello#7', text: question, type: 'task_completed', status: 'succeeded', result: answer, received_at: at(hour), timestamp: at(hour + 1), usage: { input_tokens: 10, output_tokens: 5, cost_usd: 0.01 } }),
        );
      }
    }
    await applyTaskEvent(
      db,
      taskEvent({ task_id: newTaskId(), provider: 'slack', repository: null, conversation_key: 'slack:T1:C1:1712000000.000100', text: '@agent ask what changed in v2?', received_at: at(2), timestamp: at(2) }),
    );
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('lists conversations by latest activity, each with its opening question, latest status and cost', async () => {
    const response = await testApp.inject({ method: 'GET', url: '/api/v1/conversations' });
    expect(response.statusCode).toBe(200);
    const { items, next_cursor } = response.json();
    expect(next_cursor).toBeNull();
    expect(items).toEqual([
      {
        key: 'github:octo/hello#7',
        provider: 'github',
        repository: 'octo/hello',
        first_at: at(1),
        last_at: at(5),
        task_count: 3,
        title: '@agent ask why is CI red?',
        last_status: 'queued',
        last_task_id: issueTasks[2],
        cost_usd: 0.02,
      },
      expect.objectContaining({ key: 'slack:T1:C1:1712000000.000100', provider: 'slack', task_count: 1, repository: null }),
    ]);
  });

  it('filters by provider and by words of any of its questions, and pages with a cursor', async () => {
    const slack = (await testApp.inject({ method: 'GET', url: '/api/v1/conversations?provider=slack' })).json().items;
    expect(slack.map((item: { key: string }) => item.key)).toEqual(['slack:T1:C1:1712000000.000100']);
    const searched = (await testApp.inject({ method: 'GET', url: '/api/v1/conversations?q=review' })).json().items;
    expect(searched.map((item: { key: string }) => item.key)).toEqual(['github:octo/hello#7']);
    const first = (await testApp.inject({ method: 'GET', url: '/api/v1/conversations?limit=1' })).json();
    const second = (await testApp.inject({ method: 'GET', url: `/api/v1/conversations?limit=1&cursor=${first.next_cursor}` })).json();
    expect([...first.items, ...second.items].map((item: { key: string }) => item.key)).toEqual(['github:octo/hello#7', 'slack:T1:C1:1712000000.000100']);
    expect(second.next_cursor).toBeNull();
    expect((await testApp.inject({ method: 'GET', url: '/api/v1/conversations?cursor=nope' })).statusCode).toBe(400);
  });

  it('shows one conversation as its questions and answers in order, the key encoded in the path', async () => {
    const response = await testApp.inject({ method: 'GET', url: `/api/v1/conversations/${encodeURIComponent('github:octo/hello#7')}` });
    expect(response.statusCode).toBe(200);
    const conversation = response.json();
    expect(conversation).toMatchObject({ key: 'github:octo/hello#7', task_count: 3 });
    expect(conversation.turns.map((turn: { task_id: string; question: string; answer: string | null; status: string }) => [turn.task_id, turn.question, turn.answer, turn.status])).toEqual([
      [issueTasks[0], '@agent ask why is CI red?', 'The arm64 runner is out of disk.', 'succeeded'],
      [issueTasks[1], '@agent fix it please', 'Opened a draft PR that prunes the cache.', 'succeeded'],
      [issueTasks[2], '@agent review the PR', null, 'queued'],
    ]);
    const missing = await testApp.inject({ method: 'GET', url: `/api/v1/conversations/${encodeURIComponent('github:octo/hello#8')}` });
    expect(missing.statusCode).toBe(404);
  });
});
