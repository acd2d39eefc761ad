import type { TaskStatus } from '@swe-ai-fleet/contracts';

/**
 * The order of a task's states: queued, then running, then one final state. Events of one task
 * can arrive out of order (two producers, retries), and a state never moves back to a lower rank.
 */
export function statusRank(status: TaskStatus): number {
  switch (status) {
    case 'queued':
      return 0;
    case 'running':
      return 1;
    case 'succeeded':
    case 'failed':
    case 'cancelled':
      return 2;
  }
}
