import { type AgentTaskJob, AgentTaskJobSchema } from '@swe-ai-fleet/contracts';
import type { Queue } from 'bullmq';
import type { TurnInput } from './conversation-store.js';

/** How many waiting jobs are looked at; the ones near the head are the ones that race. */
const WAITING_SCAN = 500;

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
    const jobs = await queue.getJobs(['active', 'waiting'], 0, WAITING_SCAN);
    return jobs.flatMap((job) => {
      const parsed = AgentTaskJobSchema.safeParse(job.data);
      return parsed.success && parsed.data.conversation_key === conversationKey ? [turnOf(parsed.data)] : [];
    });
  };
}
