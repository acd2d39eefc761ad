import { z } from 'zod';

/**
 * The agent CLI's stdout protocol: one JSON object per line. The CLI writes only these shapes,
 * and the vllm runner validates every line it reads against them.
 */

/** Why a run failed, so the worker can tell a retry worth making from one that is not. */
export const CliErrorKindSchema = z.enum([
  /** The model server could not be reached, or answered 408/409/429/5xx after the CLI's retries. */
  'model_unavailable',
  /** The model server refused the request (400, 401, 403, 404, 422): retrying cannot help. */
  'model_rejected',
  /** The model kept calling tools until the step limit. */
  'step_limit',
  /** The run used more tokens than its limit. */
  'token_limit',
  /** The run cost more than its limit. */
  'cost_limit',
  /** The model made the same tool call over and over. */
  'repeated_tool_call',
  /** The request on stdin did not parse. */
  'invalid_request',
  /** The CLI received a termination signal. */
  'terminated',
  'internal',
]);
export type CliErrorKind = z.infer<typeof CliErrorKindSchema>;

export const TaskStartedLineSchema = z.object({
  type: z.literal('task_started'),
  model: z.string(),
  workdir: z.string(),
  tools: z.array(z.string()),
});

export const ThinkingLineSchema = z.object({ type: z.literal('thinking'), content: z.string() });

export const ToolCallLineSchema = z.object({
  type: z.literal('tool_call'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});

export const ToolResultLineSchema = z.object({
  type: z.literal('tool_result'),
  id: z.string(),
  name: z.string(),
  output: z.string(),
  is_error: z.boolean(),
  duration_ms: z.number().nonnegative(),
});

export const MessageLineSchema = z.object({ type: z.literal('message'), content: z.string() });

export const ErrorLineSchema = z.object({
  type: z.literal('error'),
  message: z.string(),
  kind: CliErrorKindSchema,
});

/** Tokens of one model turn, as the server reported them in its final usage chunk. */
export const UsageLineSchema = z.object({
  type: z.literal('usage'),
  step: z.number().int().positive(),
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  /** The server's finish reason of the turn's choice (`stop`, `tool_calls`, `length`). */
  finish_reason: z.string().nullable().optional(),
  /** Wall time of the model request, streaming included. */
  duration_ms: z.number().nonnegative().optional(),
});

/** The last line of every run: totals over all turns. */
export const ResultLineSchema = z.object({
  type: z.literal('result'),
  success: z.boolean(),
  output: z.string(),
  error: z.string().nullable(),
  error_kind: CliErrorKindSchema.nullable(),
  model: z.string().nullable(),
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  steps: z.number().int().nonnegative(),
});

export const CliLineSchema = z.discriminatedUnion('type', [
  TaskStartedLineSchema,
  ThinkingLineSchema,
  ToolCallLineSchema,
  ToolResultLineSchema,
  MessageLineSchema,
  ErrorLineSchema,
  UsageLineSchema,
  ResultLineSchema,
]);
export type CliLine = z.infer<typeof CliLineSchema>;
export type ResultLine = z.infer<typeof ResultLineSchema>;
