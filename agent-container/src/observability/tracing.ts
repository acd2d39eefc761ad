import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface Tracing {
  tracer: Tracer;
  /** Flushes the spans still buffered (on shutdown). */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  service: string;
  /**
   * OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<url>/v1/traces`. Without
   * one, spans are still made, so logs carry trace and span ids, and are dropped.
   */
  otlpEndpoint?: string;
  /** Where spans go instead (tests hand in an in-memory processor). */
  spanProcessors?: SpanProcessor[];
}

/**
 * This service's own tracer provider. It is not registered globally: the request hooks are
 * given the tracer, so several apps (tests) can live in one process and @sentry/node, which
 * sets up OpenTelemetry of its own when SENTRY_DSN is set, is not disturbed.
 */
export function createTracing(options: TracingOptions): Tracing {
  const exporters = options.otlpEndpoint ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` }))] : [];
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service }),
    spanProcessors: [...exporters, ...(options.spanProcessors ?? [])],
  });
  return { tracer: provider.getTracer(options.service), shutdown: () => provider.shutdown() };
}
