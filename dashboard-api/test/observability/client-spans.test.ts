import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GatewayAdmin } from '../../src/gateway/gateway-admin.js';
import { SpanScope } from '../../src/observability/span-scope.js';
import { tracedFetch } from '../../src/observability/traced-fetch.js';
import { createTracing } from '../../src/observability/tracing.js';
import { startGatewayStandIn } from '../support/gateway-stand-in.js';
import { sendJson, startStandIn } from '../support/http-stand-in.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const SERVICE_TOKEN = 'dashboard-to-gateway-token-0123456789';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const traceparent = `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`;

/** The W3C traceparent a stand-in received, as [trace id, parent span id]. */
function parentOf(header: string | string[] | undefined): [string, string] {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(String(header));
  return [match?.[1] ?? '', match?.[2] ?? ''];
}

describe('client spans on calls to other components', () => {
  const exporter = new InMemorySpanExporter();
  const tracing = createTracing({ service: 'dashboard-api', spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const spanScope = new SpanScope();
  let gateway: Awaited<ReturnType<typeof startGatewayStandIn>>;
  let healthy: Awaited<ReturnType<typeof startStandIn>>;
  let down: Awaited<ReturnType<typeof startStandIn>>;
  let t: TestApp;

  beforeAll(async () => {
    gateway = await startGatewayStandIn(SERVICE_TOKEN);
    healthy = await startStandIn((_request, response) => sendJson(response, 200, { status: 'ok', checks: { database: 'ok' } }));
    down = await startStandIn((_request, response) => sendJson(response, 503, { status: 'down', checks: { database: 'down' } }));
    t = await startTestApp({
      tracer: tracing.tracer,
      spanScope,
      gateway: new GatewayAdmin({ baseUrl: gateway.url, serviceToken: SERVICE_TOKEN, timeoutMs: 2_000, fetch: tracedFetch(tracing.tracer, spanScope, { peer: 'api-gateway' }) }),
      components: [
        { name: 'github-service', url: healthy.url },
        { name: 'jira-service', url: down.url },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([gateway.close(), healthy.close(), down.close()]);
  });
  beforeEach(() => exporter.reset());

  const serverSpan = (spans: ReadableSpan[]) => spans.find((span) => span.kind === SpanKind.SERVER);
  const clientSpans = (spans: ReadableSpan[]) => spans.filter((span) => span.kind === SpanKind.CLIENT);

  it('makes a client span per gateway admin call, a child of the request, and sends its context as traceparent', async () => {
    const before = gateway.requests.length;
    const response = await t.inject({ method: 'GET', url: '/api/v1/commands', headers: { traceparent } });
    expect(response.statusCode).toBe(200);
    const spans = exporter.getFinishedSpans();
    const server = serverSpan(spans);
    const [client, ...more] = clientSpans(spans);
    expect(more).toEqual([]);
    expect(server?.spanContext().traceId).toBe(TRACE_ID);
    expect(client).toMatchObject({ name: 'GET api-gateway' });
    expect(client?.attributes).toMatchObject({ 'http.request.method': 'GET', 'url.path': '/api/v1/commands', 'http.response.status_code': 200, 'peer.service': 'api-gateway' });
    expect(client?.spanContext().traceId).toBe(TRACE_ID);
    expect(client?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    const [received] = gateway.requests.slice(before);
    expect(parentOf(received?.headers.traceparent)).toEqual([TRACE_ID, client?.spanContext().spanId]);
    // The service token is sent, and never recorded on the span.
    expect(received?.headers.authorization).toBe(`Bearer ${SERVICE_TOKEN}`);
    expect(JSON.stringify(client?.attributes)).not.toContain(SERVICE_TOKEN);
  });

  it('keeps the parent for a call made after the request body was parsed', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/commands',
      headers: { traceparent },
      payload: { name: 'triage', description: 'Sort the issue into a queue' },
    });
    expect(response.statusCode).toBe(201);
    const spans = exporter.getFinishedSpans();
    const [client] = clientSpans(spans);
    expect(client?.attributes['http.request.method']).toBe('POST');
    expect(client?.parentSpanContext?.spanId).toBe(serverSpan(spans)?.spanContext().spanId);
  });

  it('makes a client span per health check, an error when the component answers 5xx', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/services', headers: { traceparent } });
    expect(response.statusCode).toBe(200);
    const spans = exporter.getFinishedSpans();
    const server = serverSpan(spans);
    const clients = clientSpans(spans).filter((span) => span.attributes['url.path'] === '/health');
    expect(clients).toHaveLength(2);
    for (const client of clients) expect(client.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    const byPort = (url: string) => clients.find((span) => span.attributes['server.port'] === Number(new URL(url).port));
    expect(byPort(healthy.url)?.status.code).toBe(SpanStatusCode.UNSET);
    expect(byPort(down.url)?.status.code).toBe(SpanStatusCode.ERROR);
    expect(parentOf(healthy.requests.at(-1)?.headers.traceparent)).toEqual([TRACE_ID, byPort(healthy.url)?.spanContext().spanId]);
  });

  it('starts a new trace for a call made outside any request, and marks a refused connection as an error', async () => {
    const closed = await startStandIn(() => undefined);
    await closed.close();
    const call = tracedFetch(tracing.tracer, spanScope, { peer: 'agent-container' });
    await expect(call(`${closed.url}/api/v1/status`)).rejects.toThrow();
    const [span] = exporter.getFinishedSpans();
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.parentSpanContext).toBeUndefined();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });
});
