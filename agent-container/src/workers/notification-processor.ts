import type { Context, Tracer } from '@opentelemetry/api';
import { NotificationJobSchema, QUEUE_NOTIFICATIONS } from '@swe-ai-fleet/contracts';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { Metrics } from '../http/metrics.js';
import { startJobSpan, traceFieldsOf } from '../observability/job-span.js';
import { createTracing } from '../observability/tracing.js';
import { ServiceCallError } from '../services/service-call-error.js';
import type { TaskLogs } from '../task-log/task-log.js';
import { ensureStatusMessage } from '../threads/ensure-status-message.js';
import type { StatusMessageStore } from '../threads/status-message-store.js';
import { type ProviderClients, threadForSource } from '../threads/thread-for-task.js';
import { statusMessage } from '../threads/thread-messages.js';

export interface NotificationDeps {
  taskLogs: TaskLogs;
  clients: ProviderClients;
  statusMessages: StatusMessageStore;
  metrics: Metrics;
  logger: Logger;
  dashboardUrl?: string;
  /** Makes the CONSUMER span of every job; by default a tracer that exports nothing. */
  tracer?: Tracer;
}

export type NotificationOutcome = { sent: string[] } | { skipped: string };

/**
 * One `notifications` job: the fast acknowledgement. 👀 on the message that asked (GitHub
 * comment, review comment or issue; Slack message), Idempotency-Key `<task id>:ack-reaction`; and
 * the status message with a link to the task (GitHub, Slack, Jira), `<task id>:status`, which the
 * agent later edits into the answer. A reaction that cannot be made (the comment is gone) does not
 * stop the status message. Each attempt is a CONSUMER span `notifications process` in the task's trace.
 */
export class NotificationProcessor {
  private readonly tracer: Tracer;

  constructor(private readonly deps: NotificationDeps) {
    this.tracer = deps.tracer ?? createTracing({ service: 'agent-container' }).tracer;
  }

  async process(job: Job): Promise<NotificationOutcome> {
    const span = startJobSpan(this.tracer, { queue: QUEUE_NOTIFICATIONS, jobId: job.id, attempt: job.attemptsMade + 1, ...traceFieldsOf(job.data) });
    try {
      const outcome = await this.acknowledge(job, span.context, span.traceId);
      span.end('skipped' in outcome ? 'skipped' : 'completed');
      return outcome;
    } catch (error) {
      span.end(error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1) ? 'failed' : 'retrying', error);
      throw error;
    }
  }

  private async acknowledge(job: Job, trace: Context, traceId: string): Promise<NotificationOutcome> {
    const parsed = NotificationJobSchema.safeParse(job.data);
    if (!parsed.success) {
      this.deps.logger.error({ job_id: job.id, issues: parsed.error.issues, trace_id: traceId }, 'dropping an invalid notifications job');
      throw new UnrecoverableError(`invalid notifications job: ${parsed.error.message}`);
    }
    const notification = parsed.data;
    const provider = notification.provider;
    const logger = this.deps.logger.child({ task_id: notification.task_id, trace_id: traceId });
    const thread = threadForSource(notification.source, this.deps.clients);
    if (!thread) {
      this.deps.metrics.notifications.inc({ provider, outcome: 'skipped' });
      logger.info('acknowledgement skipped: a custom webhook has no thread');
      return { skipped: `${provider} has no thread to acknowledge in` };
    }

    const taskLog = this.deps.taskLogs.forTask(notification.task_id);
    const call = { taskLog, trace };
    const sent: string[] = [];
    try {
      try {
        const reacted = await thread.react({ ...call, idempotencyKey: `${notification.task_id}:ack-reaction` });
        if (reacted) sent.push(reacted);
      } catch (error) {
        if (!(error instanceof ServiceCallError) || error.retryable) throw error;
        logger.warn({ err: error }, 'could not react to the message that asked; posting the status message anyway');
      }
      if (thread.editable) {
        const text = statusMessage({ format: thread.format, taskId: notification.task_id, dashboardUrl: this.deps.dashboardUrl }, notification.command);
        await ensureStatusMessage(thread, this.deps.statusMessages, call, text);
        sent.push('status_message');
      }
      this.deps.metrics.notifications.inc({ provider, outcome: sent.length > 0 ? 'sent' : 'skipped' });
      return { sent };
    } catch (error) {
      this.deps.metrics.notifications.inc({ provider, outcome: 'failed' });
      if (error instanceof ServiceCallError && !error.retryable) throw new UnrecoverableError(error.message);
      throw error;
    } finally {
      await taskLog.flush();
    }
  }
}
