import { type AgentTaskJob, AgentTaskJobSchema } from '@swe-ai-fleet/contracts';
import type { Queue } from 'bullmq';
import type { TurnInput } from './conversation-store.js';

/**
 * How many jobs of each state are read. The race is between jobs dequeued together (active, a
 * few per worker) and the head of the waiting list; reading more only costs time on every claim
 * when a backlog builds (each job is loaded and parsed: 20 to 130 ms at 500, bench/README.md).
 */
const SCAN = 20;

export function turnOf(task: AgentTaskJob): TurnInput {
  return { taskId: task.task_id, conversationKey: task.conversation_key, receivedAt: task.received_at, command: task.command, author: task.author.login, question: task.text };
}

/**
 * The tasks of a conversation that are in the queue right now (active, or near the head of the
 * waiting list) but may not have reached a worker's claim yet: jobs dequeued together race, and the
 * later one must not start first only because its worker was quicker.
 */
export function queuedTurns(queue: Queue): (conversationKey: string) => Promise<TurnInput[]> {
  return async (conversationKey) => {
    const jobs = await queue.getJobs(['active', 'waiting'], 0, SCAN - 1);
    return jobs.flatMap((job) => {
      const parsed = AgentTaskJobSchema.safeParse(job.data);
      return parsed.success && parsed.data.conversation_key === conversationKey ? [turnOf(parsed.data)] : [];
    });
  };
}
