import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracing } from '../../src/observability/tracing.js';
import { type SlackTestApp, auth, startSlackTestApp } from '../support/slack-test-app.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const TASK_ID = 'task-01JD7Z8Q5W3V4X2Y1Z0A9B8C7D';

describe('request tracing', () => {
  const exporter = new InMemorySpanExporter();
  const logs: string[] = [];
  let t: SlackTestApp;

  beforeAll(async () => {
    const tracing = createTracing({ service: 'slack-service', spanProcessors: [new SimpleSpanProcessor(exporter)] });
    t = await startSlackTestApp({ tracer: tracing.tracer, logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(line) }) });
  });

  afterAll(async () => {
    await t.close();
  });

  it('continues the caller’s W3C trace in a server span named after the route, and logs its ids with the task id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: { ...auth, traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`, 'x-task-id': TASK_ID } });
    expect(response.statusCode).toBe(200);
    const span = exporter.getFinishedSpans().find((candidate) => candidate.name === 'GET /api/v1/credentials');
    expect(span?.kind).toBe(SpanKind.SERVER);
    expect(span?.spanContext().traceId).toBe(TRACE_ID);
    expect(span?.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(span?.attributes).toMatchObject({ 'http.response.status_code': 200, 'swe_ai_fleet.task_id': TASK_ID });
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.task_id === TASK_ID);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatchObject({ trace_id: TRACE_ID, span_id: span?.spanContext().spanId });
  });

  it('starts a new trace without a valid traceparent', async () => {
    exporter.reset();
    await t.app.inject({ method: 'GET', url: '/health', headers: { traceparent: '00-zz-zz-01' } });
    const [span] = exporter.getFinishedSpans();
    expect(span?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span?.spanContext().traceId).not.toBe(TRACE_ID);
    expect(span?.parentSpanContext).toBeUndefined();
  });
});
