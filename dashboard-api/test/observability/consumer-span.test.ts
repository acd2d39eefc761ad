import { randomBytes } from 'node:crypto';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { QUEUE_TASK_EVENTS } from '@swe-ai-fleet/contracts';
import { Queue, QueueEvents, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracing } from '../../src/observability/tracing.js';
import { startTaskEventsConsumer } from '../../src/read-model/task-events-consumer.js';
import { successfulRun } from '../support/task-events.js';
import { newTaskId } from '../support/task-ids.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PRODUCER_SPAN_ID = 'b7ad6b7169203331';

describe('the task-events consumer span', () => {
  const exporter = new InMemorySpanExporter();
  const tracing = createTracing({ service: 'dashboard-api', spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const lines: Array<Record<string, unknown>> = [];
  const prefix = `t-dashboard-trace-${randomBytes(4).toString('hex')}`;
  let testApp: TestApp;
  let redis: Redis;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker;

  beforeAll(async () => {
    testApp = await startTestApp();
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUE_TASK_EVENTS, { connection: redis, prefix });
    events = new QueueEvents(QUEUE_TASK_EVENTS, { connection: { url: REDIS_URL }, prefix });
    await events.waitUntilReady();
    worker = startTaskEventsConsumer({
      connection: redis,
      prefix,
      concurrency: 1,
      db: testApp.database.db,
      logger: pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }),
      metrics: testApp.metrics,
      tracer: tracing.tracer,
    });
  });
  afterAll(async () => {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await testApp.close();
  });

  async function consume(data: unknown, jobId: string): Promise<void> {
    const job = await queue.add('task_event', data, { jobId });
    await job.waitUntilFinished(events, 10_000).catch(() => undefined);
  }

  it('is a child of the traceparent the event carries, and its ids are on the consumer’s log lines', async () => {
    const taskId = newTaskId();
    await consume({ ...successfulRun(taskId).created, traceparent: `00-${TRACE_ID}-${PRODUCER_SPAN_ID}-01` }, 'traced');
    const span = exporter.getFinishedSpans().find((candidate) => candidate.attributes['messaging.message.id'] === 'traced');
    expect(span).toMatchObject({ name: 'task-events process', kind: SpanKind.CONSUMER });
    expect(span?.spanContext().traceId).toBe(TRACE_ID);
    expect(span?.parentSpanContext?.spanId).toBe(PRODUCER_SPAN_ID);
    expect(span?.attributes).toMatchObject({
      'messaging.system': 'bullmq',
      'messaging.destination.name': 'task-events',
      'swe_ai_fleet.task_id': taskId,
      'swe_ai_fleet.event_type': 'task_created',
      'swe_ai_fleet.outcome': 'applied',
    });
    const consumed = lines.find((line) => line.task_id === taskId && line.msg === 'task event consumed');
    expect(consumed).toMatchObject({ trace_id: TRACE_ID, span_id: span?.spanContext().spanId });
  });

  it('starts a new trace for an event without traceparent, and marks an invalid event as an error', async () => {
    const taskId = newTaskId();
    await consume(successfulRun(taskId).created, 'untraced');
    const untraced = exporter.getFinishedSpans().find((candidate) => candidate.attributes['messaging.message.id'] === 'untraced');
    expect(untraced?.parentSpanContext).toBeUndefined();
    expect(untraced?.spanContext().traceId).not.toBe(TRACE_ID);

    await consume({ task_id: taskId, type: 'task_created', traceparent: `00-${TRACE_ID}-${PRODUCER_SPAN_ID}-01` }, 'invalid');
    const invalid = exporter.getFinishedSpans().find((candidate) => candidate.attributes['messaging.message.id'] === 'invalid');
    expect(invalid?.spanContext().traceId).toBe(TRACE_ID);
    expect(invalid?.status.code).toBe(SpanStatusCode.ERROR);
    expect(invalid?.attributes['swe_ai_fleet.outcome']).toBe('dropped');
  });
});
