import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_TOKEN, type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('sentry-service issues', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it("gets an issue from Sentry's organization issue endpoint with the Bearer token", async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/1', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: '1',
      shortId: 'PUMP-STATION-1',
      title: 'This is an example Python exception',
      culprit: 'raven.scripts.runner in main',
      status: 'unresolved',
      count: 1,
      project: { id: '2', slug: 'pump-station', name: 'Pump Station' },
      assignedTo: null,
    });
    const sent = t.sentry.requests.at(-1);
    expect(sent).toMatchObject({ method: 'GET', path: `/api/0/organizations/${t.sentry.organization}/issues/1/` });
    expect(sent?.headers.authorization).toBe(`Bearer ${STAND_IN_TOKEN}`);
  });

  it('finds an issue by its short id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/PUMP-STATION-1', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: '1' });
  });

  it('resolves an issue', async () => {
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/status', headers: auth, payload: { status: 'resolved' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: '1', status: 'resolved' });
    expect(t.sentry.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/api/0/organizations/${t.sentry.organization}/issues/1/`, body: { status: 'resolved' } });
    expect(t.sentry.issue.status).toBe('resolved');
  });

  it('assigns an issue to a user by email, to a team, and unassigns it', async () => {
    const toUser = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/assignee', headers: auth, payload: { assignee: 'jane@example.com' } });
    expect(toUser.statusCode).toBe(200);
    expect(toUser.json().assignedTo).toEqual({ type: 'user', id: '1', name: 'Jane Doe', email: 'jane@example.com' });
    expect(t.sentry.requests.at(-1)?.body).toEqual({ assignedTo: 'jane@example.com' });

    const toTeam = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/assignee', headers: auth, payload: { assignee: 'team:3' } });
    expect(toTeam.json().assignedTo).toEqual({ type: 'team', id: '3', name: 'backend', email: null });

    const unassigned = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/assignee', headers: auth, payload: { assignee: null } });
    expect(unassigned.json().assignedTo).toBeNull();
    expect(t.sentry.requests.at(-1)?.body).toEqual({ assignedTo: '' });
  });

  it("answers 422 with Sentry's message when Sentry cannot resolve the assignee", async () => {
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/assignee', headers: auth, payload: { assignee: 'nobody@example.com' } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ code: 'sentry_rejected', message: 'Sentry: assignedTo: Unknown actor input' });
  });

  it('replays a status change with the same Idempotency-Key without calling Sentry again', async () => {
    const before = t.sentry.requests.length;
    const send = () =>
      t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/status', headers: { ...auth, 'idempotency-key': 'task-1:resolve' }, payload: { status: 'unresolved' } });
    const first = await send();
    t.sentry.issue.status = 'ignored';
    const second = await send();
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(second.json().status).toBe('unresolved');
    expect(t.sentry.requests.length - before).toBe(1);
  });

  it('refuses an Idempotency-Key reused for a different change', async () => {
    const headers = { ...auth, 'idempotency-key': 'task-2:assign' };
    const first = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/assignee', headers, payload: { assignee: 'user:1' } });
    expect(first.statusCode).toBe(200);
    const before = t.sentry.requests.length;
    const second = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/assignee', headers, payload: { assignee: 'team:3' } });
    expect(second.statusCode).toBe(422);
    expect(second.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(t.sentry.requests.length).toBe(before);
  });

  it("maps Sentry's 404 to a 404 with Sentry's message", async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/999', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'sentry_not_found', message: 'Sentry: The requested resource does not exist' });
  });

  it('rejects requests without the service token, or with a wrong one, before calling Sentry', async () => {
    const before = t.sentry.requests.length;
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/issues/1' });
    const wrong = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/status', headers: { authorization: 'Bearer not-the-token' }, payload: { status: 'resolved' } });
    expect(missing.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'unauthorized' });
    expect(t.sentry.requests.length).toBe(before);
  });

  it('rejects an unknown status, a malformed issue id and an empty assignee with 400', async () => {
    const status = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/status', headers: auth, payload: { status: 'closed' } });
    const id = await t.app.inject({ method: 'GET', url: '/api/v1/issues/..%2Fprojects', headers: auth });
    const assignee = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/assignee', headers: auth, payload: { assignee: '  ' } });
    const missingBody = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/assignee', headers: auth, payload: {} });
    for (const response of [status, id, assignee, missingBody]) {
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_request' });
    }
  });
});
