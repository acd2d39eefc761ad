import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('transitions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const transition = (payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/issues/ED-1/transitions', headers: { ...auth, ...headers }, payload });
  const statusOfIssue = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1', headers: auth })).json().status.name;

  it('lists the transitions the issue offers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1/transitions', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json().transitions).toEqual([
      { id: '11', name: 'To Do', to: { id: '10000', name: 'To Do', category: 'To Do' }, has_screen: false },
      { id: '21', name: 'In Progress', to: { id: '10001', name: 'In Progress', category: 'In Progress' }, has_screen: false },
      { id: '31', name: 'Done', to: { id: '10002', name: 'Done', category: 'Done' }, has_screen: false },
    ]);
    expect(t.jira.requests.at(-1)).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/ED-1/transitions' });
  });

  it('performs a transition by id', async () => {
    const response = await transition({ id: '31' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ issue_key: 'ED-1', transition_id: '31' });
    expect(t.jira.requests.at(-1)).toMatchObject({ method: 'POST', path: '/rest/api/3/issue/ED-1/transitions', body: { transition: { id: '31' } } });
    expect(await statusOfIssue()).toBe('Done');
  });

  it('performs a transition by name, case-insensitively', async () => {
    const response = await transition({ name: 'in progress' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ issue_key: 'ED-1', transition_id: '21' });
    expect(await statusOfIssue()).toBe('In Progress');
  });

  it('answers 422 with the offered names when no transition has that name', async () => {
    const response = await transition({ name: 'Deployed' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({
      code: 'transition_unavailable',
      message: 'issue ED-1 has no transition named "Deployed" from its current status (offered: "To Do", "In Progress", "Done")',
    });
  });

  it("passes Jira's refusal of an unknown transition id through as a 400 with Jira's message", async () => {
    const response = await transition({ id: '99' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'jira_bad_request', message: "Jira: Transition id '99' is not valid for this issue." });
  });

  it('replays a transition with the same Idempotency-Key without calling Jira again', async () => {
    const first = await transition({ id: '11' }, { 'idempotency-key': 'task-9:transition' });
    const before = t.jira.requests.length;
    const second = await transition({ id: '11' }, { 'idempotency-key': 'task-9:transition' });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(t.jira.requests.length).toBe(before);
  });

  it('rejects a body with both or neither of id and name with 400', async () => {
    for (const payload of [{}, { id: '11', name: 'Done' }, { id: 'eleven' }, { name: '' }]) {
      const response = await transition(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('maps an unknown issue to 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/NOPE-1/transitions', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('jira_not_found');
  });

  it('rejects both routes without the service token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/issues/ED-1/transitions' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/issues/ED-1/transitions', payload: { id: '11' } })).statusCode).toBe(401);
  });
});
