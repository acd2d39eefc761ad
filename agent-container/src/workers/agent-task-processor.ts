import type { Tracer } from '@opentelemetry/api';
import { type AgentTaskJob, AgentTaskJobSchema, QUEUE_AGENT_TASKS } from '@swe-ai-fleet/contracts';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { AgentCatalog } from '../agents/agent-catalog.js';
import type { AgentDefinition } from '../agents/agent-definition.js';
import type { ConversationStore, TurnInput } from '../conversations/conversation-store.js';
import { turnOf } from '../conversations/queued-turns.js';
import type { RunStore } from '../db/run-store.js';
import type { Metrics } from '../http/metrics.js';
import { type JobSpan, startJobSpan, traceFieldsOf } from '../observability/job-span.js';
import { createTracing } from '../observability/tracing.js';
import type { RunningTasks } from '../status/running-tasks.js';
import type { TaskLog, TaskLogs } from '../task-log/task-log.js';
import type { Redactor } from '../task-log/redact-secrets.js';
import type { StatusMessageStore } from '../threads/status-message-store.js';
import { type Link, TaskReporter } from '../threads/task-reporter.js';
import { type ProviderClients, threadForSource } from '../threads/thread-for-task.js';
import type { AnswerProducer, Produced } from './answer-producer.js';
import { TaskFailure, toTaskFailure } from './task-failure.js';
import type { TaskEventsPublisher } from './task-events-publisher.js';
import { type AttemptInfo, type AttemptUsage, metadataFallback, recordFinalOutcome, recordRetryingAttempt } from './task-outcome.js';

export interface AgentTaskDeps {
  taskLogs: TaskLogs;
  runs: RunStore;
  agents: AgentCatalog;
  clients: ProviderClients;
  statusMessages: StatusMessageStore;
  conversations: ConversationStore;
  /** The tasks of a conversation in the agent-tasks queue now (active or waiting). */
  queuedTurns: (conversationKey: string) => Promise<TurnInput[]>;
  producer: AnswerProducer;
  events: TaskEventsPublisher;
  running: RunningTasks;
  metrics: Metrics;
  logger: Logger;
  redact: Redactor;
  /** The answer to `help` (when no agent claims the command). */
  helpText: () => string;
  /** The model a run uses when its agent names none (for the records before the run reports it). */
  defaultModel?: string;
  dashboardUrl?: string;
  /** Least time between two progress edits of the status message. */
  progressIntervalMs: number;
  /** How long a conversation's place is held without renewal (a crashed worker's task blocks it at most this long). */
  conversationLeaseMs: number;
  /** A task whose conversation is busy goes back to the queue for this long. */
  conversationRequeueDelayMs: number;
  /** Names this worker in 03-queue-flow.jsonl. */
  workerName: string;
  now?: () => Date;
  /** Makes the CONSUMER span of every attempt; by default a tracer that exports nothing. */
  tracer?: Tracer;
}

/** Why the job is being handed back: a shutdown stopped it, which is no fault of the task. */
export const SHUTDOWN_REASON = 'shutdown';
/** Someone cancelled the task (`POST /api/v1/tasks/:id/cancel`): it fails for good, and the thread is told. */
export const CANCEL_REASON = 'cancelled';

/**
 * One attempt of an `agent-tasks` job. The task waits (back in the queue, no attempt spent) while
 * its conversation is busy; then it runs: the answer is produced (or reused), the status message
 * becomes the answer, and the outcome is recorded. A transient failure throws so BullMQ retries;
 * a permanent one, or the last attempt, shows the cause in the thread and fails for good. A
 * shutdown hands the job back to the queue without spending an attempt. Each attempt is a
 * CONSUMER span `agent-tasks process`, a child of the job's `traceparent`, ended with its outcome.
 */
export class AgentTaskProcessor {
  private readonly tracer: Tracer;

