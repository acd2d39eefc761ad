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

  describe('editing a comment', () => {
    const post = async (text: string) => {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers: auth, payload: { text } });
      expect(response.statusCode).toBe(201);
      return response.json<{ id: string }>().id;
    };

    it("replaces the note's text with Sentry's PUT { text } and answers the edited comment", async () => {
      const id = await post('Working on it…');
      const response = await t.app.inject({ method: 'PUT', url: `/api/v1/issues/1/comments/${id}`, headers: auth, payload: { text: 'Fixed in #14.' } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id, text: 'Fixed in #14.', user: { id: '100', name: 'swe-ai-fleet' } });
      expect(t.sentry.requests.at(-1)).toMatchObject({
        method: 'PUT',
        path: `/api/0/organizations/${t.sentry.organization}/issues/1/comments/${id}/`,
        body: { text: 'Fixed in #14.' },
      });
      const notes = t.sentry.notes.filter((note) => note.id === id);
      expect(notes.map((note) => note.data.text)).toEqual(['Fixed in #14.']);
    });

    it('replays an edit with the same Idempotency-Key without calling Sentry again', async () => {
      const id = await post('status for replay');
      const headers = { ...auth, 'idempotency-key': 'task-9:answer' };
      const send = () => t.app.inject({ method: 'PUT', url: `/api/v1/issues/1/comments/${id}`, headers, payload: { text: 'replayed answer' } });
      const before = t.sentry.callsTo(`/comments/${id}/`).length;
      const first = await send();
      const second = await send();
      expect(first.statusCode).toBe(200);
      expect(second.statusCode).toBe(200);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.json()).toEqual(first.json());
      expect(t.sentry.callsTo(`/comments/${id}/`).length - before).toBe(1);
    });

    it('answers 404 sentry_not_found when the note is gone or is not ours, and frees the key', async () => {
      const headers = { ...auth, 'idempotency-key': 'task-10:answer' };
      const gone = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/comments/999999', headers, payload: { text: 'answer' } });
      expect(gone.statusCode).toBe(404);
      expect(gone.json()).toEqual({ code: 'sentry_not_found', message: 'Sentry: The requested resource does not exist' });

      t.sentry.notes.push({ id: '777', user: { id: '1', name: 'Jane Doe', username: 'jane', email: 'jane@example.com' }, type: 'note', data: { text: 'a human wrote this' }, dateCreated: '2024-05-01T12:00:00Z' });
      const theirs = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/comments/777', headers: auth, payload: { text: 'overwritten' } });
      expect(theirs.statusCode).toBe(404);
      expect(t.sentry.notes.find((note) => note.id === '777')?.data.text).toBe('a human wrote this');

      // The refused edit freed its key: the fallback post under the same key goes through.
      const fallback = await t.app.inject({ method: 'POST', url: '/api/v1/issues/1/comments', headers, payload: { text: 'answer' } });
      expect(fallback.statusCode).toBe(201);
    });

    it('rejects an empty text, a malformed comment id and a missing token without calling Sentry', async () => {
      const before = t.sentry.requests.length;
      const empty = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/comments/4000', headers: auth, payload: { text: ' ' } });
      const badId = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/comments/not-a-note', headers: auth, payload: { text: 'x' } });
      for (const response of [empty, badId]) {
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ code: 'invalid_request' });
      }
      const anonymous = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/1/comments/4000', payload: { text: 'x' } });
      expect(anonymous.statusCode).toBe(401);
      expect(t.sentry.requests.length).toBe(before);
    });

    it('maps a Sentry 403 on an edit to 403 sentry_forbidden', async () => {
      const id = await post('status before forbidden');
      t.sentry.failNext({ status: 403 });
      const response = await t.app.inject({ method: 'PUT', url: `/api/v1/issues/1/comments/${id}`, headers: auth, payload: { text: 'nope' } });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'sentry_forbidden' });
    });
  });
});
