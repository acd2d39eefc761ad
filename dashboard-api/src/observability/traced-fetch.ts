import { ROOT_CONTEXT, SpanKind, SpanStatusCode, type Tracer, defaultTextMapSetter, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { SpanScope } from './span-scope.js';

/**
 * A `fetch` that makes one CLIENT span per call to another component (the gateway's admin API,
 * a component's /health, the agent's status API) and sends that span's context as `traceparent`,
 * so the callee's server span is its child. The parent is the current request's span, or none
 * (a new trace) outside a request. Only the method, the address and the status are recorded:
 * never headers, which carry SERVICE_TOKEN.
 */
export interface TracedFetchOptions {
  /** The component called, for the span's name; its address otherwise. */
  peer?: string;
  /** @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
}

export function tracedFetch(tracer: Tracer, scope: SpanScope, options: TracedFetchOptions = {}): typeof fetch {
  const base = options.fetch ?? fetch;
  const propagator = new W3CTraceContextPropagator();
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const current = scope.current();
    const parent = current ? trace.setSpan(ROOT_CONTEXT, current) : ROOT_CONTEXT;
    const span = tracer.startSpan(
      `${request.method} ${options.peer ?? url.host}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': request.method,
          'server.address': url.hostname,
          'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
          'url.path': url.pathname,
          ...(options.peer ? { 'peer.service': options.peer } : {}),
        },
      },
      parent,
    );
    const carrier: Record<string, string> = {};
    propagator.inject(trace.setSpan(parent, span), carrier, defaultTextMapSetter);
    for (const [name, value] of Object.entries(carrier)) request.headers.set(name, value);
    try {
      const response = await base(request);
      span.setAttribute('http.response.status_code', response.status);
      // A client span is an error for any status the caller cannot use (OpenTelemetry HTTP conventions).
      if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
      return response;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'request failed' });
      throw error;
    } finally {
      span.end();
    }
  };
}
