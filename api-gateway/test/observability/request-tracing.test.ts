import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { AgentTaskJobSchema } from '@swe-ai-fleet/contracts';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema.js';
import { createTracing } from '../../src/observability/tracing.js';
import { customDelivery } from '../support/custom-deliveries.js';
import { githubDelivery, issueCommentCreated } from '../support/github-deliveries.js';
import { createTestDatabase } from '../support/test-database.js';
import { type TestGateway, WEBHOOK_SECRET, adminRequest, deleteQueueKeys, queueReaders, removeDirectory, startTestGateway } from '../support/test-gateway.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const INCOMING = `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`;

const serverSpans = (spans: ReadableSpan[]) => spans.filter((span) => span.kind === SpanKind.SERVER);
const producerSpans = (spans: ReadableSpan[]) => spans.filter((span) => span.kind === SpanKind.PRODUCER);

describe('tracing of deliveries and publishes', () => {
  const exporter = new InMemorySpanExporter();
  const lines: Array<Record<string, unknown>> = [];
  let gateway: TestGateway;
  let readers: ReturnType<typeof queueReaders>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const tracing = createTracing({ service: 'api-gateway', spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    gateway = await startTestGateway({ databaseUrl: testDb.url, tracer: tracing.tracer, logger });
    readers = queueReaders(gateway.prefix);
  });

  afterAll(async () => {
    await gateway.close();
    await readers.close();
    await deleteQueueKeys(gateway.prefix);
    await removeDirectory(gateway.taskLogsDir);
    await testDb.drop();
  });

  beforeEach(() => {
    exporter.reset();
    lines.length = 0;
  });

  const jobOf = async (taskId: string) => AgentTaskJobSchema.parse((await readers.agentTasks.getJob(taskId))?.data);

  it("continues the caller's trace: the job names the request's span, the publish is its child", async () => {
    const request = await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent fix the flaky login test' }));
    const response = await gateway.app.inject({ ...request, headers: { ...request.headers, traceparent: INCOMING } });
    expect(response.statusCode).toBe(202);
    const taskId: string = response.json().task_id;

    const spans = exporter.getFinishedSpans();
    const [server, ...otherServers] = serverSpans(spans);
    expect(otherServers).toEqual([]);
    expect(server?.name).toBe('POST /webhooks/github');
    expect(server?.spanContext().traceId).toBe(TRACE_ID);
    expect(server?.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(server?.attributes).toMatchObject({ 'http.route': '/webhooks/github', 'http.response.status_code': 202 });

    const [publish, ...otherPublishes] = producerSpans(spans);
    expect(otherPublishes).toEqual([]);
    expect(publish?.name).toBe('agent-tasks publish');
    expect(publish?.spanContext().traceId).toBe(TRACE_ID);
    expect(publish?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    expect(publish?.attributes).toMatchObject({ 'messaging.system': 'bullmq', 'messaging.destination.name': 'agent-tasks', 'messaging.message.id': taskId });

    const job = await jobOf(taskId);
    expect(job.traceparent).toBe(`00-${TRACE_ID}-${server?.spanContext().spanId}-01`);
    const acknowledgement = await readers.notifications.getJob(`${taskId}-ack`);
    expect(acknowledgement?.data.traceparent).toBe(job.traceparent);

    // One log line for the whole delivery, with its outcome, its task and its span.
    const requestLines = lines.filter((line) => line.span_id === server?.spanContext().spanId);
    expect(requestLines).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        outcome: 'task_created',
        task_id: taskId,
        delivery_id: request.headers['x-github-delivery'],
        trace_id: TRACE_ID,
        res: { statusCode: 202 },
      }),
    ]);
  });

  it('starts a new trace when the delivery carries none or an invalid one', async () => {
    for (const traceparent of [undefined, 'not-a-traceparent', `00-${'0'.repeat(32)}-${PARENT_SPAN_ID}-01`]) {
      exporter.reset();
      const request = await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent review the retry logic' }));
      const response = await gateway.app.inject({ ...request, headers: { ...request.headers, ...(traceparent ? { traceparent } : {}) } });
      expect(response.statusCode).toBe(202);
      const [server] = serverSpans(exporter.getFinishedSpans());
      const traceId = server?.spanContext().traceId;
      expect(traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
      expect(traceId).not.toBe(TRACE_ID);
      expect(server?.parentSpanContext).toBeUndefined();
      expect((await jobOf(response.json().task_id)).traceparent).toBe(`00-${traceId}-${server?.spanContext().spanId}-01`);
    }
  });

  it('records a refused delivery as a client error, with no publish', async () => {
    const request = await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent fix it' }), { signWith: 'not-the-secret-0123456789' });
    const response = await gateway.app.inject({ ...request, headers: { ...request.headers, traceparent: INCOMING } });
    expect(response.statusCode).toBe(401);
    const spans = exporter.getFinishedSpans();
    expect(serverSpans(spans)).toMatchObject([{ attributes: { 'http.response.status_code': 401 }, status: { code: SpanStatusCode.UNSET } }]);
    expect(producerSpans(spans)).toEqual([]);
  });

  it('traces custom routes and admin test deliveries the same way', async () => {
    const created = await gateway.app.inject(adminRequest('POST', '/api/v1/webhooks', { slug: 'traced', mapping: { text: '/text' } }));
    expect(created.statusCode).toBe(201);
    const secret: string = created.json().secret;
    exporter.reset();

    const delivery = customDelivery('traced', secret, { text: 'fix the build' });
    const response = await gateway.app.inject({ ...delivery, headers: { ...delivery.headers, traceparent: INCOMING } });
    expect(response.statusCode).toBe(202);
    const [server] = serverSpans(exporter.getFinishedSpans());
    expect(server?.name).toBe('POST /webhooks/custom/:slug');
    expect((await jobOf(response.json().task_id)).traceparent).toBe(`00-${TRACE_ID}-${server?.spanContext().spanId}-01`);

    exporter.reset();
    const test = await gateway.app.inject({
      ...adminRequest('POST', '/api/v1/webhooks/traced/test', { payload: { text: 'plan the migration' }, dry_run: false }),
      headers: { ...adminRequest('POST', '/api/v1/webhooks/traced/test', {}).headers, traceparent: INCOMING },
    });
    expect(test.json()).toMatchObject({ outcome: 'task_created' });
    const [admin] = serverSpans(exporter.getFinishedSpans());
    expect(admin?.spanContext().traceId).toBe(TRACE_ID);
    expect((await jobOf(test.json().task_id)).traceparent).toBe(`00-${TRACE_ID}-${admin?.spanContext().spanId}-01`);
  });

  it("makes a relay re-send a trace of its own, linked to the task's", async () => {
    const request = await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent plan the release' }));
    const response = await gateway.app.inject({ ...request, headers: { ...request.headers, traceparent: INCOMING } });
    const taskId: string = response.json().task_id;
    const job = await jobOf(taskId);
    // As if the first push had never reached Redis: the row is pending again.
    await gateway.drain();
    await gateway.database.db.update(outbox).set({ dispatchedAt: null }).where(eq(outbox.taskId, taskId));
    exporter.reset();

    expect(await gateway.relay.runOnce()).toBeGreaterThanOrEqual(1);
    const resend = producerSpans(exporter.getFinishedSpans()).find((span) => span.attributes['messaging.message.id'] === taskId);
    expect(resend?.name).toBe('agent-tasks publish');
    expect(resend?.parentSpanContext).toBeUndefined();
    expect(resend?.spanContext().traceId).not.toBe(TRACE_ID);
    expect(resend?.links.map((link) => `00-${link.context.traceId}-${link.context.spanId}-01`)).toEqual([job.traceparent]);
    expect(resend?.attributes).toMatchObject({ 'messaging.system': 'bullmq', 'swe_ai_fleet.dispatch_via': 'outbox_relay' });
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
    const tracing = createTracing({ service: 'api-gateway', otlpEndpoint: `http://127.0.0.1:${port}/` });
    const exporting = await startTestGateway({ databaseUrl: testDb.url, prefix: gateway.prefix, taskLogsDir: gateway.taskLogsDir, tracer: tracing.tracer });
    const response = await exporting.app.inject(await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: '@agent ask why the build is slow' })));
    expect(response.statusCode).toBe(202);
    await exporting.close();
    await tracing.shutdown();
    await new Promise<void>((resolve) => collector.close(() => resolve()));
    expect(new Set(received.map((request) => request.path))).toEqual(new Set(['/v1/traces']));
    const body = received.map((request) => request.body).join('');
    for (const expected of ['POST /webhooks/github', 'agent-tasks publish', 'api-gateway', response.json().task_id]) expect(body).toContain(expected);
  });
});
