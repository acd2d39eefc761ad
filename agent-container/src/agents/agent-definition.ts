import { z } from 'zod';
import { ToolNameSchema } from '../cli/agent-request.js';

/** Per-agent limits; each one unset falls back to the worker's configured default. */
export const AgentLimitsSchema = z
  .object({
    /** Model turns per run. */
    max_steps: z.number().int().positive().optional(),
    /** Wall time of a run. */
    timeout_ms: z.number().int().positive().optional(),
    /** Input plus output tokens per run. */
    max_tokens: z.number().int().positive().optional(),
    /** USD per run, at the configured token prices. */
    max_cost_usd: z.number().positive().optional(),
  })
  .strict();

/**
 * An agent: what it is for, which runner and model run it, its tools, its limits and its instructions.
 * `limits` and `opens_pull_request` stay optional in the type (absent means the worker's defaults,
 * and no pull request), so code that builds a definition by hand needs neither.
 */
export const AgentDefinitionSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'an agent name is lowercase kebab-case'),
    description: z.string().min(1),
    /** Runner name (`vllm`, or a third-party CLI's); a command option `--runner=...` overrides it. */
    runner: z.string().min(1).default('vllm'),
    /** Model name; unset means the runner's configured model. */
    model: z.string().min(1).optional(),
    tools: z.array(ToolNameSchema).min(1).default(['list_files', 'read_file', 'search_files', 'run_command']),
    /** Commands (`ask`, `review`, ...) this agent answers. */
    commands: z.array(z.string().min(1)).default([]),
    limits: AgentLimitsSchema.optional(),
    /** Whether changes it leaves in the workspace are committed on `agent/<task id>`, pushed, and opened as a draft PR. */
    opens_pull_request: z.boolean().optional(),
    /** The agent's own instructions, placed before the platform's rules in the system prompt. */
    prompt: z.string().min(1),
  })
  .strict();
export type AgentDefinition = z.infer<typeof AgentDefinitionSchema>;
