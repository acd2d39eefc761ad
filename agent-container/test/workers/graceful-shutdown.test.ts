import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAgentWorker } from '../../src/workers/close-agent-worker.js';
import { type AgentHarness, githubTask, startAgentHarness } from '../support/agent-harness.js';
import { waitUntilGone } from '../support/process-alive.js';

describe('agent-tasks worker shutdown', () => {
  let h: AgentHarness;
  beforeAll(async () => {
    h = await startAgentHarness({ turns: [{ toolCalls: [{ name: 'run_command', arguments: { command: 'echo $$ > pid; sleep 60' } }] }, { content: 'too late' }] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('hands a task still running after the grace period back to the queue, its agent killed, its attempts kept', async () => {
    const task = githubTask({ repository: null });
    await h.enqueueTask(task, { attempts: 2 });
    const pidFile = path.join(h.workspacesDir, task.task_id, 'work', 'pid');
    const deadline = Date.now() + 20_000;
    while (!existsSync(pidFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(h.running.list().map((running) => running.taskId)).toEqual([task.task_id]);

    const started = Date.now();
    await closeAgentWorker(h.agentWorker, 300, pino({ level: 'silent' }));
    expect(Date.now() - started).toBeLessThan(10_000);

    expect(await waitUntilGone([pid], 10_000)).toEqual([]);
    expect(['delayed', 'waiting', 'wait']).toContain(await h.queues.agentTasks.getJobState(task.task_id));
    expect((await h.queues.agentTasks.getJob(task.task_id))?.attemptsMade).toBe(0);
    expect(h.running.size).toBe(0);
    const stages = (await h.lines(task.task_id, '03-queue-flow.jsonl')).map((record) => record.stage);
    expect(stages).toEqual(['dequeued', 'worker_assigned', 'requeued']);
    // Nothing final reached the thread: the status comment waits for the next worker.
    const keys = h.githubService.forTask(task.task_id).map((request) => request.headers['idempotency-key']);
    expect(keys).not.toContain(`${task.task_id}:answer`);
    expect(keys).not.toContain(`${task.task_id}:failure`);
    expect(existsSync(path.join(h.taskLogsDir, task.task_id, '06-final-result.json'))).toBe(false);
  });
});
