import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentHarness, githubTask, startAgentHarness } from '../support/agent-harness.js';

describe('progress in the thread, and the limits of a run', () => {
  let h: AgentHarness;
  beforeAll(async () => {
    h = await startAgentHarness(
      { turns: [], usage: { prompt_tokens: 1000, completion_tokens: 100 } },
      { progressIntervalMs: 300, workspaceMaxBytes: 4 * 1024 * 1024, limits: { maxTokens: 5000 } },
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  const requestsWith = (taskId: string, prefix: string) =>
    h.githubService.forTask(taskId).filter((request) => String(request.headers['idempotency-key'] ?? '').startsWith(`${taskId}:${prefix}`));

  it('edits the status comment with throttled progress, then with the answer, which no late progress overwrites', async () => {
    const task = githubTask({ repository: null });
    h.model.setTurns([
      { toolCalls: [{ name: 'run_command', arguments: { command: 'sleep 0.4; echo one' } }] },
      { toolCalls: [{ name: 'run_command', arguments: { command: 'sleep 0.4; echo two' } }] },
      { toolCalls: [{ name: 'search_files', arguments: { pattern: 'login' } }] },
      { content: 'All done.' },
    ]);
    await h.enqueueTask(task, { attempts: 1 });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');

    const progress = requestsWith(task.task_id, 'progress:');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(4);
    expect(progress.every((request) => request.method === 'PATCH')).toBe(true);
    expect(String(progress[0]?.body.body)).toMatch(/^⏳ Working on it \(step \d\): running `sleep 0\.4; echo (one|two)`/);
    const all = h.githubService.forTask(task.task_id).filter((request) => request.method === 'PATCH');
    expect(all.at(-1)?.headers['idempotency-key']).toBe(`${task.task_id}:answer`);
    const body = [...h.githubService.comments.values()].find((comment) => comment.body.includes(`task=${task.task_id}`))?.body;
    expect(body?.startsWith('All done.')).toBe(true);
  });

  it('stops a run whose workspace grows past its disk limit, and says so in the thread', async () => {
    const task = githubTask({ repository: null });
    h.model.setTurns([{ toolCalls: [{ name: 'run_command', arguments: { command: 'head -c 8000000 /dev/zero > big.bin; sleep 20' } }] }, { content: 'never' }]);
    const started = Date.now();
    await h.enqueueTask(task, { attempts: 3 });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('failed');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await h.queues.agentTasks.getJob(task.task_id))?.attemptsMade).toBe(1);
    const failure = requestsWith(task.task_id, 'failure');
    expect(String(failure[0]?.body.body)).toMatch(/the workspace grew to \d+ bytes, over its limit of 4194304/);
    expect(existsSync(path.join(h.workspacesDir, task.task_id))).toBe(false);
  });

  it('stops a run past its token limit (the worker default, unless the agent sets its own)', async () => {
    const task = githubTask({ repository: null });
    h.model.setTurns(() => ({ toolCalls: [{ name: 'list_files', arguments: { path: String(Math.random()) } }] }));
    await h.enqueueTask(task, { attempts: 2 });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('failed');
    expect((await h.queues.agentTasks.getJob(task.task_id))?.attemptsMade).toBe(1);
    expect(String(requestsWith(task.task_id, 'failure')[0]?.body.body)).toContain('stopped after using 5500 tokens, over the limit of 5000');
  });
});
