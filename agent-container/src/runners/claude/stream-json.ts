import { z } from 'zod';

/**
 * The lines of Claude Code's `--output-format stream-json --verbose` (one JSON object a line,
 * the Agent SDK's message types: code.claude.com/docs/en/headless, "Streaming JSON output"),
 * which qwen-code's `--output-format stream-json` reproduces. Only the fields the runners read
 * are declared; every object is loose, so new fields in a later CLI version do not break a run.
 * Checked against the output of claude 2.1.329 and qwen-code 0.24.4 (test/fixtures/).
 */

const count = z.number().int().nonnegative();

/** Anthropic usage; cache fields are null or absent when the server has no prompt cache. */
export const StreamUsageSchema = z.looseObject({
  input_tokens: count.default(0),
  output_tokens: count.default(0),
  cache_creation_input_tokens: count.nullish(),
  cache_read_input_tokens: count.nullish(),
});
export type StreamUsage = z.infer<typeof StreamUsageSchema>;

export const TextBlockSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
export const ThinkingBlockSchema = z.looseObject({ type: z.literal('thinking'), thinking: z.string() });
export const ToolUseBlockSchema = z.looseObject({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() });
/** `content` is a string, or blocks (text, image) as the Messages API allows. */
export const ToolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() }))]).optional(),
  is_error: z.boolean().nullish(),
});
/** Blocks of other types (images, redacted thinking, server tools) are kept but not read. */
const AnyBlockSchema = z.looseObject({ type: z.string() });

export const SystemLineSchema = z.looseObject({
  type: z.literal('system'),
  subtype: z.string(),
  model: z.string().optional(),
});

export const AssistantLineSchema = z.looseObject({
  type: z.literal('assistant'),
  message: z.looseObject({
    id: z.string().optional(),
    model: z.string().optional(),
    content: z.array(AnyBlockSchema),
    usage: StreamUsageSchema.nullish(),
  }),
  /** Set (with `is_api_error_message`) on the synthetic message Claude Code writes for an API error. */
  error: z.string().optional(),
  is_api_error_message: z.boolean().optional(),
});

export const UserLineSchema = z.looseObject({
  type: z.literal('user'),
  message: z.looseObject({ content: z.union([z.string(), z.array(AnyBlockSchema)]) }),
});

/** Per-model usage in Claude Code's result; `costBasis` is `unknown` for a model it has no price for. */
const ModelUsageSchema = z.looseObject({ costUSD: z.number().optional(), costBasis: z.string().optional() });

/** The last line of a run. */
export const ResultLineSchema = z.looseObject({
  type: z.literal('result'),
  /** `success`, `error_max_turns`, `error_during_execution`, `error_max_budget_usd`, ... */
  subtype: z.string(),
  is_error: z.boolean(),
  result: z.string().optional(),
  num_turns: count.optional(),
  total_cost_usd: z.number().nonnegative().optional(),
  usage: StreamUsageSchema.optional(),
  modelUsage: z.record(z.string(), ModelUsageSchema).optional(),
  /** Claude Code: why an `error_*` subtype ended the run. */
  errors: z.array(z.string()).optional(),
  /** Claude Code: the HTTP status of the API error that ended the run (null when none came). */
  api_error_status: z.number().int().nullish(),
  /** Claude Code: `connection_failed` when the endpoint could not be reached. */
  api_error: z.string().nullish(),
  /** qwen-code: the cause of an `error_during_execution`. */
  error: z.looseObject({ message: z.string() }).optional(),
});
export type ResultLine = z.infer<typeof ResultLineSchema>;

export const StreamLineSchema = z.discriminatedUnion('type', [SystemLineSchema, AssistantLineSchema, UserLineSchema, ResultLineSchema]);
export type StreamLine = z.infer<typeof StreamLineSchema>;
export const STREAM_LINE_TYPES: ReadonlySet<string> = new Set(['system', 'assistant', 'user', 'result']);
