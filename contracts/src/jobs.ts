import { z } from 'zod';
import { ProviderSchema, TaskIdSchema, TimestampSchema } from './ids.js';
import { AuthorSchema, RepositoryRefSchema, TaskSourceSchema } from './task-source.js';

/**
 * Payload of a job on `agent-tasks` (jobId = task_id). It never carries a secret: the worker
 * fetches what it needs through the provider services.
 */
export const AgentTaskJobSchema = z.object({
  task_id: TaskIdSchema,
  provider: ProviderSchema,
  delivery_id: z.string(),
  /** A command word defined in the gateway's database (`ask`, `review`, `fix`, ...). */
  command: z.string().min(1),
  /** `--key=value` options given after the command, for example `runner=claude`. */
  options: z.record(z.string(), z.string()).default({}),
  /** The cleaned request text: user data, never instructions to the platform. */
  text: z.string(),
  author: AuthorSchema,
  repository: RepositoryRefSchema.nullable(),
  source: TaskSourceSchema,
  /** Tasks with the same key belong to one conversation and run in order. */
  conversation_key: z.string().min(1),
  received_at: TimestampSchema,
  /** W3C trace context of the webhook request. */
  traceparent: z.string().optional(),
  /**
   * Set on a `help` task (a bare mention, or an unknown or disabled command): the list of
   * commands rendered from the gateway's table, in Markdown. Post it as the answer, without a
   * model call.
   */
  help_text: z.string().optional(),
});
export type AgentTaskJob = z.infer<typeof AgentTaskJobSchema>;

/** Payload of a job on `notifications`: the fast acknowledgement (👀 and a status message). */
export const NotificationJobSchema = z.object({
  task_id: TaskIdSchema,
  kind: z.enum(['acknowledge']),
  provider: ProviderSchema,
  command: z.string(),
  source: TaskSourceSchema,
  traceparent: z.string().optional(),
});
export type NotificationJob = z.infer<typeof NotificationJobSchema>;
