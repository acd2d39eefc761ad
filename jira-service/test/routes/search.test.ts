import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusOf } from '../../../e2e/stand-ins/jira-api.js';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('POST /api/v1/search', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    for (let n = 2; n <= 5; n += 1) {
      t.jira.addIssue({
        key: `ED-${n}`,
        id: String(10_000 + n),
        fields: { summary: `Issue ${n}`, status: statusOf(n % 2 === 0 ? '21' : '11', t.jira.url), issuetype: { name: 'Task' }, assignee: null, updated: '2024-05-01T10:00:00.000+0000' },
      });
    }
    t.jira.addIssue({ key: 'OPS-1', id: '20001', fields: { summary: 'Other project', status: statusOf('11', t.jira.url) } });
  });
  afterAll(() => t.close());

  const search = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/search', headers: auth, payload });

  it('finds issues by JQL through the enhanced search endpoint', async () => {
    const response = await search({ jql: 'project = ED AND status = "In Progress" ORDER BY updated DESC' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      issues: [
        { key: 'ED-2', id: '10002', url: `${t.jira.url}/browse/ED-2`, summary: 'Issue 2', status: { name: 'In Progress', category: 'In Progress' }, issue_type: 'Task', assignee: null, updated: '2024-05-01T10:00:00.000+0000' },
        { key: 'ED-4', id: '10004', url: `${t.jira.url}/browse/ED-4`, summary: 'Issue 4', status: { name: 'In Progress', category: 'In Progress' }, issue_type: 'Task', assignee: null, updated: '2024-05-01T10:00:00.000+0000' },
      ],
      next_page_token: null,
      is_last: true,
    });
    const sent = t.jira.requests.at(-1);
    expect(sent).toMatchObject({ method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'project = ED AND status = "In Progress" ORDER BY updated DESC', maxResults: 50 } });
    expect((sent?.body as { fields?: string[] }).fields).toEqual(expect.arrayContaining(['summary', 'status']));
  });

  it('pages with next_page_token', async () => {
    const first = (await search({ jql: 'project = ED', max_results: 3 })).json();
    expect(first.issues.map((issue: { key: string }) => issue.key)).toEqual(['ED-1', 'ED-2', 'ED-3']);
    expect(first.is_last).toBe(false);
    expect(first.next_page_token).toEqual(expect.any(String));
    const second = (await search({ jql: 'project = ED', max_results: 3, next_page_token: first.next_page_token })).json();
    expect(second.issues.map((issue: { key: string }) => issue.key)).toEqual(['ED-4', 'ED-5']);
    expect(second).toMatchObject({ next_page_token: null, is_last: true });
  });

  it("answers 400 with Jira's message for JQL Jira cannot parse", async () => {
    const response = await search({ jql: 'project ~~ ED' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'jira_bad_request', message: expect.stringMatching(/^Jira: Error in the JQL Query: /) });
  });

  it('rejects an empty query and an out-of-range page size with 400 before calling Jira', async () => {
    const before = t.jira.requests.length;
    for (const payload of [{ jql: '' }, { jql: 'project = ED', max_results: 0 }, { jql: 'project = ED', max_results: 101 }, { max_results: 5 }]) {
      expect((await search(payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(t.jira.requests.length).toBe(before);
  });

  it('rejects a search without the service token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/search', payload: { jql: 'project = ED' } });
    expect(response.statusCode).toBe(401);
  });
});
