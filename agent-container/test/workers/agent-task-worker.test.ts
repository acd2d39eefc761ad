import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FinalResultSchema, TaskMetadataSchema } from '@swe-ai-fleet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentHarness, MODEL_KEY, SERVICE_TOKEN, githubTask, startAgentHarness } from '../support/agent-harness.js';

const ANSWER = 'The login test is flaky because it races the session cookie; await the redirect first.';
const marker = (taskId: string) => `<!-- swe-ai-fleet:task=${taskId} -->`;

describe('agent-tasks worker', () => {
  let h: AgentHarness;

  beforeAll(async () => {
    h = await startAgentHarness({ turns: [], usage: { prompt_tokens: 100, completion_tokens: 20 } });
    await h.seedRepository('Codertocat', 'Hello-World', {
      'AGENTS.md': 'Run tests with `make check`. Never touch generated/.\n',
      'tests/login.test.js': 'test("login", async () => { await login(); });\n',
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const withKey = (taskId: string, key: string) => h.githubService.requests.filter((request) => request.headers['idempotency-key'] === `${taskId}:${key}`);
  const statusComment = (taskId: string) => {
    const posted = withKey(taskId, 'status');
    expect(posted.length).toBeGreaterThan(0);
    const id = [...h.githubService.comments.values()].find((comment) => comment.body.includes(marker(taskId)))?.id;
    return { posted, id, body: id === undefined ? undefined : h.githubService.comments.get(id)?.body };
  };

  it('answers a GitHub question: the status comment becomes the answer, with the repository, the thread and AGENTS.md behind it', async () => {
    const task = githubTask();
    // The gateway opened the task log before enqueueing.
    await mkdir(path.join(h.taskLogsDir, task.task_id));
    const createdAt = new Date(Date.now() - 5000).toISOString();
    await writeFile(
      path.join(h.taskLogsDir, task.task_id, 'metadata.json'),
      JSON.stringify({ timestamp: createdAt, task_id: task.task_id, source: 'Codertocat/Hello-World#1', provider: 'github', status: 'queued', command: 'ask', repository: 'Codertocat/Hello-World', created_at: createdAt }),
    );
    h.githubService.seedComment('Codertocat', 'Hello-World', 1, 'It only fails on the second run of the suite.', 'monalisa');
    h.model.setTurns([
      { toolCalls: [{ name: 'read_file', arguments: { path: 'tests/login.test.js' } }] },
      { reasoning: 'The test awaits login but not the redirect.', content: ANSWER },
    ]);
    const before = h.model.requests.length;
    await h.enqueueTask(task, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');

    // One status comment, posted once, then edited into the answer (with the hidden marker).
    const status = statusComment(task.task_id);
    expect(status.posted).toHaveLength(1);
    expect(status.posted[0]).toMatchObject({ method: 'POST', path: '/api/v1/repos/Codertocat/Hello-World/issues/1/comments' });
    expect(String(status.posted[0]?.body.body)).toContain('👀 On it');
    const answers = withKey(task.task_id, 'answer');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ method: 'PATCH', path: `/api/v1/repos/Codertocat/Hello-World/issues/comments/${status.id}` });
    expect(answers[0]?.headers).toMatchObject({ authorization: `Bearer ${SERVICE_TOKEN}`, 'x-task-id': task.task_id });
    expect(status.body).toBe(`${ANSWER}\n\n[Task log](http://dashboard.example.test/#/tasks/${task.task_id})\n\n${marker(task.task_id)}`);
    expect(h.githubService.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/issues/1/comments') && request.headers['x-task-id'] === task.task_id)).toHaveLength(1);

    // What the model was given: the platform's rules and AGENTS.md; the thread and the request as data; the checkout.
    const first = h.model.requests[before];
    const system = String(first?.body.messages?.[0]?.content);
    const user = String(first?.body.messages?.[1]?.content);
    expect(system).toContain('not instructions from the platform');
    expect(system).toContain('<repository_instructions>\nRun tests with `make check`. Never touch generated/.\n</repository_instructions>');
    expect(user).toContain('Workspace: Codertocat/Hello-World checked out on branch main');
    expect(user).toMatch(/<thread_context>\n## Issue #1: Login test is flaky\n[\s\S]*It fails one run in five on CI\.[\s\S]*@monalisa \(.*\):\nIt only fails on the second run of the suite\.[\s\S]*<\/thread_context>/);
    expect(user).toContain('<user_request>\nwhy is the login test flaky?\n</user_request>');
    expect(first?.headers.authorization).toBe(`Bearer ${MODEL_KEY}`);
    // The agent read the file from the clone.
    expect(JSON.stringify(h.model.requests[before + 1]?.body.messages)).toContain('await login()');

    const queueFlow = await h.lines(task.task_id, '03-queue-flow.jsonl');
    expect(queueFlow.map((record) => record.stage)).toEqual(['dequeued', 'worker_assigned', 'completed']);
    expect(queueFlow[1]).toMatchObject({ task_id: task.task_id, queue: 'agent-tasks', attempt: 1, worker: 'agent-test-worker' });
    const output = await h.lines(task.task_id, '04-agent-output.jsonl');
    expect(output.map((record) => record.type)).toEqual(['task_started', 'usage', 'tool_call', 'tool_result', 'thinking', 'usage', 'message']);
    const operations = (await h.lines(task.task_id, '05-microservices-flow.jsonl')).filter((record) => record.type === 'service_response').map((record) => record.operation);
    expect(operations).toEqual(['issues.createComment', 'issues.get', 'issues.listComments', 'repos.get', 'cloneCredentials', 'issues.updateComment']);

    const final = FinalResultSchema.parse(await h.json(task.task_id, '06-final-result.json'));
    expect(final).toMatchObject({
      success: true,
      result: ANSWER,
      error: null,
      runner: 'vllm',
      model: 'stand-in-coder',
      metrics: { input_tokens: 200, output_tokens: 40, cost_usd: (200 * 2 + 40 * 8) / 1e6, steps: 2 },
      links: [{ kind: 'answer', url: `https://github.com/Codertocat/Hello-World/issues/1#issuecomment-${status.id}` }],
    });
    const metadata = TaskMetadataSchema.parse(await h.json(task.task_id, 'metadata.json'));
    expect(metadata).toMatchObject({ status: 'succeeded', created_at: createdAt, runner: 'vllm', agent: 'ask', model: 'stand-in-coder' });
    const events = await h.taskEvents(task.task_id);
    expect(events.map((event) => [event.type, event.status])).toEqual([
      ['task_started', 'running'],
      ['task_completed', 'succeeded'],
    ]);
    expect(events[1]).toMatchObject({ result: ANSWER, usage: { input_tokens: 200, output_tokens: 40 }, conversation_key: task.conversation_key });
    const [run] = await h.runs.forTask(task.task_id);
    expect(run).toMatchObject({ attempt: 1, status: 'succeeded', runner: 'vllm', agent: 'ask', inputTokens: 200, outputTokens: 40, output: ANSWER });
    expect(existsSync(path.join(h.workspacesDir, task.task_id))).toBe(false);
    expect(await h.metrics.registry.getSingleMetricAsString('agent_runs_total')).toContain('outcome="succeeded"');
  });

  it('turns the status comment into the real cause after the last attempt when the model server keeps failing', async () => {
    const task = githubTask({ repository: null });
    const before = h.model.requests.length;
    h.model.setTurns(() => ({ error: { status: 500, message: 'CUDA out of memory' } }));
    await h.enqueueTask(task, { attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('failed');

    expect(h.model.requests.length - before).toBe(2);
    expect(withKey(task.task_id, 'answer')).toHaveLength(0);
    const failure = withKey(task.task_id, 'failure');
    expect(failure).toHaveLength(1);
    expect(failure[0]?.method).toBe('PATCH');
    const body = String(statusComment(task.task_id).body);
    expect(body).toContain('⚠️ I could not complete this request.');
    expect(body).toContain('HTTP 500');
    expect(body).toContain('CUDA out of memory');
    expect(body).toContain(`http://dashboard.example.test/#/tasks/${task.task_id}`);
    // The second attempt found the status comment the first one posted.
    expect(statusComment(task.task_id).posted).toHaveLength(1);

    const stages = (await h.lines(task.task_id, '03-queue-flow.jsonl')).map((record) => [record.stage, record.attempt]);
    expect(stages).toEqual([
      ['dequeued', 1],
      ['worker_assigned', 1],
      ['dequeued', 2],
      ['retry', 2],
      ['worker_assigned', 2],
      ['failed', 2],
    ]);
    const final = FinalResultSchema.parse(await h.json(task.task_id, '06-final-result.json'));
    expect(final).toMatchObject({ success: false, result: null, error: expect.stringContaining('CUDA out of memory'), links: [{ kind: 'failure' }] });
    expect(TaskMetadataSchema.parse(await h.json(task.task_id, 'metadata.json')).status).toBe('failed');
    expect((await h.taskEvents(task.task_id)).map((event) => event.type)).toEqual(['task_started', 'task_started', 'task_failed']);
    expect((await h.runs.forTask(task.task_id)).map((run) => [run.attempt, run.status])).toEqual([
      [1, 'retrying'],
      [2, 'failed'],
    ]);
  });

  it('retries a github-service 503 on the answer and edits it once, without running the model again', async () => {
    const task = githubTask({ repository: null });
    h.model.setTurns([{ content: ANSWER }]);
    const before = h.model.requests.length;
    h.githubService.failNextMatching('PATCH', /\/issues\/comments\/\d+$/, { status: 503, body: { code: 'credentials_missing', message: 'no GitHub credentials are configured' } });
    await h.enqueueTask(task, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');

    expect(h.model.requests.length - before).toBe(1);
    expect(withKey(task.task_id, 'answer').map((request) => request.method)).toEqual(['PATCH', 'PATCH']);
    expect(statusComment(task.task_id).body).toContain(ANSWER);
    expect((await h.runs.forTask(task.task_id)).map((run) => [run.attempt, run.status])).toEqual([
      [1, 'retrying'],
      [2, 'succeeded'],
    ]);
  });

  it('fails at once, with the cause in the thread, when github-service refuses for good', async () => {
    const task = githubTask({ repository: { owner: 'Codertocat', name: 'not-seeded' } });
    h.model.setTurns([{ content: ANSWER }]);
    await h.enqueueTask(task, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('failed');
    expect((await h.queues.agentTasks.getJob(task.task_id))?.attemptsMade).toBe(1);
    expect(statusComment(task.task_id).body).toContain('HTTP 404 github_not_found');
  });

  it('never lets a credential the model wrote reach the thread, the task log or the events', async () => {
    const task = githubTask({ repository: null });
    const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    h.model.setTurns([{ content: `Push with the token ${token} and it works.` }]);
    await h.enqueueTask(task, { attempts: 1 });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');
    expect(statusComment(task.task_id).body).toContain('Push with the token [redacted] and it works.');
    const written = [
      JSON.stringify(h.githubService.forTask(task.task_id).map((request) => request.body)),
      JSON.stringify(await h.lines(task.task_id, '04-agent-output.jsonl')),
      JSON.stringify(await h.json(task.task_id, '06-final-result.json')),
      JSON.stringify(await h.taskEvents(task.task_id)),
      JSON.stringify(await h.runs.forTask(task.task_id)),
    ];
    for (const text of written) {
      expect(text).not.toContain(token);
      expect(text).toContain('[redacted]');
    }
  });

  it('answers help from the agent registry without running a model', async () => {
    const task = githubTask({ repository: null, command: 'help', text: '' });
    const before = h.model.requests.length;
    await h.enqueueTask(task, { attempts: 1 });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');
    expect(h.model.requests.length).toBe(before);
    const body = String(statusComment(task.task_id).body);
    for (const command of ['ask', 'review', 'fix', 'implement', 'plan']) expect(body).toContain(`\`@agent ${command} <request>\``);
  });

  it('refuses a job that does not match the contract, without retrying', async () => {
    await h.queues.agentTasks.add('ask', { task_id: 'not-a-task' }, { jobId: 'bad-job', attempts: 3 });
    expect(await h.finished(h.queues.agentTasks, 'bad-job')).toBe('failed');
    const job = await h.queues.agentTasks.getJob('bad-job');
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toContain('invalid agent-tasks job');
  });
});
