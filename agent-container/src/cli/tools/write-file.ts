import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { confinePath } from './confine-path.js';
import { type Tool, ToolError } from './tool.js';
import { refuseGitInternals } from './git-internals.js';

const WriteFileArgs = z.object({
  path: z.string().min(1).describe('File path relative to the workspace root; missing directories are created'),
  content: z.string().describe('The whole new content of the file'),
});

export const writeFileTool: Tool<typeof WriteFileArgs> = {
  name: 'write_file',
  description: 'Create a file, or replace the whole content of an existing one. To change part of a file, prefer edit_file.',
  args: WriteFileArgs,
  async run(args, context) {
    const file = await confinePath(context.workdir, args.path);
    refuseGitInternals(context.workdir, file, args.path);
    const existing = await stat(file).catch(() => null);
    if (existing?.isDirectory()) throw new ToolError(`"${args.path}" is a directory`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, args.content);
    const bytes = Buffer.byteLength(args.content);
    return `${existing ? 'replaced' : 'created'} ${args.path} (${bytes} bytes)`;
  },
};
