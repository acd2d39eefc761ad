import { randomBytes } from 'node:crypto';
import { ROOT_CONTEXT, type Context, type Span, defaultTextMapGetter, defaultTextMapSetter, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const propagator = new W3CTraceContextPropagator();

/**
 * The W3C `traceparent` a task's jobs carry: the context of the span that handled the delivery
 * (the request's SERVER span), so the agent's spans hang off a span that exists. The job payload
 * is recorded in Postgres before it is published and re-sent unchanged by the outbox relay, which
 * is why it names the request's span and not a publish span.
 */
export function traceparentOf(span: Span | null): string {
  const carrier: Record<string, string> = {};
  if (span) propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
  // Without a recording span (never on a request, which always has one) a new sampled trace starts.
  return carrier.traceparent ?? `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/** The context a `traceparent` names, for spans that continue or link to a task's trace; ROOT_CONTEXT when invalid. */
export function contextOf(traceparent: string | undefined): Context {
  return traceparent ? propagator.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter) : ROOT_CONTEXT;
}
