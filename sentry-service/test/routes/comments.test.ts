import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('sentry-service comments', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it("posts a note to the issue with Sentry's { text } body", async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers: auth, payload: { text: 'Looking into it.' } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ text: 'Looking into it.', user: { id: '100', name: 'swe-ai-fleet' } });
    expect(t.sentry.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/api/0/organizations/${t.sentry.organization}/issues/1/comments/`,
      body: { text: 'Looking into it.' },
    });
    expect(t.sentry.notes.map((note) => note.data.text)).toContain('Looking into it.');
  });

  it('replays a comment with the same Idempotency-Key: Sentry is called once, the same comment comes back', async () => {
    const before = t.sentry.callsTo('/comments/').length;
    const send = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers: { ...auth, 'idempotency-key': 'task-7:answer' }, payload: { text: 'Fixed in #12.' } });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.json()).toEqual(first.json());
    expect(t.sentry.callsTo('/comments/').length - before).toBe(1);
    expect(t.sentry.notes.filter((note) => note.data.text === 'Fixed in #12.')).toHaveLength(1);
  });

  it('frees the Idempotency-Key when Sentry refuses the write, so a retry can succeed', async () => {
    t.sentry.failNext({ status: 403 });
    const headers = { ...auth, 'idempotency-key': 'task-8:answer' };
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers, payload: { text: 'second try' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ code: 'sentry_forbidden', message: 'Sentry: You do not have permission to perform this action.' });
    const retried = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers, payload: { text: 'second try' } });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(t.sentry.notes.filter((note) => note.data.text === 'second try')).toHaveLength(1);
  });

  it("answers 409 sentry_duplicate_comment when Sentry already has the same comment", async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers: auth, payload: { text: 'same words' } });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers: auth, payload: { text: 'same words' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ code: 'sentry_duplicate_comment', message: 'Sentry: You have already posted that comment.' });
  });

  it('rejects an empty comment and a missing body with 400 without calling Sentry', async () => {
    const before = t.sentry.requests.length;
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers: auth, payload: { text: '   ' } });
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers: auth, payload: {} });
    const tooLong = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers: auth, payload: { text: 'x'.repeat(20_001) } });
    for (const response of [empty, missing, tooLong]) {
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_request' });
    }
    expect(t.sentry.requests.length).toBe(before);
  });

  it('rejects a comment without the service token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', payload: { text: 'x' } });
    expect(response.statusCode).toBe(401);
  });
});
