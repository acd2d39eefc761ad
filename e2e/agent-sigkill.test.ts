// An agent worker killed with SIGKILL in the middle of a run: its job's lock runs out, another
// worker takes the stalled job over and runs the task again. The task finishes once and the
// thread gets exactly one answer (the status comment, posted once under its Idempotency-Key, is
// edited into the answer once).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
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

const SECRET = 'e2e-sigkill-webhook-secret';
const SERVICE_TOKEN = 'e2e-sigkill-service-token-0123456789';
const ANSWER = 'Survived a crash: the login test races the session cookie.';

/** A slow model: each turn streams a long reasoning first (chunkDelayMs apart), then a tool call, then the answer. */
function slowScript(body: ChatRequestBody) {
  const done = (body.messages ?? []).some((message) => message.role === 'tool');
  return done ? { content: ANSWER } : { reasoning: 'Let me look at the repository before answering. '.repeat(8), toolCalls: [{ name: 'list_files', arguments: { path: '.' } }] };
}

/** Processes whose working directory is inside `dir`. */
function processesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('an agent worker killed with SIGKILL mid-run', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let github: Awaited<ReturnType<typeof startGithubStandIn>>;
  let model: Awaited<ReturnType<typeof startModelServer>>;
  let gateway: RunningComponent;
  let agentEnv: Record<string, string> = {};
  const components: RunningComponent[] = [];
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    github = await startGithubStandIn();
    model = await startModelServer({ turns: slowScript, chunkDelayMs: 40, usage: { prompt_tokens: 100, completion_tokens: 30 } });
    const common = { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `e2e-kill-${randomUUID().slice(0, 8)}`, TASK_LOGS_DIR: tempDir('e2e-kill-logs-'), SERVICE_TOKEN };
    const githubService = await startComponent('github-service', { ...common, GITHUB_TOKEN: 'ghp_e2e_kill', GITHUB_API_URL: github.url, GITHUB_THROTTLE: 'false' });
    components.push(githubService);
    agentEnv = {
      ...common,
      GITHUB_SERVICE_URL: githubService.url,
      VLLM_BASE_URL: model.baseUrl,
      VLLM_MODEL: 'stand-in-coder',
      WORKSPACES_DIR: tempDir('e2e-kill-workspaces-'),
      REPO_CACHE_DIR: tempDir('e2e-kill-repo-cache-'),
      // A short lock, checked often: a dead worker's job is taken over in seconds, not minutes.
      AGENT_LOCK_DURATION_MS: '3000',
      AGENT_STALLED_INTERVAL_MS: '1000',
    };
    gateway = await startComponent('api-gateway', { ...common, GITHUB_WEBHOOK_SECRET: SECRET });
    components.push(gateway);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(components.map((component) => component.stop()));
    await github?.close();
    await model?.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the task once, on another worker, with exactly one answer in the thread', async () => {
    const first = await startComponent('agent-container', agentEnv);
    components.push(first);
    const example = examples.find((entry) => entry.name === 'issue_comment')?.examples.find((entry) => entry.action === 'created');
    if (!example) throw new Error('no issue_comment.created example');
    const payload = structuredClone(example) as Record<string, unknown> & { comment: Record<string, unknown> };
    payload.comment = { ...payload.comment, body: '@agent ask why is the login test flaky?', author_association: 'OWNER' };
    const body = JSON.stringify(payload);
    const response = await fetch(`${gateway.url}/webhooks/github`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'issue_comment', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': await sign(SECRET, body) },
      body,
    });
    expect(response.status).toBe(202);
    const { task_id: taskId } = (await response.json()) as { task_id: string };

    // Mid-run: the model is streaming its first, slow turn to the first worker's agent.
    await waitFor('the first model request', () => (model.requests.length > 0 ? true : undefined), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = new Promise((resolve) => first.process.once('exit', resolve));
    first.process.kill('SIGKILL');
    await exited;
    // Its agent, orphaned, stops itself (and its commands) rather than keep working in the workspace.
    const workspace = path.join(agentEnv.WORKSPACES_DIR ?? '', taskId);
    await waitFor('the orphaned agent to stop', () => (processesIn(workspace).length === 0 ? true : undefined), 5_000);
    expect(existsSync(path.join(agentEnv.TASK_LOGS_DIR ?? '', taskId, '06-final-result.json'))).toBe(false);

    components.push(await startComponent('agent-container', agentEnv));
    const finalFile = path.join(agentEnv.TASK_LOGS_DIR ?? '', taskId, '06-final-result.json');
    await waitFor('the task to finish on the second worker', () => (existsSync(finalFile) ? true : undefined), 45_000);
    const final = JSON.parse(readFileSync(finalFile, 'utf8')) as { success: boolean; result: string };
    expect(final).toMatchObject({ success: true, result: ANSWER });

    // Once: one completion in the queue flow, one status comment posted, one answer written.
    const stages = readFileSync(path.join(agentEnv.TASK_LOGS_DIR ?? '', taskId, '03-queue-flow.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { stage: string }).stage);
    expect(stages.filter((stage) => stage === 'completed')).toHaveLength(1);
    expect(stages).not.toContain('failed');
    expect(stages.filter((stage) => stage === 'worker_assigned')).toHaveLength(2);
    const posts = github.requests.filter((request) => request.method === 'POST' && request.path === '/repos/Codertocat/Hello-World/issues/1/comments');
    expect(posts).toHaveLength(1);
    const answers = github.requests.filter((request) => request.method === 'PATCH' && JSON.stringify(request.body).includes(ANSWER));
    expect(answers).toHaveLength(1);
    const thread = (await (await fetch(`${github.url}/repos/Codertocat/Hello-World/issues/1/comments`, { headers: { authorization: 'token reader' } })).json()) as Array<{ body: string }>;
    const mine = thread.filter((comment) => comment.body.includes(`task=${taskId}`));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.body.startsWith(ANSWER)).toBe(true);
    // A moment later nothing more arrives: no second answer from a late or duplicate run.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(github.requests.filter((request) => request.method === 'PATCH' && JSON.stringify(request.body).includes(ANSWER))).toHaveLength(1);
  }, 90_000);
});
