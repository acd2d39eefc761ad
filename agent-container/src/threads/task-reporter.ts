import { createHash } from 'node:crypto';
import type { Context } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { RunnerEvent } from '../runners/runner.js';
import { ServiceCallError } from '../services/service-call-error.js';
import type { TaskLog } from '../task-log/task-log.js';
import type { Redactor } from '../task-log/redact-secrets.js';
import { ensureStatusMessage } from './ensure-status-message.js';
import { describeActivity } from './progress-activity.js';
import type { StatusMessageStore } from './status-message-store.js';
import type { MessageRef, Thread } from './thread.js';
import { type MessageContext, answerMessage, failureMessage, progressMessage, statusMessage } from './thread-messages.js';

export interface TaskReporterOptions {
  thread: Thread | null;
  store: StatusMessageStore;
  log: TaskLog;
  command: string;
  /** The trace context of the attempt (its job span): every call to the thread is a child span of it. */
  trace?: Context;
  dashboardUrl?: string;
  logger: Logger;
  redact: Redactor;
  /** Least time between two progress edits of the status message. */
  progressIntervalMs: number;
  /** How often to ask again while the acknowledgement's identical post is still in flight. @defaultValue 500 */
  retryDelayMs?: number;
}

export type Link = { kind: string; url: string };

/**
 * Everything one task writes in its thread: it finds (or posts) the status message, edits it with
 * throttled progress, and finally makes it the answer or the failure. Progress is best effort; the
 * answer is not (a failure to post it fails the attempt, and the retry posts it under the same key).
 */
export class TaskReporter {
  private status: MessageRef | null = null;
  private readonly context: MessageContext | null;
  private steps = 1;
  private activity: string | null = null;
  private sent: string | null = null;
  private lastEdit = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = false;
  private begun: Promise<void> = Promise.resolve();

  constructor(private readonly options: TaskReporterOptions) {
    this.context = options.thread ? { format: options.thread.format, taskId: options.log.taskId, dashboardUrl: options.dashboardUrl } : null;
  }

  private call(idempotencyKey: string) {
    return { taskLog: this.options.log, idempotencyKey, trace: this.options.trace };
  }

  /**
   * Finds or posts the status message; without one, the answer is a new message. Never rejects.
   * The run need not wait for it (the acknowledgement may be posting the same message, and the
   * service then asks us to come back): progress before it is found is not shown, and the answer
   * and the failure wait for it.
   */
  begin(): Promise<void> {
    this.begun = this.findStatusMessage();
    return this.begun;
  }

  private async findStatusMessage(): Promise<void> {
    const { thread } = this.options;
    if (!thread?.editable || !this.context) return;
    const text = statusMessage(this.context, this.options.command);
    for (let attempt = 1; ; attempt++) {
      try {
        this.status = await ensureStatusMessage(thread, this.options.store, { taskLog: this.options.log, trace: this.options.trace }, text);
        this.lastEdit = Date.now();
        return;
      } catch (error) {
        const inProgress = error instanceof ServiceCallError && error.code === 'idempotency_in_progress';
        if (inProgress && attempt < 10) {
          await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 500));
          continue;
        }
        this.options.logger.warn({ err: error }, 'no status message; the answer will be a new message');
        return;
      }
    }
  }

  /** Notes what the agent is doing; the status message shows it at most once per interval. */
  progress(event: RunnerEvent): void {
    if (event.type === 'usage') this.steps += 1;
    const activity = describeActivity(event);
    if (!activity || this.stopped || !this.status) return;
    this.activity = activity;
    if (this.timer) return;
    const wait = Math.max(0, this.lastEdit + this.options.progressIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.inFlight.then(() => this.flush());
    }, wait);
  }

  private async flush(): Promise<void> {
    const { thread } = this.options;
    if (this.stopped || !thread || !this.status || !this.context || !this.activity) return;
    const text = this.options.redact(progressMessage(this.context, this.steps, this.activity));
    if (text === this.sent) return;
    this.lastEdit = Date.now();
    this.sent = text;
    const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
    try {
      await thread.edit(this.call(`${this.options.log.taskId}:progress:${digest}`), this.status, text, false);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'progress update failed');
    }
  }

  /** No more progress: cancels a pending edit and waits for one in flight, so it cannot land after the answer. */
  async settle(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.begun;
    await this.inFlight;
  }

  /** The status message becomes the answer (or the answer is posted); returns where it is. */
  async answer(text: string, pullRequestUrl: string | null): Promise<string | null> {
    await this.settle();
    if (!this.context) return null;
    return this.write(`${this.options.log.taskId}:answer`, answerMessage(this.context, text, pullRequestUrl));
  }

  /** The thread hears why the task failed. A failure to say so is logged, never thrown. */
  async fail(cause: string): Promise<Link[]> {
    await this.settle();
    if (!this.context) return [];
    try {
      const url = await this.write(`${this.options.log.taskId}:failure`, failureMessage(this.context, cause));
      return url ? [{ kind: 'failure', url }] : [];
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not tell the thread that the task failed');
      return [];
    }
  }

  private async write(idempotencyKey: string, text: string): Promise<string | null> {
    const { thread } = this.options;
    if (!thread) return null;
    if (this.status && thread.editable) {
      try {
        return (await thread.edit(this.call(idempotencyKey), this.status, text, true)).url;
      } catch (error) {
        // Someone deleted the status message: the answer becomes a new message.
        if (!(error instanceof ServiceCallError && error.status === 404)) throw error;
        this.options.logger.warn('the status message is gone; posting the answer as a new message');
      }
    }
    return (await thread.post(this.call(idempotencyKey), text)).url;
  }
}
