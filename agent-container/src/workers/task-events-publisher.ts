import { type AgentTaskJob, QUEUE_TASK_EVENTS, type TaskEvent, TaskEventSchema } from '@swe-ai-fleet/contracts';
import type { Queue } from 'bullmq';
import type { z } from 'zod';

export type TaskEventFields = Omit<z.input<typeof TaskEventSchema>, 'event_id' | 'timestamp' | keyof ReturnType<typeof taskFacts>>;

/** The facts of a task every event repeats, so that a replayed or reordered event changes nothing. */
export function taskFacts(task: AgentTaskJob) {
  return {
    task_id: task.task_id,
    provider: task.provider,
    command: task.command,
    conversation_key: task.conversation_key,
    repository: task.repository,
    author: task.author,
    text: task.text,
    received_at: task.received_at,
  };
}

/** Publishes task events on `task-events` (dashboard-api keeps its read model from them). */
export class TaskEventsPublisher {
  constructor(
    private readonly queue: Queue,
    private readonly now: () => Date = () => new Date(),
  ) {}

  static queueName = QUEUE_TASK_EVENTS;

  /** `key` makes the event id (and BullMQ job id), so a retried publish adds nothing. */
  async publish(task: AgentTaskJob, key: string, fields: TaskEventFields): Promise<TaskEvent> {
    const event = TaskEventSchema.parse({
      ...taskFacts(task),
      ...fields,
      event_id: `${task.task_id}-${key}`,
      timestamp: this.now().toISOString(),
    });
    await this.queue.add(event.type, event, { jobId: event.event_id });
    return event;
  }
}
