import type { AgentTaskJob } from '@swe-ai-fleet/contracts';
import type { Logger } from 'pino';
import type { RunStore } from '../db/run-store.js';
import type { Metrics } from '../http/metrics.js';
import type { TaskLog } from '../task-log/task-log.js';
import type { TaskEventsPublisher } from './task-events-publisher.js';

export interface AttemptUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  steps: number;
}

export interface AttemptInfo {
  task: AgentTaskJob;
  attempt: number;
  agent: string;
  runner: string;
  startedAt: Date;
  finishedAt: Date;
  usage: AttemptUsage;
  /** The attempt's span, carried by the events it publishes so that their consumer joins the trace. */
  traceparent?: string;
}

export interface OutcomeDeps {
  runs: RunStore;
  events: TaskEventsPublisher;
  metrics: Metrics;
  logger: Logger;
}

function recordMetrics(metrics: Metrics, info: AttemptInfo, outcome: string): void {
  const { runner, usage } = info;
  metrics.runs.inc({ runner, outcome });
  metrics.runDuration.observe({ runner, outcome }, (info.finishedAt.getTime() - info.startedAt.getTime()) / 1000);
  metrics.tokens.inc({ runner, model: usage.model, direction: 'input' }, usage.inputTokens);
  metrics.tokens.inc({ runner, model: usage.model, direction: 'output' }, usage.outputTokens);
  metrics.cost.inc({ runner, model: usage.model }, usage.costUsd);
}

function finish(info: AttemptInfo, status: 'succeeded' | 'failed' | 'retrying', error: string | null) {
  return {
    status,
    model: info.usage.model,
    inputTokens: info.usage.inputTokens,
    outputTokens: info.usage.outputTokens,
    costUsd: info.usage.costUsd,
    steps: info.usage.steps,
    error,
    finishedAt: info.finishedAt,
    durationMs: info.finishedAt.getTime() - info.startedAt.getTime(),
  };
}

/**
 * Records how a task ended, everywhere it is read: 06-final-result.json, metadata.json, the
 * `agent.runs` row, the metrics, and a `task_completed` / `task_failed` event. Any of these may
 * throw on the success path (the job is then retried and reuses the posted answer).
 */
export async function recordFinalOutcome(
  deps: OutcomeDeps,
  log: TaskLog,
  info: AttemptInfo,
  outcome: { success: true; result: string; links: Array<{ kind: string; url: string }> } | { success: false; error: string; links: Array<{ kind: string; url: string }> },
): Promise<void> {
  const finishedAt = info.finishedAt.toISOString();
  const status = outcome.success ? 'succeeded' : 'failed';
  const result = outcome.success ? outcome.result : null;
  const error = outcome.success ? null : outcome.error;
  const usage = { input_tokens: info.usage.inputTokens, output_tokens: info.usage.outputTokens, cost_usd: info.usage.costUsd };
  void log.queueFlow({ stage: status === 'succeeded' ? 'completed' : 'failed', queue: 'agent-tasks', attempt: info.attempt });
  void log.finalResult({
    success: outcome.success,
    result,
    error,
    runner: info.runner,
    model: info.usage.model,
    metrics: { ...usage, duration_ms: info.finishedAt.getTime() - info.startedAt.getTime(), steps: info.usage.steps },
    links: outcome.links,
  });
  void log.updateMetadata({ status, finished_at: finishedAt, agent: info.agent, runner: info.runner, model: info.usage.model }, () =>
    metadataFallback(info.task, info.startedAt),
  );
  await log.flush();
  await deps.runs.finish(info.task.task_id, info.attempt, finish(info, status, error));
  recordMetrics(deps.metrics, info, status);
  await deps.events.publish(info.task, status === 'succeeded' ? 'task_completed' : 'task_failed', {
    type: status === 'succeeded' ? 'task_completed' : 'task_failed',
    status,
    agent: info.agent,
    runner: info.runner,
    model: info.usage.model,
    started_at: info.startedAt.toISOString(),
    finished_at: finishedAt,
    usage,
    ...(result !== null ? { result } : {}),
    ...(error !== null ? { error } : {}),
    links: outcome.links,
    ...(info.traceparent ? { traceparent: info.traceparent } : {}),
  });
}

/** An attempt failed and another will follow: the run row and metrics say so; the task stays running. */
export async function recordRetryingAttempt(deps: OutcomeDeps, info: AttemptInfo, error: string): Promise<void> {
  await deps.runs.finish(info.task.task_id, info.attempt, finish(info, 'retrying', error));
  recordMetrics(deps.metrics, info, 'retrying');
}

/** metadata.json as the agent writes it when the gateway's copy is missing. */
export function metadataFallback(task: AgentTaskJob, startedAt: Date) {
  const source = task.source;
  return {
    source: source.provider === 'github' ? `${source.owner}/${source.repo}#${source.issue_number}` : source.provider,
    provider: task.provider,
    status: 'running' as const,
    command: task.command,
    repository: task.repository ? `${task.repository.owner}/${task.repository.name}` : null,
    created_at: task.received_at,
    started_at: startedAt.toISOString(),
  };
}
