import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, type Tracer, defaultTextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { QUEUE_TASK_EVENTS, TaskEventSchema } from '@swe-ai-fleet/contracts';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { Metrics } from '../http/metrics.js';
import { applyTaskEvent } from './apply-task-event.js';

/**
 * Deliveries of one event whose write failed (database down) before it is given up: with the
 * backoff below that is about 20 minutes, long enough to ride out a Postgres restart.
 */
export const MAX_DELIVERIES = 25;

/** Exponential backoff with full jitter, 1 s doubling up to 60 s. */
export function retryDelayMs(delivery: number, random: () => number = Math.random): number {
  const ceiling = Math.min(60_000, 1_000 * 2 ** Math.max(0, delivery - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface TaskEventJobDeps {
  db: Database;
  logger: Logger;
  metrics: Metrics['taskEvents'];
  /** Makes the CONSUMER span of each job; by default none is made. */
  tracer?: Tracer;
  now?: () => number;
}

const propagator = new W3CTraceContextPropagator();

/**
 * The job's CONSUMER span, a child of the `traceparent` the producer put in the event (the task's
 * trace), or the root of a new trace for an event without one. Read before validation, so even
 * an invalid event is traced where it came from.
 */
function startConsumerSpan(tracer: Tracer, job: Job): Span {
  const data: unknown = job.data;
  const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const traceparent = typeof fields.traceparent === 'string' ? fields.traceparent : undefined;
  const parent = traceparent ? propagator.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter) : ROOT_CONTEXT;
  return tracer.startSpan(
    `${QUEUE_TASK_EVENTS} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': QUEUE_TASK_EVENTS,
        ...(job.id ? { 'messaging.message.id': job.id } : {}),
        // A redelivery (retry after a failed write, a stalled job) says which one it is.
        'messaging.bullmq.attempt': job.attemptsStarted,
        ...(typeof fields.task_id === 'string' ? { 'swe_ai_fleet.task_id': fields.task_id } : {}),
        ...(typeof fields.type === 'string' ? { 'swe_ai_fleet.event_type': fields.type } : {}),
      },
    },
    parent,
  );
}

/**
 * Processes one `task-events` job. An invalid event is logged and failed for good (never
 * retried); a write that fails is retried later with backoff whatever attempts the producer set,
 * because losing an event would leave the dashboard wrong until the next one.
 */
export async function handleTaskEventJob(deps: TaskEventJobDeps, job: Job, token: string | undefined): Promise<string> {
  if (!deps.tracer) return applyJob(deps, job, token);
  const span = startConsumerSpan(deps.tracer, job);
  const { traceId, spanId } = span.spanContext();
  try {
    const outcome = await applyJob({ ...deps, logger: deps.logger.child({ trace_id: traceId, span_id: spanId }) }, job, token);
    span.setAttribute('swe_ai_fleet.outcome', outcome);
    return outcome;
  } catch (error) {
    const retried = error instanceof DelayedError;
    span.setAttribute('swe_ai_fleet.outcome', retried ? 'retry' : error instanceof UnrecoverableError ? 'dropped' : 'error');
    span.setStatus({ code: SpanStatusCode.ERROR, message: retried ? 'the write failed; retried later' : error instanceof Error ? error.message : 'failed' });
    throw error;
  } finally {
    span.end();
  }
}

async function applyJob(deps: TaskEventJobDeps, job: Job, token: string | undefined): Promise<string> {
  const parsed = TaskEventSchema.safeParse(job.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '/'}: ${issue.message}`);
    deps.logger.warn({ job_id: job.id, issues }, 'dropping an invalid task event');
    deps.metrics.inc({ type: 'unknown', outcome: 'invalid' });
    throw new UnrecoverableError(`invalid task event: ${issues.join('; ')}`);
  }
  const event = parsed.data;
  try {
    const outcome = await applyTaskEvent(deps.db, event);
    deps.metrics.inc({ type: event.type, outcome });
    deps.logger.debug({ task_id: event.task_id, event_id: event.event_id, type: event.type, outcome }, 'task event consumed');
    return outcome;
  } catch (error) {
    const delivery = job.attemptsStarted;
    if (delivery >= MAX_DELIVERIES) {
      deps.logger.error({ err: error, task_id: event.task_id, event_id: event.event_id }, 'giving up on a task event');
      throw new UnrecoverableError(`task event not applied after ${delivery} deliveries`);
    }
    const delay = retryDelayMs(delivery);
    deps.logger.warn({ err: error, task_id: event.task_id, event_id: event.event_id, delay_ms: delay }, 'task event not applied yet; retrying');
    await job.moveToDelayed((deps.now ?? Date.now)() + delay, token);
    throw new DelayedError();
  }
}
