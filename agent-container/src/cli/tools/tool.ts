import type { z } from 'zod';
import type { CommandProcesses } from './command-processes.js';

export interface ToolContext {
  workdir: string;
  commandTimeoutMs: number;
  /** Bytes of one result returned to the model. */
  outputBytes: number;
  /** The environment commands run with (already an allowlist). */
  env: Record<string, string>;
  processes: CommandProcesses;
}

/** A tool the model can call: its arguments are a zod schema, sent to the model as JSON Schema. */
export interface Tool<Args extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  args: Args;
  run(args: z.infer<Args>, context: ToolContext): Promise<string>;
}

/** An expected failure whose message is shown to the model, which can correct itself. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}
