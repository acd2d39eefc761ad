// A GitHub `fix` end to end: the gateway takes the mention, the agent clones the repository (a
// local bare repository that the GitHub stand-in serves over git's smart HTTP) with credentials
// from github-service, edits it with the model's tools, pushes `agent/<task id>`, opens a draft
// pull request through github-service, and turns its status comment into the answer.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGithubStandIn } from './stand-ins/github-api.js';
import { type ChatRequestBody, startModelServer } from './stand-ins/model-server.js';
import { type RunningComponent, startComponent, waitFor } from './support/processes.js';
import { createTestDatabase } from './support/test-database.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: Array<Record<string, unknown> & { action?: string }> }>;

const SECRET = 'e2e-fix-webhook-secret';
const SERVICE_TOKEN = 'e2e-fix-service-token-0123456789abcdef';
const GITHUB_TOKEN = 'ghp_e2eFixToken0123456789abcdefghijklmn';
const MODEL_KEY = 'sk-e2e-fix-model-key-0123456789';
const BUGGY = 'def add(a, b):\n    return a - b\n';
const FIXED = 'def add(a, b):\n    return a + b\n';
const ANSWER = '`add` subtracted its arguments (calc.py:2); it adds them now.';

/** The model: look around (and print its environment), fix the file, then explain. */
function script(body: ChatRequestBody) {
  const rounds = (body.messages ?? []).filter((message) => message.role === 'tool').length;
  if (rounds === 0) return { toolCalls: [{ name: 'read_file', arguments: { path: 'calc.py' } }, { name: 'run_command', arguments: { command: 'env' } }] };
  if (rounds === 2) return { toolCalls: [{ name: 'edit_file', arguments: { path: 'calc.py', old_string: 'return a - b', new_string: 'return a + b' } }] };
  return { reasoning: 'The edit is in; time to explain.', content: ANSWER };
}

