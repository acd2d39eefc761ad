import type { JobsOptions } from 'bullmq';

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

/**
 * `agent-tasks`: a failed run is retried twice, spaced out with jitter so retries of many tasks do
 * not hit the model server together. Jobs are kept long after they end because `jobId = task id`
 * only dedupes while the job still exists: a late re-send from the outbox relay must find it.
 */
export const AGENT_TASK_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 },
  removeOnComplete: { age: 7 * DAY, count: 10_000 },
  removeOnFail: { age: 30 * DAY, count: 50_000 },
};

/** `notifications`: the acknowledgement is cheap and should land fast, so it retries sooner and more often. */
export const NOTIFICATION_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: DAY, count: 10_000 },
  removeOnFail: { age: 7 * DAY, count: 10_000 },
};

/** `task-events`: the dashboard's read model must eventually see every event. */
export const TASK_EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: DAY, count: 10_000 },
  removeOnFail: { age: 7 * DAY, count: 10_000 },
};

/** BullMQ refuses `:` in a custom job id, so the suffixes use `-`. */
export const jobIds = {
  agentTask: (taskId: string) => taskId,
  acknowledgement: (taskId: string) => `${taskId}-ack`,
  taskCreated: (taskId: string) => `${taskId}-created`,
};
