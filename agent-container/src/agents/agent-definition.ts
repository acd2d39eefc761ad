import { z } from 'zod';
import { ToolNameSchema } from '../cli/agent-request.js';

/** An agent: what it is for, which runner and model run it, its tools and its instructions. */
export const AgentDefinitionSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'an agent name is lowercase kebab-case'),
  description: z.string().min(1),
  /** Runner name (`vllm`); a command option `runner=...` overrides it. */
  runner: z.string().min(1).default('vllm'),
  /** Model name; unset means the runner's configured model. */
  model: z.string().min(1).optional(),
  tools: z.array(ToolNameSchema).default(['list_files', 'read_file', 'run_command']),
  /** Commands (`ask`, `review`, ...) this agent answers; `default` answers the rest. */
  commands: z.array(z.string().min(1)).default([]),
  /** The agent's own instructions, placed before the platform's safety rules in the system prompt. */
  prompt: z.string().min(1),
});
export type AgentDefinition = z.infer<typeof AgentDefinitionSchema>;
