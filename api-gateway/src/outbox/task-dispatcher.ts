import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { AgentTaskJob } from '@swe-ai-fleet/contracts';
import { QUEUE_AGENT_TASKS } from '@swe-ai-fleet/contracts';
import { contextOf } from '../pipeline/traceparent.js';
import type { Log } from '../observability/logger.js';
import type { Metrics } from '../http/metrics.js';
import type { TaskProducer } from '../queue/task-queues.js';
import type { TaskLogThread } from '../task-log/task-log-thread.js';
import type { TaskLogBatch } from '../task-log/task-log-writer.js';

export type DispatchVia = 'webhook' | 'outbox_relay';
export type DispatchResult = { ok: true } | { ok: false; error: string };

export interface TaskDispatcherDeps {
  queues: TaskProducer;
  /** Task logs are written after the answer, by this background queue. */
  taskLog: Pick<TaskLogThread, 'submit'>;
  metrics: Metrics;
  logger: Log;
  now: () => Date;
  tracer: Tracer;
}

/** What the request path has for the task log when it dispatches: metadata, input and the stages so far. */
export type TaskLogOpening = Omit<TaskLogBatch, 'taskId' | 'queueFlow'>;

/**
 * Pushes a recorded task to Redis and says so in its task log. Used by the request path (first
 * try) and by the outbox relay (every later try); it never throws, the caller keeps the outbox row.
 */
export class TaskDispatcher {
  constructor(private readonly deps: TaskDispatcherDeps) {}

  /**
   * `opening` (request path) goes into the task log with the push's own records, all of a task's
   * files in one background write after the answer.
   */
  async dispatch(job: AgentTaskJob, via: DispatchVia, opening: TaskLogOpening = {}): Promise<DispatchResult> {
    const { queues, taskLog, metrics, logger, now } = this.deps;
    // Taken before the push: a worker may log `dequeued` before the push call returns.
    const queuedAt = now().toISOString();
    const span = this.publishSpan(job, via);
    try {
      await queues.enqueueTask(job);
      span.end();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message });
      span.end();
      metrics.enqueueFailures.inc({ via });
      logger.warn({ task_id: job.task_id, via, err: message }, 'task recorded but not yet in Redis; the outbox relay will push it');
      // The relay retries quietly: one failed push in the log tells the story, not one per attempt.
      if (via === 'webhook') {
        await taskLog.submit({
          ...opening,
          taskId: job.task_id,
          webhookFlow: [
            ...(opening.webhookFlow ?? []),
            { timestamp: now().toISOString(), task_id: job.task_id, stage: 'queue_push', status: 'failed', details: { error: message, retry: 'outbox_relay' } },
          ],
        });
      }
      return { ok: false, error: message };
    }
    if (via === 'outbox_relay') metrics.outboxRelayed.inc();
    await taskLog.submit({
      ...opening,
      taskId: job.task_id,
      webhookFlow: [
        ...(opening.webhookFlow ?? []),
        { timestamp: now().toISOString(), task_id: job.task_id, stage: 'queue_push', status: 'ok', details: { queue: QUEUE_AGENT_TASKS, job_id: job.task_id, via } },
      ],
      queueFlow: [{ timestamp: queuedAt, task_id: job.task_id, stage: 'queued', queue: QUEUE_AGENT_TASKS, details: { job_id: job.task_id, via } }],
    });
    return { ok: true };
  }

  /**
   * The PRODUCER span of the publish (OpenTelemetry messaging conventions). On the request path it
   * is a child of the request's span, which the job's `traceparent` names; a relay re-send is a
   * trace of its own, linked to the task's.
   */
  private publishSpan(job: AgentTaskJob, via: DispatchVia): Span {
    const task = trace.getSpanContext(contextOf(job.traceparent));
    return this.deps.tracer.startSpan(
      `${QUEUE_AGENT_TASKS} publish`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'bullmq',
          'messaging.operation.type': 'send',
          'messaging.destination.name': QUEUE_AGENT_TASKS,
          'messaging.message.id': job.task_id,
          'swe_ai_fleet.task_id': job.task_id,
          'swe_ai_fleet.dispatch_via': via,
        },
        ...(via === 'outbox_relay' && task ? { links: [{ context: task }], root: true } : {}),
      },
      via === 'webhook' ? contextOf(job.traceparent) : ROOT_CONTEXT,
    );
  }
}
