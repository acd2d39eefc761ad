import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FinalResultSchema, QUEUE_AGENT_TASKS } from '@swe-ai-fleet/contracts';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentTaskWorker } from '../../src/workers/queue-workers.js';
import { type AgentHarness, githubTask, startAgentHarness } from '../support/agent-harness.js';

describe('a task whose workers keep dying under it', () => {
  let h: AgentHarness;
  beforeAll(async () => {
    h = await startAgentHarness({ turns: [] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is given up by BullMQ and the thread hears why, instead of a status comment that never changes', async () => {
    // Its own prefix: a worker that takes the job and then "dies" (hangs without renewing its
    // lock), and a real worker that allows no stall and so fails the job when it comes back.
    const prefix = `t-abandon-${randomBytes(4).toString('hex')}`;
    const queue = new Queue(QUEUE_AGENT_TASKS, { connection: h.connection, prefix });
    const dying = new Worker(QUEUE_AGENT_TASKS, () => new Promise<never>(() => undefined), { connection: h.connection, prefix, skipLockRenewal: true, skipStalledCheck: true, lockDuration: 400 });
    const task = githubTask({ repository: null });
    try {
      await queue.add('ask', task, { jobId: task.task_id, attempts: 3 });
      for (let tries = 0; (await queue.getJobState(task.task_id)) !== 'active' && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
      const real = startAgentTaskWorker(h.processor, { connection: h.connection, prefix, concurrency: 1, maxStalledCount: 0, stalledIntervalMs: 300, lockDurationMs: 5000 });
      try {
        expect(await h.waitForState(queue, task.task_id, ['failed', 'completed'], 20_000)).toBe('failed');
        const deadline = Date.now() + 10_000;
        const failure = () => h.githubService.forTask(task.task_id).find((request) => request.headers['idempotency-key'] === `${task.task_id}:failure`);
        while (!failure() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(String(failure()?.body.body)).toContain('stopped in the middle of it too many times');
        // The model never ran: the job was failed without the processor running it.
        expect(h.model.requests).toHaveLength(0);
        const finalFile = path.join(h.taskLogsDir, task.task_id, '06-final-result.json');
        while (!existsSync(finalFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        const final = FinalResultSchema.parse(await h.json(task.task_id, '06-final-result.json'));
        expect(final).toMatchObject({ success: false, error: expect.stringContaining('job stalled more than allowable limit') });
      } finally {
        await real.close();
      }
    } finally {
      await dying.close(true);
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
