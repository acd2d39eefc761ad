import { QUEUE_AGENT_TASKS, QUEUE_NOTIFICATIONS } from '@swe-ai-fleet/contracts';
import { type ConnectionOptions, Worker } from 'bullmq';
import type { AgentTaskProcessor } from './agent-task-processor.js';
import type { NotificationProcessor } from './notification-processor.js';

export interface QueueWorkerOptions {
  connection: ConnectionOptions;
  /** BullMQ key prefix shared with the gateway. */
  prefix: string;
  concurrency: number;
}

const DAY_SECONDS = 24 * 60 * 60;

/**
 * The `agent-tasks` worker. Agent runs last minutes, so a job's lock is held for 5 minutes and
 * renewed every 2.5 while the run goes on; a worker that dies stops renewing, and BullMQ's
 * stalled-job check hands the job to another worker (twice at most, then it fails).
 */
export function startAgentTaskWorker(processor: AgentTaskProcessor, options: QueueWorkerOptions): Worker {
  return new Worker(QUEUE_AGENT_TASKS, (job, token, signal) => processor.process(job, token, signal), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: 5 * 60_000,
    stalledInterval: 30_000,
    maxStalledCount: 2,
    // Finished jobs stay a week: their id is the task id, so a late re-enqueue is a no-op.
    removeOnComplete: { age: 7 * DAY_SECONDS },
    removeOnFail: { age: 30 * DAY_SECONDS },
  });
}

/** The `notifications` worker: short HTTP calls, many at once, never queued behind agent runs. */
export function startNotificationWorker(processor: NotificationProcessor, options: QueueWorkerOptions): Worker {
  return new Worker(QUEUE_NOTIFICATIONS, (job) => processor.process(job), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    removeOnComplete: { age: DAY_SECONDS },
    removeOnFail: { age: 7 * DAY_SECONDS },
  });
}
