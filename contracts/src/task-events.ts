import { z } from 'zod';
import { ProviderSchema, TaskIdSchema, TaskStatusSchema, TimestampSchema } from './ids.js';
import { AuthorSchema, RepositoryRefSchema } from './task-source.js';

export const TaskUsageSchema = z.object({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  cost_usd: z.number().nonnegative(),
});
export type TaskUsage = z.infer<typeof TaskUsageSchema>;

/**
 * A job on `task-events`. `dashboard-api` upserts its read model from these; every event
 * carries the whole known state so that a replayed or reordered event changes nothing.
 */
export const TaskEventSchema = z.object({
  event_id: z.string().min(1),
  type: z.enum(['task_created', 'task_started', 'task_progress', 'task_completed', 'task_failed']),
  task_id: TaskIdSchema,
  timestamp: TimestampSchema,
  status: TaskStatusSchema,
  provider: ProviderSchema,
  command: z.string(),
  conversation_key: z.string(),
  repository: RepositoryRefSchema.nullable(),
  author: AuthorSchema,
  text: z.string(),
  agent: z.string().optional(),
  runner: z.string().optional(),
  model: z.string().optional(),
  received_at: TimestampSchema,
  started_at: TimestampSchema.optional(),
  finished_at: TimestampSchema.optional(),
  usage: TaskUsageSchema.optional(),
  result: z.string().optional(),
  error: z.string().optional(),
  /** Links the platform wrote in the thread: the answer, a draft pull request. */
  links: z.array(z.object({ kind: z.string(), url: z.string() })).default([]),
  /**
   * W3C trace context of the span that published the event (the task's trace), so that the
   * consumer's span joins it. Optional: events from before tracing carry none.
   */
  traceparent: z.string().optional(),
});
export type TaskEvent = z.infer<typeof TaskEventSchema>;
