import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';

/**
 * The span that calls made now belong to (the request's server span), without a global
 * OpenTelemetry context manager: the tracer provider is not registered globally (see tracing.ts),
 * so this service keeps its own async-local slot and its client spans read their parent here.
 */
export class SpanScope {
  private readonly storage = new AsyncLocalStorage<Span>();

  /** Runs `fn` (and everything it starts) with `span` as the current span. */
  run<T>(span: Span, fn: () => T): T {
    return this.storage.run(span, fn);
  }

  current(): Span | undefined {
    return this.storage.getStore();
  }
}
