import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { createTracing } from '../observability/tracing.js';
import { contextOf, traceparentOf } from './traceparent.js';

const SHAPE = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-01$/;
const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('traceparentOf', () => {
  const { tracer } = createTracing({ service: 'api-gateway', spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });

  it("names the span it is given, in the caller's trace", () => {
    const span = tracer.startSpan('POST /webhooks/github', {}, contextOf(INCOMING));
    const { traceId, spanId } = span.spanContext();
    expect(traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceparentOf(span)).toBe(`00-${traceId}-${spanId}-01`);
    span.end();
  });

  it('starts a new sampled trace without a span', () => {
    expect(traceparentOf(null)).toMatch(SHAPE);
    expect(traceparentOf(null)).not.toBe(traceparentOf(null));
  });
});

describe('contextOf', () => {
  it('reads a valid traceparent and ignores an invalid one', () => {
    expect(trace.getSpanContext(contextOf(INCOMING))).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', isRemote: true });
    for (const invalid of [undefined, 'garbage', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`]) expect(trace.getSpanContext(contextOf(invalid))).toBeUndefined();
  });
});
