import type { TaskMetadata } from '@swe-ai-fleet/contracts';
import { statusRank } from '../read-model/status-rank.js';
import type { Task } from '../read-model/task-view.js';
import type { TaskLog } from './task-log.js';

/**
 * A task as its log describes it, for when the read model has not caught up yet (the event is
 * still queued) or missed it. metadata.json is required; input and final result add the
 * request text, the author and the outcome when they exist.
 */
export function taskFromLog(log: Pick<TaskLog, 'input' | 'final_result'> & { metadata: TaskMetadata }): Task {
  const { metadata, input, final_result: final } = log;
  const finishedAt = metadata.finished_at ?? null;
  const startedAt = metadata.started_at ?? null;
  return {
    id: metadata.task_id,
    status: metadata.status,
    provider: metadata.provider,
    command: metadata.command,
    repository: metadata.repository,
    author: input?.author ?? { id: '', login: 'unknown' },
    text: input?.message ?? '',
    agent: metadata.agent ?? null,
    runner: metadata.runner ?? final?.runner ?? null,
    model: metadata.model ?? final?.model ?? null,
    conversation_key: null,
    received_at: metadata.created_at,
    started_at: startedAt,
    finished_at: finishedAt,
    duration_ms: final ? Math.round(final.metrics.duration_ms) : (startedAt && finishedAt ? Date.parse(finishedAt) - Date.parse(startedAt) : null),
    queue_wait_ms: startedAt ? Date.parse(startedAt) - Date.parse(metadata.created_at) : null,
    input_tokens: final?.metrics.input_tokens ?? null,
    output_tokens: final?.metrics.output_tokens ?? null,
    cost_usd: final?.metrics.cost_usd ?? null,
    result: final?.result ?? null,
    error: final?.error ?? null,
    links: final?.links ?? [],
    updated_at: metadata.timestamp,
  };
}

/**
 * The task as far as anyone knows: the read model, unless the log has already gone further
 * (its events are still queued). A state never goes back, so the higher rank wins.
 */
export function freshestTask(stored: Task | null, fromLog: Task | null): Task | null {
  if (!stored || !fromLog) return stored ?? fromLog;
  if (statusRank(fromLog.status) <= statusRank(stored.status)) return stored;
  return { ...fromLog, text: stored.text, author: stored.author, conversation_key: stored.conversation_key, received_at: stored.received_at };
}
