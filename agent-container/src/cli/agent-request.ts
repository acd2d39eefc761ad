import { z } from 'zod';

export const TOOL_NAMES = ['list_files', 'read_file', 'search_files', 'write_file', 'edit_file', 'run_command'] as const;
export const ToolNameSchema = z.enum(TOOL_NAMES);
export type ToolName = z.infer<typeof ToolNameSchema>;

/**
 * The one JSON document the agent CLI reads on stdin. The model API key travels here rather
 * than in the environment, so the commands the agent runs never see it.
 */
export const AgentRequestSchema = z.object({
  prompt: z.string().min(1),
  system_prompt: z.string().min(1),
  /** Served model name; absent means the first model the server lists. */
  model: z.string().min(1).optional(),
  base_url: z.url(),
  api_key: z.string().min(1).optional(),
  /** Every file tool is confined to this directory, and commands run in it. */
  workdir: z.string().min(1),
  tools: z.array(ToolNameSchema).default([...TOOL_NAMES]),
  limits: z
    .object({
      max_steps: z.number().int().positive().default(30),
      command_timeout_ms: z.number().int().positive().default(120_000),
      /** Bytes of one tool result returned to the model; head and tail are kept. */
      tool_output_bytes: z.number().int().min(256).default(32 * 1024),
      /** Retries of one model request by the openai client. */
      max_retries: z.number().int().min(0).max(10).default(2),
      request_timeout_ms: z.number().int().positive().default(10 * 60_000),
      /** Input plus output tokens over all turns; the run stops once it has used more. */
      max_tokens: z.number().int().positive().optional(),
      /** USD over all turns at `prices`; the run stops once it has spent more. */
      max_cost_usd: z.number().positive().optional(),
      /** The same tool call (name and arguments) this many times in a row stops the run. */
      max_repeated_calls: z.number().int().min(2).default(4),
    })
    .prefault({}),
  /** USD per million tokens, for the cost limit. */
  prices: z
    .object({ input_per_mtok: z.number().nonnegative().default(0), output_per_mtok: z.number().nonnegative().default(0) })
    .prefault({}),
});
export type AgentRequest = z.infer<typeof AgentRequestSchema>;
export type AgentRequestInput = z.input<typeof AgentRequestSchema>;
