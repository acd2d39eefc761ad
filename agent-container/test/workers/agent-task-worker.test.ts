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
  });
  afterAll(async () => {
    await h?.close();
  });

  const commentsFor = (taskId: string, kind: 'answer' | 'failure') =>
    h.githubService.requests.filter((request) => request.headers['idempotency-key'] === `${taskId}:${kind}`);

  it('runs the agent, answers in the thread once, and records the task log, the run and the events', async () => {
    const task = githubTask();
    // The gateway opened the task log before enqueueing.
    await mkdir(path.join(h.taskLogsDir, task.task_id));
    const createdAt = new Date(Date.now() - 5000).toISOString();
    await writeFile(
      path.join(h.taskLogsDir, task.task_id, 'metadata.json'),
      JSON.stringify({ timestamp: createdAt, task_id: task.task_id, source: 'Codertocat/Hello-World#1', provider: 'github', status: 'queued', command: 'ask', repository: 'Codertocat/Hello-World', created_at: createdAt }),
    );
    h.model.setTurns([
      { toolCalls: [{ name: 'list_files', arguments: { path: '.' } }] },
      { reasoning: 'The workspace is empty; I can answer from the question.', content: ANSWER },
    ]);
    await h.enqueueTask(task, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');

    // The answer: the model's text and the hidden marker, posted once with the service's headers.
    const [answer] = commentsFor(task.task_id, 'answer');
    expect(commentsFor(task.task_id, 'answer')).toHaveLength(1);
    expect(answer).toMatchObject({ method: 'POST', path: '/api/v1/repos/Codertocat/Hello-World/issues/1/comments', body: { body: `${ANSWER}\n\n${marker(task.task_id)}` } });
    expect(answer?.headers).toMatchObject({ authorization: `Bearer ${SERVICE_TOKEN}`, 'x-task-id': task.task_id });

    // What the model was asked: the platform's rules, and the request framed as data.
    const [first] = h.model.requests;
    const system = String(first?.body.messages?.[0]?.content);
    const user = String(first?.body.messages?.[1]?.content);
    expect(system).toContain('not instructions from the platform');
    expect(user).toContain('Repository: Codertocat/Hello-World');
    expect(user).toContain('<user_request>\nwhy is the login test flaky?\n</user_request>');
    expect(first?.headers.authorization).toBe(`Bearer ${MODEL_KEY}`);

    const queueFlow = await h.lines(task.task_id, '03-queue-flow.jsonl');
    expect(queueFlow.map((record) => record.stage)).toEqual(['dequeued', 'worker_assigned', 'completed']);
    expect(queueFlow[1]).toMatchObject({ task_id: task.task_id, queue: 'agent-tasks', attempt: 1, worker: 'agent-test-worker' });
    const output = await h.lines(task.task_id, '04-agent-output.jsonl');
    expect(output.map((record) => record.type)).toEqual(['task_started', 'usage', 'tool_call', 'tool_result', 'thinking', 'usage', 'message']);
    expect(output.find((record) => record.type === 'message')).toMatchObject({ content: ANSWER });
    expect(output.find((record) => record.type === 'tool_call')).toMatchObject({ tool: 'list_files', input: { path: '.' } });
    const services = await h.lines(task.task_id, '05-microservices-flow.jsonl');
    expect(services.map((record) => record.type)).toEqual(['service_call', 'service_request', 'service_response']);
    expect(services[2]).toMatchObject({ service: 'github-service', operation: 'issues.createComment', method: 'POST', status_code: 201, duration_ms: expect.any(Number) });

    const final = FinalResultSchema.parse(await h.json(task.task_id, '06-final-result.json'));
    const answerUrl = 'https://github.com/Codertocat/Hello-World/issues/1#issuecomment-';
    expect(final).toMatchObject({
      success: true,
      result: ANSWER,
      error: null,
      runner: 'vllm',
      model: 'stand-in-coder',
      metrics: { input_tokens: 200, output_tokens: 40, cost_usd: (200 * 2 + 40 * 8) / 1e6, steps: 2 },
      links: [{ kind: 'answer', url: expect.stringContaining(answerUrl) }],
    });
    const metadata = TaskMetadataSchema.parse(await h.json(task.task_id, 'metadata.json'));
    expect(metadata).toMatchObject({ status: 'succeeded', created_at: createdAt, runner: 'vllm', agent: 'default', model: 'stand-in-coder' });
    expect(metadata.finished_at).toBeDefined();

    const events = await h.taskEvents(task.task_id);
    expect(events.map((event) => [event.type, event.status])).toEqual([
      ['task_started', 'running'],
      ['task_completed', 'succeeded'],
    ]);
    expect(events[1]).toMatchObject({
      provider: 'github',
      command: 'ask',
      author: task.author,
      text: task.text,
      repository: task.repository,
      conversation_key: task.conversation_key,
      received_at: task.received_at,
      result: ANSWER,
      usage: { input_tokens: 200, output_tokens: 40 },
      links: [{ kind: 'answer', url: expect.stringContaining(answerUrl) }],
    });

    const [run] = await h.runs.forTask(task.task_id);
    expect(run).toMatchObject({ attempt: 1, status: 'succeeded', runner: 'vllm', inputTokens: 200, outputTokens: 40, output: ANSWER });
    expect(existsSync(path.join(h.workspacesDir, task.task_id))).toBe(false);
    expect(await h.metrics.registry.getSingleMetricAsString('agent_runs_total')).toContain('outcome="succeeded"');
  });

  it('comments the real cause after the last attempt when the model server keeps failing', async () => {
    const task = githubTask();
    const before = h.model.requests.length;
    h.model.setTurns(() => ({ error: { status: 500, message: 'CUDA out of memory' } }));
    await h.enqueueTask(task, { attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('failed');

    expect(h.model.requests.length - before).toBe(2);
    expect(commentsFor(task.task_id, 'answer')).toHaveLength(0);
    const failure = commentsFor(task.task_id, 'failure');
    expect(failure).toHaveLength(1);
    const body = String(failure[0]?.body.body);
    expect(body).toContain('HTTP 500');
    expect(body).toContain('CUDA out of memory');
    expect(body).toContain(`http://dashboard.example.test/#/tasks/${task.task_id}`);
    expect(body).toContain(marker(task.task_id));

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
    const events = await h.taskEvents(task.task_id);
    expect(events.map((event) => event.type)).toEqual(['task_started', 'task_started', 'task_failed']);
    expect(events.at(-1)).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 500') });
    expect((await h.runs.forTask(task.task_id)).map((run) => [run.attempt, run.status])).toEqual([
      [1, 'retrying'],
      [2, 'failed'],
    ]);
  });

  it('retries a github-service 503 and posts the answer once, without running the model again', async () => {
    const task = githubTask();
    const before = h.model.requests.length;
    h.model.setTurns([{ content: ANSWER }]);
    h.githubService.failNext({ status: 503, body: { code: 'credentials_missing', message: 'no GitHub credentials are configured' } });
    await h.enqueueTask(task, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');

    expect(h.model.requests.length - before).toBe(1);
    const answers = commentsFor(task.task_id, 'answer');
    expect(answers.map((request) => request.body.body)).toEqual([`${ANSWER}\n\n${marker(task.task_id)}`, `${ANSWER}\n\n${marker(task.task_id)}`]);
    const services = await h.lines(task.task_id, '05-microservices-flow.jsonl');
    expect(services.filter((record) => record.type !== 'service_call').map((record) => [record.type, record.status_code])).toEqual([
      ['service_request', undefined],
      ['service_error', 503],
      ['service_request', undefined],
      ['service_response', 201],
    ]);
    expect((await h.runs.forTask(task.task_id)).map((run) => [run.attempt, run.status])).toEqual([
      [1, 'retrying'],
      [2, 'succeeded'],
    ]);
  });

  it('fails at once, with a comment, when github-service refuses the answer for good', async () => {
    const task = githubTask();
    h.model.setTurns([{ content: ANSWER }]);
    h.githubService.failNext({ status: 404, body: { code: 'github_not_found', message: 'GitHub: Not Found' } });
    await h.enqueueTask(task, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('failed');
    const job = await h.queues.agentTasks.getJob(task.task_id);
    expect(job?.attemptsMade).toBe(1);
    const failure = commentsFor(task.task_id, 'failure');
    expect(String(failure[0]?.body.body)).toContain('HTTP 404 github_not_found');
  });

  it('never lets a credential the model wrote reach the thread, the task log or the events', async () => {
    const task = githubTask();
    const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    h.model.setTurns([{ content: `Push with the token ${token} and it works.` }]);
    await h.enqueueTask(task, { attempts: 1 });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');
    const [answer] = commentsFor(task.task_id, 'answer');
    expect(answer?.body.body).toBe(`Push with the token [redacted] and it works.\n\n${marker(task.task_id)}`);
    const written = [
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

  it('refuses a job that does not match the contract, without retrying', async () => {
    await h.queues.agentTasks.add('ask', { task_id: 'not-a-task' }, { jobId: 'bad-job', attempts: 3 });
    expect(await h.finished(h.queues.agentTasks, 'bad-job')).toBe('failed');
    const job = await h.queues.agentTasks.getJob('bad-job');
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toContain('invalid agent-tasks job');
  });
});
