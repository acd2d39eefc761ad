import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('comments', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/issues/ED-1/comments', headers: { ...auth, ...headers }, payload: body as object });

  it('adds a comment, sending the Markdown to Jira as Atlassian Document Format', async () => {
    const response = await post({ body: '## Fixed\n\n- waits for the **queue**\n- see `waitForDrain()`\n\n```ts\nawait drain();\n```' });
    expect(response.statusCode).toBe(201);
    const comment = response.json();
    expect(comment).toMatchObject({ issue_key: 'ED-1', url: `${t.jira.url}/browse/ED-1?focusedCommentId=${comment.id}` });
    expect(comment.created).toMatch(/^\d{4}-\d\d-\d\dT/);
    const sent = t.jira.requests.at(-1);
    expect(sent).toMatchObject({ method: 'POST', path: '/rest/api/3/issue/ED-1/comment' });
    expect(sent?.body).toEqual({
      body: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Fixed' }] },
          {
            type: 'bulletList',
            content: [
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'waits for the ' }, { type: 'text', text: 'queue', marks: [{ type: 'strong' }] }] }] },
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'see ' }, { type: 'text', text: 'waitForDrain()', marks: [{ type: 'code' }] }] }] },
            ],
          },
          { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'await drain();' }] },
        ],
      },
    });
    expect(t.jira.comment(comment.id)?.issueKey).toBe('ED-1');
  });

  it('replays a write with the same Idempotency-Key without calling Jira again', async () => {
    const before = t.jira.requests.length;
    const first = await post({ body: 'only once' }, { 'idempotency-key': 'task-1:answer' });
    const second = await post({ body: 'only once' }, { 'idempotency-key': 'task-1:answer' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.json()).toEqual(first.json());
    expect(t.jira.requests.length - before).toBe(1);
  });

  it('refuses a reused Idempotency-Key with a different body', async () => {
    await post({ body: 'a' }, { 'idempotency-key': 'task-2:answer' });
    const response = await post({ body: 'b' }, { 'idempotency-key': 'task-2:answer' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('frees the key when Jira fails, so a retry of the job can post', async () => {
    t.jira.intervene({ status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
    const failed = await post({ body: 'first try' }, { 'idempotency-key': 'task-3:answer' });
    expect(failed.statusCode).toBe(404);
    const retried = await post({ body: 'first try' }, { 'idempotency-key': 'task-3:answer' });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it("updates a comment's body in place", async () => {
    const created = (await post({ body: 'Working on it…' })).json();
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/issues/ED-1/comments/${created.id}`,
      headers: { ...auth, 'idempotency-key': `task-4:status:${created.id}` },
      payload: { body: 'Done: *fixed* the flaky test' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: created.id, issue_key: 'ED-1' });
    expect(t.jira.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/rest/api/3/issue/ED-1/comment/${created.id}`, query: { notifyUsers: 'true' } });
    expect(t.jira.comment(created.id)?.body).toEqual({
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Done: ' }, { type: 'text', text: 'fixed', marks: [{ type: 'em' }] }, { type: 'text', text: ' the flaky test' }] }],
    });
  });

  it('can edit without emailing the watchers, for progress updates', async () => {
    const created = (await post({ body: 'Step 1 of 3' })).json();
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/issues/ED-1/comments/${created.id}`,
      headers: auth,
      payload: { body: 'Step 2 of 3', notify_users: false },
    });
    expect(response.statusCode).toBe(200);
    expect(t.jira.requests.at(-1)?.query).toEqual({ notifyUsers: 'false' });
  });

  it("maps Jira's 404 for an unknown comment to a 404", async () => {
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/ED-1/comments/999999', headers: auth, payload: { body: 'x' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'jira_not_found', message: 'Jira: Can not find a comment for the id: 999999.' });
  });

  it('rejects an empty or blank body, a missing body and a non-numeric comment id with 400', async () => {
    for (const payload of [{ body: '' }, { body: '   \n' }, {}]) {
      const response = await post(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_request' });
    }
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/issues/ED-1/comments/abc', headers: auth, payload: { body: 'x' } });
    expect(response.statusCode).toBe(400);
  });

  it('rejects a comment over 32,767 characters with 400', async () => {
    const response = await post({ body: 'x'.repeat(32_768) });
    expect(response.statusCode).toBe(400);
  });

  it('rejects a write without the service token', async () => {
    const before = t.jira.requests.length;
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/issues/ED-1/comments', payload: { body: 'x' } });
    expect(response.statusCode).toBe(401);
    expect(t.jira.requests.length).toBe(before);
  });
});
