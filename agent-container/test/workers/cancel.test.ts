import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL_REASON } from '../../src/workers/agent-task-processor.js';
import { type AgentHarness, githubTask, startAgentHarness } from '../support/agent-harness.js';
import { waitUntilGone } from '../support/process-alive.js';

describe('cancelling a running task', () => {
  let h: AgentHarness;
  beforeAll(async () => {
    h = await startAgentHarness({ turns: [{ toolCalls: [{ name: 'run_command', arguments: { command: 'echo $$ > pid; sleep 60' } }] }, { content: 'too late' }] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("kills the agent's process tree, fails the task without a retry, and says so in the thread", async () => {
    const task = githubTask({ repository: null });
    await h.enqueueTask(task, { attempts: 3 });
    const pidFile = path.join(h.workspacesDir, task.task_id, 'work', 'pid');
    const deadline = Date.now() + 20_000;
    while (!existsSync(pidFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const pid = Number((await readFile(pidFile, 'utf8')).trim());

    expect(h.agentWorker.cancelJob(task.task_id, CANCEL_REASON)).toBe(true);
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('failed');
    expect(await waitUntilGone([pid], 3000)).toEqual([]);
    expect((await h.queues.agentTasks.getJob(task.task_id))?.attemptsMade).toBe(1);
    const failure = h.githubService.forTask(task.task_id).filter((request) => request.headers['idempotency-key'] === `${task.task_id}:failure`);
    expect(String(failure[0]?.body.body)).toContain('**Cause:** the task was cancelled');
  });
});
