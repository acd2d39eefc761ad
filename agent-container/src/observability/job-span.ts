import { type Context, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { contextFromTraceparent, traceparentOf } from './trace-context.js';

/** How one attempt of a job ended, as its span says (`swe_ai_fleet.outcome`). */
export type JobOutcome = 'completed' | 'skipped' | 'failed' | 'retrying' | 'requeued' | 'handed_back' | 'invalid';

export interface JobSpan {
  span: Span;
  /** The context of the span: the parent of everything the attempt does. */
  context: Context;
  traceId: string;
  /** The span's own `traceparent`, for what the attempt publishes (task events). */
  traceparent: string | undefined;
  end(outcome: JobOutcome, error?: unknown): void;
}

export interface JobSpanInput {
  queue: string;
  jobId: string | undefined;
  /** 1 for the first attempt; a retry or a stalled job's resume has a higher one. */
  attempt: number;
  taskId?: string;
  /** The job's `traceparent`; without a valid one the span starts a new trace. */
  traceparent?: string;
}

const FAILED: ReadonlySet<JobOutcome> = new Set(['failed', 'retrying', 'invalid']);

/**
 * The CONSUMER span `<queue> process` of one attempt of a job, a child of the span that enqueued
 * it (the job's `traceparent`, OpenTelemetry messaging conventions), ended with the outcome.
 */
export function startJobSpan(tracer: Tracer, input: JobSpanInput): JobSpan {
  const span = tracer.startSpan(
    `${input.queue} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': input.queue,
        ...(input.jobId ? { 'messaging.message.id': input.jobId } : {}),
        'swe_ai_fleet.attempt': input.attempt,
        ...(input.taskId ? { 'swe_ai_fleet.task_id': input.taskId } : {}),
      },
    },
    contextFromTraceparent(input.traceparent),
  );
  const context = trace.setSpan(contextFromTraceparent(input.traceparent), span);
  let ended = false;
  return {
    span,
    context,
    traceId: span.spanContext().traceId,
    traceparent: traceparentOf(context),
    end(outcome, error) {
      if (ended) return;
      ended = true;
      span.setAttribute('swe_ai_fleet.outcome', outcome);
      if (error !== undefined) span.recordException(error instanceof Error ? error : String(error));
      if (FAILED.has(outcome)) span.setStatus({ code: SpanStatusCode.ERROR, ...(error instanceof Error ? { message: error.message } : {}) });
      span.end();
    },
  };
}

/** The task id and `traceparent` of a job's payload, read before it is validated (an invalid job still gets its span). */
export function traceFieldsOf(data: unknown): { taskId?: string; traceparent?: string } {
  if (typeof data !== 'object' || data === null) return {};
  const fields: { taskId?: string; traceparent?: string } = {};
  if ('task_id' in data && typeof data.task_id === 'string') fields.taskId = data.task_id;
  if ('traceparent' in data && typeof data.traceparent === 'string') fields.traceparent = data.traceparent;
  return fields;
}
