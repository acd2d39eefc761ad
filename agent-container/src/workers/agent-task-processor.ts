import { type AgentTaskJob, AgentTaskJobSchema, type GithubSource, QUEUE_AGENT_TASKS } from '@swe-ai-fleet/contracts';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { AgentCatalog } from '../agents/agent-catalog.js';
import type { AgentDefinition } from '../agents/agent-definition.js';
import type { RunStore } from '../db/run-store.js';
import type { Metrics } from '../http/metrics.js';
import type { RunLimits, RunResult } from '../runners/runner.js';
import type { RunnerRegistry } from '../runners/runner-registry.js';
import type { GithubServiceClient } from '../services/github-service-client.js';
import type { RunningTasks } from '../status/running-tasks.js';
import type { TaskLog, TaskLogs } from '../task-log/task-log.js';
import type { Redactor } from '../task-log/redact-secrets.js';
import { createTaskWorkspace } from '../workspaces/task-workspace.js';
import { agentOutputRecord } from './agent-output-record.js';
import { TaskFailure, toTaskFailure } from './task-failure.js';
import type { TaskEventsPublisher } from './task-events-publisher.js';
import { type AttemptInfo, type AttemptUsage, metadataFallback, recordFinalOutcome, recordRetryingAttempt } from './task-outcome.js';
import { buildTaskPrompt } from './task-prompt.js';
import { answerComment, failureComment } from './thread-comments.js';

export interface AgentTaskDeps {
  taskLogs: TaskLogs;
  runs: RunStore;
  runners: RunnerRegistry;
  agents: AgentCatalog;
  github: GithubServiceClient;
  events: TaskEventsPublisher;
  running: RunningTasks;
  metrics: Metrics;
  logger: Logger;
  redact: Redactor;
  workspacesDir: string;
  limits: RunLimits;
  /** The model a run uses when its agent names none (for the records before the run reports it). */
  defaultModel?: string;
  dashboardUrl?: string;
  /** Names this worker in 03-queue-flow.jsonl. */
  workerName: string;
  now?: () => Date;
}

/** Why the job is being handed back: a shutdown stopped it, which is no fault of the task. */
const SHUTDOWN = 'shutdown';
export const SHUTDOWN_REASON = SHUTDOWN;

function githubThread(task: AgentTaskJob): GithubSource {
  if (task.source.provider !== 'github') {
    throw new TaskFailure(`answering in ${task.source.provider} threads is not supported yet`, false);
  }
  return task.source;
}

/**
 * One attempt of an `agent-tasks` job: log the dequeue, run the agent in a fresh workspace, post
 * the answer through github-service, and record the outcome. A transient failure throws so
 * BullMQ retries; a permanent one, or the last attempt, posts the cause in the thread and fails
 * for good. A shutdown hands the job back to the queue without spending an attempt.
 */
export class AgentTaskProcessor {
  constructor(private readonly deps: AgentTaskDeps) {}

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  async process(job: Job, token?: string, signal?: AbortSignal): Promise<{ answer_url: string }> {
    const parsed = AgentTaskJobSchema.safeParse(job.data);
    if (!parsed.success) {
      this.deps.logger.error({ job_id: job.id, issues: parsed.error.issues }, 'dropping an invalid agent-tasks job');
      throw new UnrecoverableError(`invalid agent-tasks job: ${parsed.error.message}`);
    }
    const task = parsed.data;
    const attempt = job.attemptsMade + 1;
    const maxAttempts = Math.max(1, job.opts.attempts ?? 1);
    const log = this.deps.taskLogs.forTask(task.task_id);
    const logger = this.deps.logger.child({ task_id: task.task_id, attempt });
    const startedAt = this.now();
    const queue = QUEUE_AGENT_TASKS;
    const worker = this.deps.workerName;

    void log.queueFlow({ stage: 'dequeued', queue, attempt, worker, details: { job_id: job.id } });
    if (attempt > 1) void log.queueFlow({ stage: 'retry', queue, attempt, worker, details: { previous_error: job.failedReason ?? null } });
    void log.queueFlow({ stage: 'worker_assigned', queue, attempt, worker });

    const agent = this.deps.agents.resolve(task.command, task.options);
    const usage: AttemptUsage = { model: agent.model ?? this.deps.defaultModel ?? 'unknown', inputTokens: 0, outputTokens: 0, costUsd: 0, steps: 0 };
    const info = (): AttemptInfo => ({ task, attempt, agent: agent.name, runner: agent.runner, startedAt, finishedAt: this.now(), usage });
    this.deps.running.add({ taskId: task.task_id, attempt, provider: task.provider, command: task.command, agent: agent.name, runner: agent.runner, startedAt });
    this.deps.metrics.runningTasks.set(this.deps.running.size);
    let answer: { text: string; url: string } | null = null;
    try {
      await this.start(log, task, agent, attempt, startedAt, usage.model);
      answer = await this.answer(log, task, agent, attempt, usage, signal);
      await recordFinalOutcome(this.deps, log, info(), { success: true, result: answer.text, links: [{ kind: 'answer', url: answer.url }] });
      logger.info({ answer_url: answer.url, tokens: usage.inputTokens + usage.outputTokens }, 'task answered');
      return { answer_url: answer.url };
    } catch (error) {
      if (signal?.aborted && signal.reason === SHUTDOWN) {
        await this.handBack(job, token, log, attempt, logger);
        throw new DelayedError();
      }
      const classified = toTaskFailure(error);
      const failure = new TaskFailure(this.deps.redact(classified.message), classified.retryable);
      const last = !failure.retryable || attempt >= maxAttempts;
      if (answer) {
        // The answer is in the thread; only recording it failed. A retry reuses the posted answer.
        logger.error({ err: error, answer_url: answer.url }, 'answered, but recording the outcome failed');
        if (last) throw new UnrecoverableError(`answered, but recording the outcome failed: ${failure.message}`);
        throw new Error(failure.message, { cause: error });
      }
      void log.agentOutput({ type: 'error', content: failure.message, details: { attempt, retryable: failure.retryable, final: last } });
      if (!last) {
        logger.warn({ err: error }, 'attempt failed; BullMQ retries it');
        await recordRetryingAttempt(this.deps, info(), failure.message).catch((recordError: unknown) =>
          logger.error({ err: recordError }, 'could not record the failed attempt'),
        );
        throw new Error(failure.message, { cause: error });
      }
      logger.error({ err: error }, 'task failed');
      const links = await this.postFailure(log, task, failure.message, logger);
      await recordFinalOutcome(this.deps, log, info(), { success: false, error: failure.message, links }).catch((recordError: unknown) =>
        logger.error({ err: recordError }, 'could not record the failed task'),
      );
      throw new UnrecoverableError(failure.message);
    } finally {
      this.deps.running.remove(task.task_id);
      this.deps.metrics.runningTasks.set(this.deps.running.size);
      await log.flush();
    }
  }

