import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { NotificationJob } from '@swe-ai-fleet/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AgentHarness, githubTask, startAgentHarness } from '../support/agent-harness.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const GATEWAY_SPAN_ID = '00f067aa0ba902b7';
const JOB_TRACEPARENT = `00-${TRACE_ID}-${GATEWAY_SPAN_ID}-01`;
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

function parseTraceparent(value: unknown): { traceId: string; spanId: string } {
  const match = TRACEPARENT.exec(String(value));
  if (!match?.[1] || !match[2]) throw new Error(`not a traceparent: ${String(value)}`);
  return { traceId: match[1], spanId: match[2] };
}

describe('task tracing', () => {
  let h: AgentHarness;

  beforeAll(async () => {
    h = await startAgentHarness({ turns: [], usage: { prompt_tokens: 120, completion_tokens: 30 } });
    await h.seedRepository('Codertocat', 'Hello-World', { 'README.md': '# Hello\n' });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.spans.reset();
  });

  const spansOf = (taskId: string) => {
    const all = h.spans.getFinishedSpans();
    const consumer = all.find((span) => span.name === 'agent-tasks process' && span.attributes['swe_ai_fleet.task_id'] === taskId);
    if (!consumer) throw new Error(`no consumer span for ${taskId}`);
    const traceId = consumer.spanContext().traceId;
    return { consumer, inTrace: all.filter((span) => span.spanContext().traceId === traceId) };
  };
  const childrenOf = (spans: ReadableSpan[], parent: ReadableSpan) => spans.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

  it('runs an agent-tasks job in a CONSUMER span under the job’s traceparent, with its turns, tools, checkout and calls as children', async () => {
    const task = githubTask({ traceparent: JOB_TRACEPARENT });
    h.model.setTurns([{ toolCalls: [{ name: 'read_file', arguments: { path: 'README.md' } }] }, { content: 'It says hello.' }]);
    await h.enqueueTask(task, { attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');

    const { consumer, inTrace } = spansOf(task.task_id);
    expect(consumer.kind).toBe(SpanKind.CONSUMER);
    expect(consumer.spanContext().traceId).toBe(TRACE_ID);
    expect(consumer.parentSpanContext?.spanId).toBe(GATEWAY_SPAN_ID);
    expect(consumer.attributes).toMatchObject({
      'messaging.system': 'bullmq',
      'messaging.destination.name': 'agent-tasks',
      'messaging.message.id': task.task_id,
      'swe_ai_fleet.attempt': 1,
      'swe_ai_fleet.outcome': 'completed',
    });
    expect(consumer.resource.attributes['service.name']).toBe('agent-container');

    // Model turns: one span each, with the tokens the server reported and why it stopped.
    const children = childrenOf(inTrace, consumer);
    const turns = children.filter((span) => span.name === 'chat stand-in-coder');
    expect(turns).toHaveLength(2);
    expect(turns.map((span) => span.attributes['gen_ai.response.finish_reasons'])).toEqual([['tool_calls'], ['stop']]);
    for (const turn of turns) {
      expect(turn.attributes).toMatchObject({ 'gen_ai.request.model': 'stand-in-coder', 'gen_ai.usage.input_tokens': 120, 'gen_ai.usage.output_tokens': 30 });
    }
    const [tool] = children.filter((span) => span.name === 'execute_tool read_file');
    expect(tool?.attributes['gen_ai.tool.name']).toBe('read_file');
    // The tool ran between the two turns.
    const [first, second] = turns;
    const ms = (time: [number, number]) => time[0] * 1000 + time[1] / 1e6;
    expect(ms(tool?.startTime ?? [0, 0])).toBeGreaterThanOrEqual(ms(first?.endTime ?? [0, 0]));
    expect(ms(second?.startTime ?? [0, 0])).toBeGreaterThanOrEqual(ms(tool?.endTime ?? [0, 0]));

    // The checkout is one span; the clone credentials it fetched are a CLIENT span under it.
    const [checkout] = children.filter((span) => span.name === 'workspace checkout');
    expect(checkout?.attributes['vcs.repository.name']).toBe('Codertocat/Hello-World');
    expect(childrenOf(inTrace, checkout as ReadableSpan).map((span) => span.name)).toContain('github-service cloneCredentials');

    // Every request to github-service carried its own CLIENT span's context, not the job's.
    const requests = h.githubService.forTask(task.task_id);
    expect(requests.length).toBeGreaterThan(3);
    const clientSpans = new Map(inTrace.filter((span) => span.kind === SpanKind.CLIENT && span.name.startsWith('github-service ')).map((span) => [span.spanContext().spanId, span]));
    for (const request of requests) {
      const sent = parseTraceparent(request.headers.traceparent);
      expect(sent.traceId).toBe(TRACE_ID);
      expect(sent.spanId).not.toBe(GATEWAY_SPAN_ID);
      expect(sent.spanId).not.toBe(consumer.spanContext().spanId);
      const span = clientSpans.get(sent.spanId);
      expect(span?.attributes['url.path']).toBe(request.path);
      expect(span?.attributes['http.response.status_code']).toBeLessThan(300);
    }

    // Task events carry the consumer span, so dashboard-api's consumer joins the trace.
    const events = await h.taskEvents(task.task_id);
    expect(events.map((event) => event.type)).toEqual(['task_started', 'task_completed']);
    for (const event of events) expect(parseTraceparent(event.traceparent)).toEqual({ traceId: TRACE_ID, spanId: consumer.spanContext().spanId });
  });

  it('gives a retried attempt its own span with the attempt number, and marks the failed one as an error', async () => {
    const task = githubTask({ traceparent: JOB_TRACEPARENT, repository: null });
    h.model.setTurns([{ error: { status: 503, message: 'overloaded' } }, { content: 'Second time lucky.' }]);
    await h.enqueueTask(task, { attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');
    const attempts = h.spans.getFinishedSpans().filter((span) => span.name === 'agent-tasks process' && span.attributes['swe_ai_fleet.task_id'] === task.task_id);
    expect(attempts.map((span) => [span.attributes['swe_ai_fleet.attempt'], span.attributes['swe_ai_fleet.outcome'], span.status.code])).toEqual([
      [1, 'retrying', SpanStatusCode.ERROR],
      [2, 'completed', SpanStatusCode.UNSET],
    ]);
    for (const span of attempts) expect(span.parentSpanContext?.spanId).toBe(GATEWAY_SPAN_ID);
  });

  it('starts a new trace for a job without a traceparent, and the calls still join it', async () => {
    const task = githubTask({ repository: null });
    h.model.setTurns([{ content: 'Fine.' }]);
    await h.enqueueTask(task);
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');
    const { consumer } = spansOf(task.task_id);
    expect(consumer.parentSpanContext).toBeUndefined();
    for (const request of h.githubService.forTask(task.task_id)) expect(parseTraceparent(request.headers.traceparent).traceId).toBe(consumer.spanContext().traceId);
  });

  it('acknowledges in a notifications CONSUMER span; the reaction request carries its CLIENT span', async () => {
    const job: NotificationJob = { task_id: githubTask().task_id, kind: 'acknowledge', provider: 'github', command: 'ask', source: githubTask().source, traceparent: JOB_TRACEPARENT };
    await h.queues.notifications.add('acknowledge', job, { jobId: `${job.task_id}-ack` });
    expect(await h.finished(h.queues.notifications, `${job.task_id}-ack`)).toBe('completed');
    const spans = h.spans.getFinishedSpans().filter((span) => span.spanContext().traceId === TRACE_ID);
    const consumer = spans.find((span) => span.name === 'notifications process');
    expect(consumer?.kind).toBe(SpanKind.CONSUMER);
    expect(consumer?.parentSpanContext?.spanId).toBe(GATEWAY_SPAN_ID);
    expect(consumer?.attributes).toMatchObject({ 'messaging.destination.name': 'notifications', 'swe_ai_fleet.attempt': 1, 'swe_ai_fleet.outcome': 'completed' });
    const [reaction, status] = h.githubService.forTask(job.task_id);
    for (const request of [reaction, status]) {
      const sent = parseTraceparent(request?.headers.traceparent);
      const span = spans.find((candidate) => candidate.spanContext().spanId === sent.spanId);
      expect(span?.kind).toBe(SpanKind.CLIENT);
      expect(span?.parentSpanContext?.spanId).toBe(consumer?.spanContext().spanId);
    }
  });
});