  constructor(private readonly deps: AgentTaskDeps) {
    this.tracer = deps.tracer ?? createTracing({ service: 'agent-container' }).tracer;
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  async process(job: Job, token?: string, signal?: AbortSignal): Promise<{ answer_url: string | null }> {
    const span = startJobSpan(this.tracer, { queue: QUEUE_AGENT_TASKS, jobId: job.id, attempt: job.attemptsMade + 1, ...traceFieldsOf(job.data) });
    try {
      const result = await this.claimAndRun(job, span, token, signal);
      span.end('completed');
      return result;
    } catch (error) {
      if (error instanceof DelayedError) span.end(signal?.aborted ? 'handed_back' : 'requeued');
      else span.end(error instanceof UnrecoverableError ? 'failed' : 'retrying', error);
      throw error;
    }
  }

  private async claimAndRun(job: Job, span: JobSpan, token?: string, signal?: AbortSignal): Promise<{ answer_url: string | null }> {
    const parsed = AgentTaskJobSchema.safeParse(job.data);
    if (!parsed.success) {
      this.deps.logger.error({ job_id: job.id, issues: parsed.error.issues, trace_id: span.traceId }, 'dropping an invalid agent-tasks job');
      throw new UnrecoverableError(`invalid agent-tasks job: ${parsed.error.message}`);
    }
    const task = parsed.data;
    const attempt = job.attemptsMade + 1;
    const log = this.deps.taskLogs.forTask(task.task_id);
    const { conversations, conversationLeaseMs: leaseMs } = this.deps;
    const queue = QUEUE_AGENT_TASKS;
    const worker = this.deps.workerName;

    const claim = await conversations.claim(turnOf(task), leaseMs, await this.deps.queuedTurns(task.conversation_key));
    if (!claim.proceed) {
      if (claim.firstWait) {
        void log.queueFlow({ stage: 'dequeued', queue, attempt, worker, details: { job_id: job.id } });
        void log.queueFlow({ stage: 'requeued', queue, attempt, worker, details: { reason: 'conversation_busy', waiting_for: claim.waitingFor } });
        await log.flush();
      }
      await job.moveToDelayed(Date.now() + this.deps.conversationRequeueDelayMs, token);
      throw new DelayedError();
    }
    const heartbeat = setInterval(() => {
      conversations.renew(task.task_id, leaseMs).catch((error: unknown) => this.deps.logger.warn({ err: error, task_id: task.task_id }, 'could not renew the conversation lease'));
    }, leaseMs / 3);
    try {
      return await this.attempt(job, task, attempt, log, span, token, signal);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async attempt(job: Job, task: AgentTaskJob, attempt: number, log: TaskLog, span: JobSpan, token: string | undefined, signal?: AbortSignal) {
    const maxAttempts = Math.max(1, job.opts.attempts ?? 1);
    const logger = this.deps.logger.child({ task_id: task.task_id, attempt, trace_id: span.traceId });
    const startedAt = this.now();
    const queue = QUEUE_AGENT_TASKS;
    const worker = this.deps.workerName;
    void log.queueFlow({ stage: 'dequeued', queue, attempt, worker, details: { job_id: job.id } });
    // job.timestamp is when the gateway added the job; later attempts waited on a backoff, not the queue.
    if (attempt === 1) this.deps.metrics.queueWait.observe(Math.max(0, startedAt.getTime() - job.timestamp) / 1000);
    if (attempt > 1) void log.queueFlow({ stage: 'retry', queue, attempt, worker, details: { previous_error: job.failedReason ?? null } });
    void log.queueFlow({ stage: 'worker_assigned', queue, attempt, worker });

    const agent = this.deps.agents.resolve(task.command, task.options);
    // The gateway renders help from its command table; without it, the agent registry's help is the answer.
    const isHelp = task.help_text !== undefined || (task.command === 'help' && !this.deps.agents.handles('help'));
    const runner = isHelp ? 'none' : agent.runner;
    const usage: AttemptUsage = { model: isHelp ? 'none' : (agent.model ?? this.deps.defaultModel ?? 'unknown'), inputTokens: 0, outputTokens: 0, costUsd: 0, steps: 0 };
    const info = (): AttemptInfo => ({ task, attempt, agent: agent.name, runner, startedAt, finishedAt: this.now(), usage, traceparent: span.traceparent });
    const reporter = new TaskReporter({
      thread: threadForSource(task.source, this.deps.clients),
      store: this.deps.statusMessages,
      log,
      command: task.command,
      trace: span.context,
      dashboardUrl: this.deps.dashboardUrl,
      logger,
      redact: this.deps.redact,
      progressIntervalMs: this.deps.progressIntervalMs,
    });
    this.deps.running.add({ taskId: task.task_id, attempt, provider: task.provider, command: task.command, agent: agent.name, runner, startedAt });
    this.deps.metrics.runningTasks.set(this.deps.running.size);
    let answered = false;
    try {
      await this.start(log, task, agent, runner, attempt, startedAt, usage.model, span.traceparent);
      // Side by side with the run: answer() and fail() wait for the status message.
      void reporter.begin();
      const produced: Produced = isHelp ? { text: task.help_text ?? this.deps.helpText(), pullRequestUrl: null } : await this.deps.producer.produce(task, agent, attempt, usage, log, reporter, span.context, signal);
      const answerUrl = await reporter.answer(produced.text, produced.pullRequestUrl);
      answered = true;
      if (answerUrl) await this.deps.runs.saveAnswerUrl(task.task_id, attempt, answerUrl);
      const links: Link[] = [...(answerUrl ? [{ kind: 'answer', url: answerUrl }] : []), ...(produced.pullRequestUrl ? [{ kind: 'pull_request', url: produced.pullRequestUrl }] : [])];
      await recordFinalOutcome(this.deps, log, info(), { success: true, result: produced.text, links });
      await this.deps.conversations.finish(task.task_id, { status: 'succeeded', answer: isHelp ? null : produced.text });
      logger.info({ answer_url: answerUrl, pull_request_url: produced.pullRequestUrl, tokens: usage.inputTokens + usage.outputTokens }, 'task answered');
      return { answer_url: answerUrl };
    } catch (error) {
      if (signal?.aborted && signal.reason === SHUTDOWN_REASON) {
        await this.handBack(job, token, log, attempt, logger);
        throw new DelayedError();
      }
      const classified = signal?.aborted && signal.reason === CANCEL_REASON ? new TaskFailure('the task was cancelled', false) : toTaskFailure(error);
      const failure = new TaskFailure(this.deps.redact(classified.message), classified.retryable);
      const last = !failure.retryable || attempt >= maxAttempts;
      if (answered) {
        // The answer is in the thread; only recording it failed. A retry reuses the saved answer.
        logger.error({ err: error }, 'answered, but recording the outcome failed');
        if (last) throw new UnrecoverableError(`answered, but recording the outcome failed: ${failure.message}`);
        throw new Error(failure.message, { cause: error });
      }
      void log.agentOutput({ type: 'error', content: failure.message, details: { attempt, retryable: failure.retryable, final: last } });
      if (!last) {
        logger.warn({ err: error }, 'attempt failed; BullMQ retries it');
        await Promise.all([recordRetryingAttempt(this.deps, info(), failure.message), this.deps.conversations.hold(task.task_id, this.deps.conversationLeaseMs)]).catch(
          (recordError: unknown) => logger.error({ err: recordError }, 'could not record the failed attempt'),
        );
        throw new Error(failure.message, { cause: error });
      }
      logger.error({ err: error }, 'task failed');
      const links = await reporter.fail(failure.message);
      await recordFinalOutcome(this.deps, log, info(), { success: false, error: failure.message, links }).catch((recordError: unknown) =>
        logger.error({ err: recordError }, 'could not record the failed task'),
      );
      await this.deps.conversations.finish(task.task_id, { status: 'failed' }).catch((recordError: unknown) => logger.error({ err: recordError }, 'could not close the conversation turn'));
      throw new UnrecoverableError(failure.message);
    } finally {
      await reporter.settle();
      this.deps.running.remove(task.task_id);
      this.deps.metrics.runningTasks.set(this.deps.running.size);
      await log.flush();
    }
  }

  /**
   * A job BullMQ gave up on without running this processor: its workers kept dying under it (the
   * task crashes or exhausts the worker, a poison pill). The thread hears it and the outcome is
   * recorded like any failure; nothing is thrown (this runs from the worker's `failed` event).
   */
  async reportAbandoned(job: Job, reason: string): Promise<void> {
    const parsed = AgentTaskJobSchema.safeParse(job.data);
    if (!parsed.success) return;
    const task = parsed.data;
    const span = startJobSpan(this.tracer, { queue: QUEUE_AGENT_TASKS, jobId: job.id, attempt: job.attemptsMade + 1, taskId: task.task_id, traceparent: task.traceparent });
    const log = this.deps.taskLogs.forTask(task.task_id);
    const logger = this.deps.logger.child({ task_id: task.task_id, trace_id: span.traceId });
    const agent = this.deps.agents.resolve(task.command, task.options);
    const cause = `the worker running this task stopped in the middle of it too many times (it crashed or was killed), so the task was given up (${reason})`;
    const now = this.now();
    const usage: AttemptUsage = { model: agent.model ?? this.deps.defaultModel ?? 'unknown', inputTokens: 0, outputTokens: 0, costUsd: 0, steps: 0 };
    const reporter = new TaskReporter({
      thread: threadForSource(task.source, this.deps.clients),
      store: this.deps.statusMessages,
      log,
      command: task.command,
      trace: span.context,
      dashboardUrl: this.deps.dashboardUrl,
      logger,
      redact: this.deps.redact,
      progressIntervalMs: this.deps.progressIntervalMs,
    });
    try {
      logger.error({ reason }, 'task abandoned after its workers died');
      await reporter.begin();
      const links = await reporter.fail(cause);
      const info: AttemptInfo = { task, attempt: job.attemptsMade + 1, agent: agent.name, runner: agent.runner, startedAt: job.processedOn ? new Date(job.processedOn) : now, finishedAt: now, usage, traceparent: span.traceparent };
      await this.deps.runs.start({ taskId: task.task_id, attempt: info.attempt, agent: agent.name, runner: agent.runner, model: usage.model, startedAt: info.startedAt });
      await recordFinalOutcome(this.deps, log, info, { success: false, error: cause, links });
      await this.deps.conversations.finish(task.task_id, { status: 'failed' });
      span.end('failed', new Error(cause));
    } catch (error) {
      logger.error({ err: error }, 'could not record the abandoned task');
      span.end('failed', error);
    } finally {
      await log.flush();
    }
  }

  /** The task is running: metadata, the run row, the event, and the first 04 line. */
  private async start(log: TaskLog, task: AgentTaskJob, agent: AgentDefinition, runner: string, attempt: number, startedAt: Date, model: string, traceparent: string | undefined) {
    const started = startedAt.toISOString();
    void log.updateMetadata({ status: 'running', started_at: started, agent: agent.name, runner }, () => metadataFallback(task, startedAt));
    void log.agentOutput({ type: 'task_started', details: { attempt, agent: agent.name, runner } });
    await this.deps.runs.start({ taskId: task.task_id, attempt, agent: agent.name, runner, model, startedAt });
    await this.deps.events.publish(task, `task_started-${attempt}`, {
      type: 'task_started',
      status: 'running',
      agent: agent.name,
      runner,
      model,
      started_at: started,
      ...(traceparent ? { traceparent } : {}),
    });
  }

  /** Shutdown: the job goes back to the queue (delayed a moment) and keeps its attempts and its place in the conversation. */
  private async handBack(job: Job, token: string | undefined, log: TaskLog, attempt: number, logger: Logger) {
    logger.warn('shutting down: handing the task back to the queue');
    void log.queueFlow({ stage: 'requeued', queue: QUEUE_AGENT_TASKS, attempt, worker: this.deps.workerName, details: { reason: SHUTDOWN_REASON } });
    await log.flush();
    await this.deps.conversations.hold(job.data.task_id, this.deps.conversationLeaseMs).catch((error: unknown) => logger.warn({ err: error }, 'could not hold the conversation'));
    await job.moveToDelayed(Date.now() + 1000, token);
  }
}
