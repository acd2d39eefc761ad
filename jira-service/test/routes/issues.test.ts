import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_API_TOKEN, ENV_EMAIL, type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('GET /api/v1/issues/:issue_key', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    t.jira.addIssue({
      key: 'ED-7',
      id: '10070',
      fields: {
        summary: 'Flaky checkout test',
        description: {
          type: 'doc',
          version: 1,
          content: [
            { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Steps' }] },
            {
              type: 'orderedList',
              content: [
                { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Run ' }, { type: 'text', text: 'npm test', marks: [{ type: 'code' }] }] }] },
                { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See the log' }] }] },
              ],
            },
            { type: 'codeBlock', attrs: { language: 'text' }, content: [{ type: 'text', text: 'Error: timeout' }] },
            {
              type: 'paragraph',
              content: [
                { type: 'mention', attrs: { id: '5b10a2844c20165700ede21g', text: '@Mia Krystof' } },
                { type: 'text', text: ' see ' },
                { type: 'text', text: 'the runbook', marks: [{ type: 'link', attrs: { href: 'https://wiki.example.com/runbook' } }] },
              ],
            },
          ],
        },
        status: { name: 'In Progress', statusCategory: { key: 'indeterminate', name: 'In Progress' } },
        issuetype: { name: 'Bug' },
        project: { key: 'ED' },
        labels: ['flaky'],
        issuelinks: [],
      },
    });
  });
  afterAll(() => t.close());

  it("returns the reference example issue with its status and links read from this issue's side", async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      key: 'ED-1',
      id: '10002',
      url: `${t.jira.url}/browse/ED-1`,
      summary: 'Main order flow broken',
      description: 'Main order flow broken',
      status: { name: 'To Do', category: 'To Do' },
      issue_type: 'Bug',
      project_key: 'ED',
      reporter: { account_id: '5b10a2844c20165700ede21g', display_name: 'Mia Krystof' },
      priority: 'High',
      links: [
        { type: 'Dependent', direction: 'outward', relation: 'is depended by', issue: { key: 'PR-2', summary: null, status: 'Open' } },
        { type: 'Dependent', direction: 'inward', relation: 'depends on', issue: { key: 'PR-3', summary: null, status: 'Open' } },
      ],
    });
    const sent = t.jira.requests.at(-1);
    expect(sent).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/ED-1' });
    expect(sent?.query.fields?.split(',')).toEqual(expect.arrayContaining(['summary', 'description', 'status', 'issuelinks']));
    expect(sent?.headers.authorization).toBe(`Basic ${Buffer.from(`${ENV_EMAIL}:${ENV_API_TOKEN}`).toString('base64')}`);
  });

  it('turns a rich ADF description into text', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-7', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json().description).toBe(
      '## Steps\n\n1. Run `npm test`\n2. See the log\n\n```text\nError: timeout\n```\n\n@Mia Krystof see the runbook (https://wiki.example.com/runbook)',
    );
    expect(response.json()).toMatchObject({ status: { name: 'In Progress', category: 'In Progress' }, labels: ['flaky'], links: [] });
  });

  it("maps Jira's 404 to a 404 with Jira's message", async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-404', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'jira_not_found', message: 'Jira: Issue does not exist or you do not have permission to see it.' });
  });

  it('rejects a malformed issue key with 400 before calling Jira', async () => {
    const before = t.jira.requests.length;
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/..%2Fmyself', headers: auth });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request' });
    expect(t.jira.requests.length).toBe(before);
  });

  it('rejects a request without the service token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: 'unauthorized', message: 'a valid bearer token is required' });
  });

  it('rejects a wrong service token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1', headers: { authorization: 'Bearer not-the-token-at-all-000' } });
    expect(response.statusCode).toBe(401);
  });
});