describe('a GitHub fix, end to end: a draft pull request against a local repository', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let github: Awaited<ReturnType<typeof startGithubStandIn>>;
  let model: Awaited<ReturnType<typeof startModelServer>>;
  const dirs: string[] = [];
  const components: RunningComponent[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  let taskLogsDir = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    github = await startGithubStandIn();
    github.seedGitRepository('Codertocat', 'Hello-World', { 'calc.py': BUGGY, 'AGENTS.md': 'Keep functions pure.\n' });
    model = await startModelServer({ turns: script, usage: { prompt_tokens: 300, completion_tokens: 40 } });
    taskLogsDir = tempDir('e2e-fix-logs-');
    const common = { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `e2e-fix-${randomUUID().slice(0, 8)}`, TASK_LOGS_DIR: taskLogsDir, SERVICE_TOKEN };
    const githubService = await startComponent('github-service', { ...common, GITHUB_TOKEN, GITHUB_API_URL: github.url, GITHUB_THROTTLE: 'false' });
    components.push(githubService);
    components.push(
      await startComponent('agent-container', {
        ...common,
        GITHUB_SERVICE_URL: githubService.url,
        VLLM_BASE_URL: model.baseUrl,
        VLLM_MODEL: 'stand-in-coder',
        VLLM_API_KEY: MODEL_KEY,
        WORKSPACES_DIR: tempDir('e2e-fix-workspaces-'),
        REPO_CACHE_DIR: tempDir('e2e-fix-repo-cache-'),
        DASHBOARD_URL: 'http://dashboard.example.test',
      }),
    );
    components.push(await startComponent('api-gateway', { ...common, GITHUB_WEBHOOK_SECRET: SECRET }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(components.map((component) => component.stop()));
    await github?.close();
    await model?.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('fixes the bug on agent/<task id>, opens a draft pull request, and answers with its link in the issue', async () => {
    const example = examples.find((entry) => entry.name === 'issue_comment')?.examples.find((entry) => entry.action === 'created');
    if (!example) throw new Error('no issue_comment.created example');
    const payload = structuredClone(example) as Record<string, unknown> & { comment: Record<string, unknown> };
    payload.comment = { ...payload.comment, body: '@agent fix add() returns the wrong result', author_association: 'OWNER' };
    const body = JSON.stringify(payload);
    const response = await fetch(`${components[2]?.url}/webhooks/github`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'issue_comment', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': await sign(SECRET, body) },
      body,
    });
    expect(response.status).toBe(202);
    const { task_id: taskId } = (await response.json()) as { task_id: string };
    const finalFile = path.join(taskLogsDir, taskId, '06-final-result.json');
    await waitFor('06-final-result.json', () => (existsSync(finalFile) ? true : undefined), 45_000);
    const final = JSON.parse(readFileSync(finalFile, 'utf8')) as { success: boolean; error: string | null; links: Array<{ kind: string; url: string }> };
    expect(final.error).toBeNull();
    expect(final.success).toBe(true);

    // The repository: the fix on the agent's branch, the default branch untouched.
    const branch = `agent/${taskId}`;
    expect(github.gitShow('Codertocat', 'Hello-World', branch, 'calc.py')).toBe(FIXED);
    expect(github.gitShow('Codertocat', 'Hello-World', 'main', 'calc.py')).toBe(BUGGY);
    expect(github.gitBranches('Codertocat', 'Hello-World').find((entry) => entry.name === branch)).toEqual({
      name: branch,
      subject: 'fix: add() returns the wrong result',
      author: 'SWE AI Fleet <swe-ai-fleet@users.noreply.github.com>',
    });
    // Git talked to GitHub only with the token github-service handed out: clone, then push.
    expect(github.gitRequests.length).toBeGreaterThan(0);
    expect(github.gitRequests.every((request) => request.token === GITHUB_TOKEN)).toBe(true);
    expect(github.gitRequests.map((request) => request.service)).toEqual(expect.arrayContaining(['git-upload-pack', 'git-receive-pack']));

    // The draft pull request, opened once through github-service.
    const opened = github.requests.filter((request) => request.method === 'POST' && request.path === '/repos/Codertocat/Hello-World/pulls');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.body).toMatchObject({ head: branch, base: 'main', draft: true, title: 'fix: add() returns the wrong result' });
    const pullUrl = final.links.find((link) => link.kind === 'pull_request')?.url ?? '';
    expect(pullUrl).toMatch(/^https:\/\/github\.com\/Codertocat\/Hello-World\/pull\/\d+$/);

    // The issue: 👀 on the comment, and one comment that ends as the answer with the pull request's link.
    const commentId = (payload.comment as { id: number }).id;
    expect(github.requests.some((request) => request.method === 'POST' && request.path === `/repos/Codertocat/Hello-World/issues/comments/${commentId}/reactions`)).toBe(true);
    const thread = (await (await fetch(`${github.url}/repos/Codertocat/Hello-World/issues/1/comments`, { headers: { authorization: 'token reader' } })).json()) as Array<{ body: string }>;
    const mine = thread.filter((comment) => comment.body.includes(`task=${taskId}`));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.body).toContain(ANSWER);
    expect(mine[0]?.body).toContain(`opened a draft pull request: ${pullUrl}`);

    // The agent's environment held no credential: it printed it, and none of these are in it.
    const output = readFileSync(path.join(taskLogsDir, taskId, '04-agent-output.jsonl'), 'utf8');
    expect(output).toContain('PATH=');
    for (const secret of [GITHUB_TOKEN, SERVICE_TOKEN, MODEL_KEY, database.url, 'REDIS_URL', 'GITHUB_SERVICE_URL']) expect(output).not.toContain(secret);
    // AGENTS.md reached the model as the repository's instructions.
    expect(String(model.requests[0]?.body.messages?.[0]?.content)).toContain('Keep functions pure.');
  }, 60_000);
});
