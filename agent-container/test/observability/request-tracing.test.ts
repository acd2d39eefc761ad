import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createTracing } from '../../src/observability/tracing.js';
import { RunningTasks } from '../../src/status/running-tasks.js';

const SERVICE_TOKEN = 'agent-test-service-token-0123456789';
const auth = { authorization: `Bearer ${SERVICE_TOKEN}` };
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const TASK_ID = 'task-01JD7Z8Q5W3V4X2Y1Z0A9B8C7D';

describe('request tracing of the status API', () => {
  const exporter = new InMemorySpanExporter();
  const lines: Array<Record<string, unknown>> = [];
  let app: FastifyInstance;

  beforeAll(async () => {
    const tracing = createTracing({ service: 'agent-container', spanProcessors: [new SimpleSpanProcessor(exporter)] });
    app = await buildApp({
      logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }),
      serviceToken: SERVICE_TOKEN,
      pingDatabase: async () => undefined,
      pingRedis: async () => undefined,
      running: new RunningTasks(),
      runnerAvailability: async () => [{ name: 'vllm', available: true }],
      agents: () => [],
      defaultAgent: 'ask',
      cancelTask: () => false,
      concurrency: { agentTasks: 2, notifications: 20 },
      tracer: tracing.tracer,
    });
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(() => {
    exporter.reset();
    lines.length = 0;
  });

  it('continues the caller’s W3C trace in a server span and puts its ids in every log line of the request', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/status', headers: { ...auth, traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`, 'x-task-id': TASK_ID } });
    expect(response.statusCode).toBe(200);
    const [span, ...others] = exporter.getFinishedSpans();
    expect(others).toEqual([]);
    expect(span?.name).toBe('GET /api/v1/status');
    expect(span?.kind).toBe(SpanKind.SERVER);
    expect(span?.spanContext().traceId).toBe(TRACE_ID);
    expect(span?.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(span?.attributes).toMatchObject({ 'http.route': '/api/v1/status', 'http.response.status_code': 200, 'swe_ai_fleet.task_id': TASK_ID });
    expect(span?.resource.attributes['service.name']).toBe('agent-container');
    const requestLines = lines.filter((line) => line.task_id === TASK_ID);
    expect(requestLines.length).toBeGreaterThan(0);
    for (const line of requestLines) expect(line).toMatchObject({ trace_id: TRACE_ID, span_id: span?.spanContext().spanId });
  });

  it('starts a new trace when the caller sends none or an invalid one', async () => {
    for (const traceparent of [undefined, 'not-a-traceparent', `00-${'0'.repeat(32)}-${PARENT_SPAN_ID}-01`]) {
      exporter.reset();
      await app.inject({ method: 'GET', url: '/health', headers: traceparent ? { traceparent } : {} });
      const [span] = exporter.getFinishedSpans();
      expect(span?.spanContext().traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
      expect(span?.spanContext().traceId).not.toBe(TRACE_ID);
      expect(span?.parentSpanContext).toBeUndefined();
    }
  });

  it('records refused requests too, as client errors rather than server errors', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/status', headers: { traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01` } });
    expect(response.statusCode).toBe(401);
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['http.response.status_code']).toBe(401);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('exports spans to an OTLP/HTTP collector when an endpoint is set', async () => {
    const received: Array<{ path: string; body: string }> = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    const tracing = createTracing({ service: 'agent-container', otlpEndpoint: `http://127.0.0.1:${port}/` });
    tracing.tracer.startSpan('agent-tasks process').end();
    await tracing.shutdown();
    await new Promise<void>((resolve) => collector.close(() => resolve()));
    expect(received.map((request) => request.path)).toEqual(['/v1/traces']);
    expect(received[0]?.body).toContain('agent-tasks process');
    expect(received[0]?.body).toContain('agent-container');
  });
});
