import { describe, expect, it } from 'vitest';
import { type LinkableRoute, hrefFor, parseRoute } from '../src/routing/routes.js';

const ID = 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W';

describe('parseRoute', () => {
  it.each(['', '#', '#/'])('%j is the overview', (hash) => {
    expect(parseRoute(hash)).toEqual({ page: 'overview' });
  });

  it.each(['#/tasks', '#/tasks/'])('%j is the task list', (hash) => {
    expect(parseRoute(hash)).toEqual({ page: 'tasks', filters: {} });
  });

  it('reads every list filter from the query', () => {
    expect(
      parseRoute('#/tasks?status=failed&provider=github&repository=octo%2Fhello&command=fix&agent=coder&runner=vllm&author=octocat&from=2026-01-01&to=2026-01-31&q=flaky%20test&sort=cost_usd&order=asc'),
    ).toEqual({
      page: 'tasks',
      filters: {
        status: 'failed',
        provider: 'github',
        repository: 'octo/hello',
        command: 'fix',
        agent: 'coder',
        runner: 'vllm',
        author: 'octocat',
        from: '2026-01-01',
        to: '2026-01-31',
        q: 'flaky test',
        sort: 'cost_usd',
        order: 'asc',
      },
    });
  });

  it('drops filter values the API would refuse', () => {
    expect(parseRoute('#/tasks?status=exploded&provider=gitlab&repository=justaname&from=yesterday&sort=title&order=up&q=%20%20')).toEqual({ page: 'tasks', filters: {} });
    expect(parseRoute('#/analytics?range=1y&provider=gitlab')).toEqual({ page: 'analytics', filters: {} });
    expect(parseRoute('#/ledger?period=year')).toEqual({ page: 'ledger', filters: {} });
  });

  it('opens a task by its id, and a conversation by its key', () => {
    expect(parseRoute(`#/tasks/${ID}`)).toEqual({ page: 'task', id: ID });
    expect(parseRoute('#/chat/github%3Aocto%2Fhello%237')).toEqual({ page: 'conversation', key: 'github:octo/hello#7' });
  });

  it('knows every page of the navigation', () => {
    for (const page of ['webhooks', 'registry', 'services', 'account'] as const) expect(parseRoute(`#/${page}`)).toEqual({ page });
    expect(parseRoute('#/analytics?range=7d&provider=slack')).toEqual({ page: 'analytics', filters: { range: '7d', provider: 'slack' } });
    expect(parseRoute('#/ledger?range=90d&period=month')).toEqual({ page: 'ledger', filters: { range: '90d', period: 'month' } });
    expect(parseRoute('#/chat?q=deploy')).toEqual({ page: 'chat', filters: { q: 'deploy' } });
  });

  it.each(['#/tasks/42', '#/tasks/task-123', `#/tasks/${ID}/extra`, '#/settings', '#/tasks/%E0%A4%A', '#/chat/a/b'])('%j is not a page', (hash) => {
    expect(parseRoute(hash).page).toBe('not_found');
  });
});

describe('hrefFor', () => {
  it('is the inverse of parseRoute', () => {
    const routes: LinkableRoute[] = [
      { page: 'overview' },
      { page: 'tasks', filters: {} },
      { page: 'tasks', filters: { status: 'running', repository: 'octo/hello', q: 'a b&c', from: '2026-02-01', sort: 'duration_ms' } },
      { page: 'task', id: ID },
      { page: 'analytics', filters: { range: '24h', repository: 'octo/hello' } },
      { page: 'ledger', filters: { period: 'week' } },
      { page: 'chat', filters: { provider: 'jira' } },
      { page: 'conversation', key: 'slack:T1:C1:1712000000.000100' },
      { page: 'conversation', key: 'github:octo/hello#7' },
      { page: 'services' },
    ];
    for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route);
  });

  it('leaves empty filters out of the URL', () => {
    expect(hrefFor({ page: 'tasks', filters: { status: undefined } })).toBe('#/tasks');
    expect(hrefFor({ page: 'tasks', filters: { provider: 'slack' } })).toBe('#/tasks?provider=slack');
    expect(hrefFor({ page: 'overview' })).toBe('#/');
  });
});
