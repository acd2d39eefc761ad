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

export interface AgentWorkerOptions extends QueueWorkerOptions {
  /** A job's lock, renewed at half this while its run goes on. @defaultValue 120000 */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died (lock expired). @defaultValue 30000 */
  stalledIntervalMs?: number;
  /** Times a job may stall before it fails. @defaultValue 2 */
  maxStalledCount?: number;
}

const DAY_SECONDS = 24 * 60 * 60;

/**
 * The `agent-tasks` worker. Runs last minutes, so the job's lock is renewed (at half its
 * duration) for as long as the run goes on; a worker that dies stops renewing, and once the lock
 * has expired a stalled-job check of any worker puts the job back for another worker.
 */
export function startAgentTaskWorker(processor: AgentTaskProcessor, options: AgentWorkerOptions): Worker {
  const worker = new Worker(QUEUE_AGENT_TASKS, (job, token, signal) => processor.process(job, token, signal), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs ?? 120_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    // Finished jobs stay a week: their id is the task id, so a late re-enqueue is a no-op.
    removeOnComplete: { age: 7 * DAY_SECONDS },
    removeOnFail: { age: 30 * DAY_SECONDS },
  });
  // A job that stalled more than maxStalledCount times is failed by the worker that picks it up
  // next, without calling the processor: the processor still tells the thread.
  worker.on('failed', (job, error) => {
    if (job && error.message === STALLED_TOO_OFTEN) void processor.reportAbandoned(job, error.message);
  });
  return worker;
}

/** BullMQ's failedReason for a job whose workers died under it more than maxStalledCount times. */
export const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

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
