import { z } from 'zod';
import { ProviderSchema, TaskIdSchema, TaskStatusSchema, TimestampSchema } from './ids.js';
import { TaskUsageSchema } from './task-events.js';

/** File names inside `TASK_LOGS_DIR/<task id>/`, fixed by ARCHITECTURE.md. */
export const TASK_LOG_FILES = {
  metadata: 'metadata.json',
  input: '01-input.json',
  webhookFlow: '02-webhook-flow.jsonl',
  queueFlow: '03-queue-flow.jsonl',
  agentOutput: '04-agent-output.jsonl',
  microservicesFlow: '05-microservices-flow.jsonl',
  finalResult: '06-final-result.json',
} as const;
export type TaskLogPart = keyof typeof TASK_LOG_FILES;

const recordBase = {
  timestamp: TimestampSchema,
  task_id: TaskIdSchema,
};

export const TaskMetadataSchema = z.object({
  ...recordBase,
  source: z.string(),
  provider: ProviderSchema,
  status: TaskStatusSchema,
  command: z.string(),
  agent: z.string().optional(),
  runner: z.string().optional(),
  model: z.string().optional(),
  repository: z.string().nullable(),
  created_at: TimestampSchema,
  started_at: TimestampSchema.optional(),
  finished_at: TimestampSchema.optional(),
});
export type TaskMetadata = z.infer<typeof TaskMetadataSchema>;

export const TaskInputSchema = z.object({
  ...recordBase,
  provider: ProviderSchema,
  delivery_id: z.string(),
  event: z.string(),
  message: z.string(),
  command: z.string(),
  options: z.record(z.string(), z.string()),
  author: z.object({ id: z.string(), login: z.string(), association: z.string().optional() }),
  repository: z.string().nullable(),
  /** Provider-specific metadata about where the message came from (never the raw secret-bearing headers). */
  source: z.record(z.string(), z.unknown()),
});
export type TaskInput = z.infer<typeof TaskInputSchema>;

export const WEBHOOK_STAGES = [
  'received',
  'validation',
  'parsing',
  'command_matching',
  'authorization',
  'task_created',
  'queue_push',
] as const;
export const WebhookFlowRecordSchema = z.object({
  ...recordBase,
  stage: z.enum(WEBHOOK_STAGES),
  status: z.enum(['ok', 'failed', 'skipped']),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type WebhookFlowRecord = z.infer<typeof WebhookFlowRecordSchema>;

export const QueueFlowRecordSchema = z.object({
  ...recordBase,
  stage: z.enum(['queued', 'dequeued', 'worker_assigned', 'retry', 'requeued', 'completed', 'failed']),
  queue: z.string(),
  attempt: z.number().int().nonnegative().optional(),
  worker: z.string().optional(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type QueueFlowRecord = z.infer<typeof QueueFlowRecordSchema>;

export const AgentOutputRecordSchema = z.object({
  ...recordBase,
  type: z.enum(['task_started', 'thinking', 'tool_call', 'tool_result', 'message', 'error', 'usage']),
  content: z.string().optional(),
  tool: z.string().optional(),
  tool_call_id: z.string().optional(),
  input: z.unknown().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AgentOutputRecord = z.infer<typeof AgentOutputRecordSchema>;

export const MicroserviceFlowRecordSchema = z.object({
  ...recordBase,
  type: z.enum(['service_call', 'service_request', 'service_response', 'service_error']),
  service: z.string(),
  operation: z.string(),
  method: z.string().optional(),
  path: z.string().optional(),
  status_code: z.number().int().optional(),
  duration_ms: z.number().nonnegative().optional(),
  error: z.string().optional(),
});
export type MicroserviceFlowRecord = z.infer<typeof MicroserviceFlowRecordSchema>;

export const FinalResultSchema = z.object({
  ...recordBase,
  success: z.boolean(),
  result: z.string().nullable(),
  error: z.string().nullable(),
  runner: z.string(),
  model: z.string(),
  metrics: TaskUsageSchema.extend({
    duration_ms: z.number().nonnegative(),
    steps: z.number().int().nonnegative().optional(),
  }),
  links: z.array(z.object({ kind: z.string(), url: z.string() })).default([]),
});
export type FinalResult = z.infer<typeof FinalResultSchema>;
