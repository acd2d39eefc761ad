import { type Context, ROOT_CONTEXT, type Span, type SpanOptions, SpanStatusCode, type Tracer, defaultTextMapGetter, defaultTextMapSetter, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const propagator = new W3CTraceContextPropagator();

/** The context a W3C `traceparent` names (a job's, an event's); the root context when it is missing or invalid. */
export function contextFromTraceparent(traceparent: string | undefined): Context {
  return traceparent ? propagator.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter) : ROOT_CONTEXT;
}

/** The `traceparent` of the span active in `context`, for a header or a job; undefined when there is none. */
export function traceparentOf(context: Context): string | undefined {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return carrier.traceparent;
}

/** `trace_id` for log lines, so that a task's lines join its spans. */
export function traceIdOf(span: Span): string {
  return span.spanContext().traceId;
}

/** Ends a span as failed, with the error recorded on it. */
export function endWithError(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  span.end();
}

/** Runs `work` inside a child span of `parent`, handing it the span's context; the span ends with its outcome. */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  options: SpanOptions,
  parent: Context,
  work: (context: Context, span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(name, options, parent);
  try {
    const result = await work(trace.setSpan(parent, span), span);
    span.end();
    return result;
  } catch (error) {
    endWithError(span, error);
    throw error;
  }
}
