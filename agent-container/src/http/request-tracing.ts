import type { IncomingMessage } from 'node:http';
import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, type Tracer, defaultTextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The server span of this request (W3C trace context continued from the caller's `traceparent`). */
    span: Span | null;
  }
}

export interface RequestTracing {
  /**
   * Starts the request's span and returns the log bindings that name it. Called from Fastify's
   * `childLoggerFactory`, so even the "incoming request" line carries `trace_id` and `span_id`.
   */
  bindingsFor(raw: IncomingMessage): { trace_id: string; span_id: string };
  /** Names the span after its route, and ends it with the response status. */
  register(app: FastifyInstance): void;
}

/**
 * One SERVER span per request, a child of the caller's `traceparent` when there is a valid one
 * (the agent's task trace), a new trace otherwise. With `task_id` from X-Task-Id, every log line
 * of a request can be joined to its task and to its trace.
 */
export function createRequestTracing(tracer: Tracer): RequestTracing {
  const propagator = new W3CTraceContextPropagator();
  const spans = new WeakMap<IncomingMessage, Span>();
  return {
    bindingsFor(raw) {
      const parent = propagator.extract(ROOT_CONTEXT, raw.headers, defaultTextMapGetter);
      const taskId = raw.headers['x-task-id'];
      const method = raw.method ?? 'GET';
      const span = tracer.startSpan(
        method,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'http.request.method': method,
            'url.path': (raw.url ?? '/').split('?')[0] ?? '/',
            ...(typeof taskId === 'string' ? { 'swe_ai_fleet.task_id': taskId } : {}),
          },
        },
        parent,
      );
      spans.set(raw, span);
      const { traceId, spanId } = span.spanContext();
      return { trace_id: traceId, span_id: spanId };
    },
    register(app) {
      app.decorateRequest('span', null);
      app.addHook('onRequest', async (request) => {
        const span = spans.get(request.raw) ?? null;
        request.span = span;
        const route = request.routeOptions.url ?? 'unmatched';
        span?.updateName(`${request.method} ${route}`);
        span?.setAttribute('http.route', route);
      });
      app.addHook('onResponse', async (request, reply) => {
        const span = request.span;
        if (!span) return;
        span.setAttribute('http.response.status_code', reply.statusCode);
        // Server spans mark 5xx as errors; a 4xx is the caller's doing (OpenTelemetry HTTP conventions).
        if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
    },
  };
}
