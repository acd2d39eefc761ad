import type { Tracer } from '@opentelemetry/api';
import { QUEUE_TASK_EVENTS } from '@swe-ai-fleet/contracts';
import { type ConnectionOptions, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { Metrics } from '../http/metrics.js';
import { handleTaskEventJob } from './handle-task-event-job.js';

export interface TaskEventsConsumerOptions {
  connection: ConnectionOptions;
  /** BullMQ key prefix shared with the producers. @defaultValue 'bull' */
  prefix: string;
  /** Events applied at once; order does not matter (see apply-task-event). */
  concurrency: number;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  /** Makes a CONSUMER span per job, a child of the event's `traceparent`. @defaultValue none */
  tracer?: Tracer;
}

/** Keeps `dashboard.tasks` from the `task-events` queue until `close()`. */
export function startTaskEventsConsumer(options: TaskEventsConsumerOptions): Worker {
  const logger = options.logger.child({ queue: QUEUE_TASK_EVENTS });
  const worker = new Worker(
    QUEUE_TASK_EVENTS,
    (job, token) => handleTaskEventJob({ db: options.db, logger, metrics: options.metrics.taskEvents, tracer: options.tracer }, job, token),
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      // The read model is the record; the queue only keeps a short tail for inspection.
      removeOnComplete: { count: 1_000 },
      removeOnFail: { count: 5_000 },
    },
  );
  worker.on('failed', (job, error) => {
    logger.warn({ job_id: job?.id, err: error }, 'task event failed');
  });
  // Without a listener an 'error' (Redis down) would crash the process; BullMQ reconnects by itself.
  worker.on('error', (error) => {
    logger.error({ err: error }, 'task-events consumer error');
  });
  return worker;
}
