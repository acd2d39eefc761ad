import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { ToolName } from '../agent-request.js';
import { editFileTool } from './edit-file.js';
import { listFilesTool } from './list-files.js';
import { readFileTool } from './read-file.js';
import { runCommandTool } from './run-command.js';
import { searchFilesTool } from './search-files.js';
import type { Tool, ToolContext } from './tool.js';
import { writeFileTool } from './write-file.js';

const TOOLS: Record<ToolName, Tool> = {
  list_files: listFilesTool as Tool,
  read_file: readFileTool as Tool,
  search_files: searchFilesTool as Tool,
  write_file: writeFileTool as Tool,
  edit_file: editFileTool as Tool,
  run_command: runCommandTool as Tool,
};

export interface ToolOutcome {
  output: string;
  isError: boolean;
}

/** The tools one run may use: their specs for the model, and the dispatcher of its calls. */
export class ToolBox {
  private readonly tools: Tool[];

  constructor(
    names: readonly ToolName[],
    private readonly context: ToolContext,
  ) {
    this.tools = [...new Set(names)].map((name) => TOOLS[name]);
  }

  get names(): string[] {
    return this.tools.map((tool) => tool.name);
  }

  specs(): ChatCompletionFunctionTool[] {
    return this.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        description: tool.description,
        // `input`: arguments with defaults are optional for the model.
        parameters: z.toJSONSchema(tool.args, { io: 'input' }) as Record<string, unknown>,
      },
    }));
  }

  /** Runs one call; every failure becomes an error result the model can read and act on. */
  async call(name: string, rawArguments: string): Promise<ToolOutcome> {
    const tool = this.tools.find((candidate) => candidate.name === name);
    if (!tool) return { output: `unknown tool "${name}"; available: ${this.names.join(', ')}`, isError: true };
    let json: unknown;
    try {
      json = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
    } catch {
      return { output: `the arguments of ${name} are not valid JSON: ${rawArguments.slice(0, 200)}`, isError: true };
    }
    const args = tool.args.safeParse(json);
    if (!args.success) {
      return { output: `invalid arguments for ${name}: ${z.prettifyError(args.error)}`, isError: true };
    }
    try {
      return { output: await tool.run(args.data, this.context), isError: false };
    } catch (error) {
      return { output: error instanceof Error ? error.message : String(error), isError: true };
    }
  }
}

/** Parses the arguments string for logging; what the model sent verbatim when it is not JSON. */
export function parseToolInput(rawArguments: string): unknown {
  try {
    return rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
  } catch {
    return rawArguments;
  }
}
