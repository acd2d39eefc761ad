import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('github-service comments and reactions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates an issue comment at GitHub with the token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/repos/octo/hello/issues/7/comments',
      headers: auth,
      payload: { body: 'Hello from the agent' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ body: 'Hello from the agent', html_url: expect.stringContaining('/octo/hello/issues/7#issuecomment-') });
    const sent = t.github.requests.at(-1);
    expect(sent).toMatchObject({ method: 'POST', path: '/repos/octo/hello/issues/7/comments', body: { body: 'Hello from the agent' } });
    expect(sent?.headers.authorization).toBe('token ghp_test');
  });

  it('replays a write with the same Idempotency-Key without calling GitHub again', async () => {
    const before = t.github.requests.length;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/repos/octo/hello/issues/8/comments',
        headers: { ...auth, 'idempotency-key': 'task-1:answer' },
        payload: { body: 'only once' },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(t.github.requests.length - before).toBe(1);
  });

  it('refuses a reused Idempotency-Key with a different body', async () => {
    const headers = { ...auth, 'idempotency-key': 'task-2:answer' };
    await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/9/comments', headers, payload: { body: 'a' } });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/9/comments', headers, payload: { body: 'b' } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('updates a comment in place', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/11/comments', headers: auth, payload: { body: 'Working on it…' } });
    const { id } = created.json<{ id: number }>();
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/repos/octo/hello/issues/comments/${id}`,
      headers: { ...auth, 'idempotency-key': 'task-3:status-1' },
      payload: { body: 'Done.' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, body: 'Done.' });
    expect(t.github.requests.at(-1)).toMatchObject({ method: 'PATCH', path: `/repos/octo/hello/issues/comments/${id}`, body: { body: 'Done.' } });
  });

  it('deletes a comment once, and replays the deletion for the same Idempotency-Key', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/12/comments', headers: auth, payload: { body: 'temporary' } });
    const { id } = created.json<{ id: number }>();
    const headers = { ...auth, 'idempotency-key': 'task-4:cleanup' };
    const first = await t.app.inject({ method: 'DELETE', url: `/api/v1/repos/octo/hello/issues/comments/${id}`, headers });
    const second = await t.app.inject({ method: 'DELETE', url: `/api/v1/repos/octo/hello/issues/comments/${id}`, headers });
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    expect(second.statusCode).toBe(204);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(t.github.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
    // Without a key the second delete reaches GitHub, which no longer has the comment.
    const again = await t.app.inject({ method: 'DELETE', url: `/api/v1/repos/octo/hello/issues/comments/${id}`, headers: auth });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'github_not_found' });
  });

  it('lists the whole thread across pages, oldest first', async () => {
    t.github.seedComments('octo', 'thread', 5, 130, 'monalisa');
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/thread/issues/5/comments', headers: auth });
    expect(response.statusCode).toBe(200);
    const { comments, truncated } = response.json<{ comments: Array<{ body: string; user: { login: string }; author_association: string }>; truncated: boolean }>();
    expect(comments).toHaveLength(130);
    expect(truncated).toBe(false);
    expect(comments[0]).toMatchObject({ body: 'comment 1', user: { login: 'monalisa', type: 'User' }, author_association: 'OWNER' });
    expect(comments.at(-1)?.body).toBe('comment 130');
    const pages = t.github.requests.filter((request) => request.path === '/repos/octo/thread/issues/5/comments');
    expect(pages.map((request) => request.query.page ?? '1')).toEqual(['1', '2']);
  });

  it('stops at `limit` comments and says the thread was truncated', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/thread/issues/5/comments?limit=20', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ truncated: true });
    expect(response.json<{ comments: unknown[] }>().comments).toHaveLength(20);
  });

  it('adds a reaction to a comment and to an issue', async () => {
    const onComment = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/comments/55/reactions', headers: auth, payload: { content: 'eyes' } });
    expect(onComment.statusCode).toBe(201);
    expect(onComment.json()).toMatchObject({ content: 'eyes' });
    expect(t.github.requests.at(-1)).toMatchObject({ path: '/repos/octo/hello/issues/comments/55/reactions', body: { content: 'eyes' } });
    const onIssue = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/3/reactions', headers: auth, payload: { content: 'rocket' } });
    expect(onIssue.statusCode).toBe(201);
    expect(t.github.requests.at(-1)).toMatchObject({ path: '/repos/octo/hello/issues/3/reactions', body: { content: 'rocket' } });
  });

  it('adds a reaction to a review comment, once per Idempotency-Key', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/repos/octo/hello/pulls/comments/9001/reactions',
        headers: { ...auth, 'idempotency-key': 'task-8:eyes' },
        payload: { content: 'eyes' },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const sent = t.github.requests.filter((request) => request.path === '/repos/octo/hello/pulls/comments/9001/reactions');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({ content: 'eyes' });
  });

  it('rejects an empty comment body, an unknown reaction and a bad limit with 400', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/7/comments', headers: auth, payload: { body: '' } });
    const reaction = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/7/reactions', headers: auth, payload: { content: 'thumbsup' } });
    const limit = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello/issues/7/comments?limit=0', headers: auth });
    const number = await t.app.inject({ method: 'DELETE', url: '/api/v1/repos/octo/hello/issues/comments/abc', headers: auth });
    for (const response of [empty, reaction, limit, number]) {
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_request' });
    }
  });
});