  /** The task is running: metadata, the run row, the event, and the first 04 line. */
  private async start(log: TaskLog, task: AgentTaskJob, agent: AgentDefinition, attempt: number, startedAt: Date, model: string) {
    const started = startedAt.toISOString();
    void log.updateMetadata({ status: 'running', started_at: started, agent: agent.name, runner: agent.runner }, () => metadataFallback(task, startedAt));
    void log.agentOutput({ type: 'task_started', details: { attempt, agent: agent.name, runner: agent.runner } });
    await this.deps.runs.start({ taskId: task.task_id, attempt, agent: agent.name, runner: agent.runner, model, startedAt });
    await this.deps.events.publish(task, `task_started-${attempt}`, {
      type: 'task_started',
      status: 'running',
      agent: agent.name,
      runner: agent.runner,
      model,
      started_at: started,
    });
  }

  /** Produces the answer (or reuses an earlier attempt's) and posts it once. */
  private async answer(log: TaskLog, task: AgentTaskJob, agent: AgentDefinition, attempt: number, usage: AttemptUsage, signal?: AbortSignal) {
    const thread = githubThread(task);
    const prior = await this.deps.runs.priorAnswer(task.task_id);
    let text: string;
    if (prior) {
      text = prior.output;
      if (prior.model) usage.model = prior.model;
      void log.agentOutput({ type: 'message', content: text, details: { reused_from_earlier_attempt: true } });
    } else {
      const result = await this.runAgent(log, task, agent, signal);
      Object.assign(usage, { model: result.model, inputTokens: result.inputTokens, outputTokens: result.outputTokens, costUsd: result.costUsd, steps: result.steps });
      if (!result.success) throw new TaskFailure(result.error ?? 'the agent failed without saying why', result.retryable);
      // What the model wrote goes to the thread, the database and the events: no credential in it.
      text = this.deps.redact(result.output);
    }
    await this.deps.runs.saveOutput(task.task_id, attempt, text);
    if (prior?.answerUrl) {
      await this.deps.runs.saveAnswerUrl(task.task_id, attempt, prior.answerUrl);
      return { text, url: prior.answerUrl };
    }
    const comment = await this.deps.github.createIssueComment(
      { taskLog: log, idempotencyKey: `${task.task_id}:answer`, traceparent: task.traceparent },
      { owner: thread.owner, repo: thread.repo, issueNumber: thread.issue_number },
      answerComment(task.task_id, text),
    );
    await this.deps.runs.saveAnswerUrl(task.task_id, attempt, comment.html_url);
    return { text, url: comment.html_url };
  }

  private async runAgent(log: TaskLog, task: AgentTaskJob, agent: AgentDefinition, signal?: AbortSignal): Promise<RunResult> {
    const runner = this.deps.runners.get(agent.runner);
    const workspace = await createTaskWorkspace(this.deps.workspacesDir, task.task_id);
    try {
      const { systemPrompt, prompt } = buildTaskPrompt(task, agent);
      return await runner.run({
        prompt,
        systemPrompt,
        workdir: workspace.workdir,
        homeDir: workspace.home,
        tmpDir: workspace.tmp,
        agent,
        limits: this.deps.limits,
        onEvent: (event) => void log.agentOutput(agentOutputRecord(event)),
        signal,
      });
    } finally {
      await workspace.remove();
    }
  }

  /** The last attempt failed: the thread hears why. A failure to say so is logged, not thrown. */
  private async postFailure(log: TaskLog, task: AgentTaskJob, cause: string, logger: Logger) {
    if (task.source.provider !== 'github') return [];
    const thread = task.source;
    try {
      const comment = await this.deps.github.createIssueComment(
        { taskLog: log, idempotencyKey: `${task.task_id}:failure`, traceparent: task.traceparent },
        { owner: thread.owner, repo: thread.repo, issueNumber: thread.issue_number },
        failureComment(task.task_id, cause, this.deps.dashboardUrl),
      );
      return [{ kind: 'failure', url: comment.html_url }];
    } catch (error) {
      logger.error({ err: error }, 'could not post the failure comment');
      return [];
    }
  }

  /** Shutdown: the job goes back to the queue (delayed a moment) and keeps its attempts. */
  private async handBack(job: Job, token: string | undefined, log: TaskLog, attempt: number, logger: Logger) {
    logger.warn('shutting down: handing the task back to the queue');
    void log.queueFlow({ stage: 'requeued', queue: QUEUE_AGENT_TASKS, attempt, worker: this.deps.workerName, details: { reason: SHUTDOWN } });
    await log.flush();
    await job.moveToDelayed(Date.now() + 1000, token);
  }
}
