import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

const DIFF = [
  'diff --git a/src/login.test.ts b/src/login.test.ts',
  'index 3b18e51..a5c1f2e 100644',
  '--- a/src/login.test.ts',
  '+++ b/src/login.test.ts',
  '@@ -10,3 +10,4 @@ it("logs in", async () => {',
  '   await page.click("#submit");',
  '+  await page.waitForURL("/home");',
  '   expect(await cookie()).toBeDefined();',
  '',
].join('\n');

describe('github-service issues and pull requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    t.github.seedPullRequest('octo', 'hello', 42, {
      title: 'Fix the flaky login test',
      body: 'Awaits the redirect.',
      head: 'agent/task-1',
      base: 'main',
      diff: DIFF,
      files: Array.from({ length: 120 }, (_, index) => ({ filename: `src/file-${index}.ts`, additions: 2, deletions: 1, patch: '@@ -1 +1 @@' })),
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('gets an issue with its labels and author', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello/issues/7', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      number: 7,
      title: 'Found a bug',
      body: "I'm having a problem with this.",
      state: 'open',
      html_url: 'https://github.com/octo/hello/issues/7',
      user: { login: 'octokit-fixture-user-a', type: 'User' },
      labels: ['bug'],
      is_pull_request: false,
      author_association: 'MEMBER',
      created_at: '2017-10-10T16:00:00Z',
    });
  });

  it('says when an issue is a pull request', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello/issues/42', headers: auth });
    expect(response.json()).toMatchObject({ number: 42, title: 'Fix the flaky login test', is_pull_request: true });
  });

  it('gets a pull request with its branches', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello/pulls/42', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      number: 42,
      title: 'Fix the flaky login test',
      body: 'Awaits the redirect.',
      draft: false,
      mergeable: true,
      head: { ref: 'agent/task-1', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', repo: { full_name: 'octo/hello', clone_url: `${t.github.url}/octo/hello.git` } },
      base: { ref: 'main' },
      changed_files: 120,
    });
  });

  it('answers 404 for a pull request GitHub does not have', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello/pulls/43', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'github_not_found', message: 'GitHub: Not Found - https://docs.github.com/rest' });
  });

  it('gets the diff with the diff media type', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello/pulls/42/diff', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ diff: DIFF });
    expect(t.github.requests.at(-1)?.headers.accept).toBe('application/vnd.github.v3.diff');
  });

  it('lists every changed file across pages', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello/pulls/42/files', headers: auth });
    expect(response.statusCode).toBe(200);
    const { files, truncated } = response.json<{ files: Array<{ filename: string }>; truncated: boolean }>();
    expect(files).toHaveLength(120);
    expect(truncated).toBe(false);
    expect(files[0]).toEqual({ filename: 'src/file-0.ts', status: 'modified', additions: 2, deletions: 1, changes: 3, patch: '@@ -1 +1 @@' });
    expect(files.at(-1)?.filename).toBe('src/file-119.ts');
  });

  it('replies to a review comment, once per Idempotency-Key', async () => {
    const before = t.github.requests.length;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/repos/octo/hello/pulls/42/comments/9001/replies',
        headers: { ...auth, 'idempotency-key': 'task-5:reply' },
        payload: { body: 'Good catch, fixed in the next commit.' },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ body: 'Good catch, fixed in the next commit.', html_url: expect.stringContaining('/pull/42#discussion_r') });
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    const sent = t.github.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/repos/octo/hello/pulls/42/comments/9001/replies', body: { body: 'Good catch, fixed in the next commit.' } });
  });

  it("opens a draft pull request against the repository's default branch", async () => {
    t.github.seedRepository('octo', 'trunk', { default_branch: 'trunk' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/repos/octo/trunk/pulls',
      headers: { ...auth, 'idempotency-key': 'task-6:pr' },
      payload: { head: 'agent/task-6', title: 'Fix the flaky login test', body: 'Opened by the agent.' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ draft: true, state: 'open', head: { ref: 'agent/task-6' }, base: { ref: 'trunk' }, title: 'Fix the flaky login test' });
    expect(t.github.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/repos/octo/trunk/pulls',
      body: { head: 'agent/task-6', base: 'trunk', draft: true, title: 'Fix the flaky login test', body: 'Opened by the agent.' },
    });
  });

  it('replays the pull request for the same Idempotency-Key instead of opening another', async () => {
    const before = t.github.requests.length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/repos/octo/trunk/pulls',
      headers: { ...auth, 'idempotency-key': 'task-6:pr' },
      payload: { head: 'agent/task-6', title: 'Fix the flaky login test', body: 'Opened by the agent.' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['idempotent-replayed']).toBe('true');
    expect(t.github.requests.length).toBe(before);
  });

  it("passes GitHub's 422 on when a pull request already exists for the branch", async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/repos/octo/trunk/pulls',
      headers: auth,
      payload: { head: 'agent/task-6', base: 'trunk', title: 'Again' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'github_unprocessable', message: expect.stringContaining('A pull request already exists for octo:agent/task-6.') });
    // An explicit base needs no lookup of the default branch.
    expect(t.github.requests.at(-2)?.path).not.toBe('/repos/octo/trunk');
  });

  it('rejects a pull request without a head branch or title', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/trunk/pulls', headers: auth, payload: { title: '' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request' });
  });
});
