import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from '../src/routing/routes.js';

const ID = 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W';

describe('parseRoute', () => {
  it.each(['', '#', '#/', '#/tasks', '#/tasks/'])('%j is the task list', (hash) => {
    expect(parseRoute(hash)).toEqual({ page: 'tasks', filters: {} });
  });

  it('reads the list filters from the query', () => {
    expect(parseRoute('#/tasks?status=failed&provider=github&repository=octo%2Fhello')).toEqual({
      page: 'tasks',
      filters: { status: 'failed', provider: 'github', repository: 'octo/hello' },
    });
  });

  it('drops filter values the API would refuse', () => {
    expect(parseRoute('#/tasks?status=exploded&provider=gitlab&repository=justaname')).toEqual({ page: 'tasks', filters: {} });
  });

  it('opens a task by its id', () => {
    expect(parseRoute(`#/tasks/${ID}`)).toEqual({ page: 'task', id: ID });
  });

  it.each(['#/tasks/42', '#/tasks/task-123', `#/tasks/${ID}/extra`, '#/settings', '#/tasks/%E0%A4%A'])('%j is not a page', (hash) => {
    expect(parseRoute(hash).page).toBe('not_found');
  });
});

describe('hrefFor', () => {
  it('is the inverse of parseRoute', () => {
    const routes = [
      { page: 'tasks', filters: {} },
      { page: 'tasks', filters: { status: 'running', repository: 'octo/hello' } },
      { page: 'task', id: ID },
    ] as const;
    for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route);
  });

  it('leaves empty filters out of the URL', () => {
    expect(hrefFor({ page: 'tasks', filters: { status: undefined } })).toBe('#/');
    expect(hrefFor({ page: 'tasks', filters: { provider: 'slack' } })).toBe('#/tasks?provider=slack');
  });
});
