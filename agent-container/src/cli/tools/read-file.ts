import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { capText } from './capped-output.js';
import { confinePath } from './confine-path.js';
import { type Tool, ToolError } from './tool.js';

const ReadFileArgs = z.object({
  path: z.string().min(1).describe('File path relative to the workspace root'),
  start_line: z.number().int().positive().optional().describe('First line to return (1-based)'),
  max_lines: z.number().int().positive().optional().describe('Number of lines to return'),
});

export const readFileTool: Tool<typeof ReadFileArgs> = {
  name: 'read_file',
  description: 'Read a text file of the workspace, optionally a range of its lines.',
  args: ReadFileArgs,
  async run(args, context) {
    const file = await confinePath(context.workdir, args.path);
    const info = await stat(file).catch(() => null);
    if (!info) throw new ToolError(`no such file: ${args.path}`);
    if (!info.isFile()) throw new ToolError(`not a file: ${args.path}`);
    const content = await readFile(file);
    if (content.subarray(0, 8000).includes(0)) throw new ToolError(`binary file (${info.size} bytes): ${args.path}`);
    let text = content.toString('utf8');
    if (args.start_line !== undefined || args.max_lines !== undefined) {
      const lines = text.split('\n');
      const start = (args.start_line ?? 1) - 1;
      text = lines.slice(start, args.max_lines === undefined ? undefined : start + args.max_lines).join('\n');
    }
    return capText(text, context.outputBytes);
  },
};
