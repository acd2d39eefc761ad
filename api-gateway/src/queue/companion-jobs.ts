import type { AgentTaskJob, NotificationJob, TaskEvent } from '@swe-ai-fleet/contracts';

/** The acknowledgement (👀 and a status message) that goes out before the agent starts. */
export function acknowledgementFor(job: AgentTaskJob): NotificationJob {
  return {
    task_id: job.task_id,
    kind: 'acknowledge',
    provider: job.provider,
    command: job.command,
    source: job.source,
    ...(job.traceparent ? { traceparent: job.traceparent } : {}),
  };
}

/** The first event of a task on `task-events`, from which the dashboard creates its row. */
export function taskCreatedEvent(job: AgentTaskJob, at: Date): TaskEvent {
  return {
    event_id: `${job.task_id}:created`,
    type: 'task_created',
    task_id: job.task_id,
    timestamp: at.toISOString(),
    status: 'queued',
    provider: job.provider,
    command: job.command,
    conversation_key: job.conversation_key,
    repository: job.repository,
    author: job.author,
    text: job.text,
    received_at: job.received_at,
    links: [],
  };
}
