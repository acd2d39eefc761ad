import type { Queue } from 'bullmq';

/** The job states the Services page shows for each queue. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused', 'failed', 'completed'] as const;

export interface QueueDepth {
  name: string;
  counts: Record<(typeof JOB_STATES)[number], number> | null;
  /** Why the counts are missing (Redis down, a timeout). */
  error: string | null;
}

/** BullMQ's getJobCounts for each queue; a queue Redis cannot answer for within `timeoutMs` has no counts. */
export async function queueDepths(queues: readonly Queue[], timeoutMs: number): Promise<QueueDepth[]> {
  return Promise.all(
    queues.map(async (queue) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from Redis within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const counts = await Promise.race([queue.getJobCounts(...JOB_STATES), timeout]);
        const count = (state: (typeof JOB_STATES)[number]) => counts[state] ?? 0;
        const depth = {
          waiting: count('waiting'),
          active: count('active'),
          delayed: count('delayed'),
          prioritized: count('prioritized'),
          'waiting-children': count('waiting-children'),
          paused: count('paused'),
          failed: count('failed'),
          completed: count('completed'),
        };
        return { name: queue.name, counts: depth, error: null };
      } catch (error) {
        return { name: queue.name, counts: null, error: error instanceof Error ? error.message : 'unknown error' };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
