import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { capText } from './capped-output.js';
import { confinePath } from './confine-path.js';
import { type Tool, ToolError } from './tool.js';

const MAX_ENTRIES = 1000;
/** Listed, never descended into: they are large and rarely what the question is about. */
const NOT_DESCENDED = new Set(['.git', 'node_modules']);

const ListFilesArgs = z.object({
  path: z.string().default('.').describe('Directory relative to the workspace root'),
  recursive: z.boolean().default(false).describe('List subdirectories too (skips .git and node_modules)'),
});

export const listFilesTool: Tool<typeof ListFilesArgs> = {
  name: 'list_files',
  description: 'List the files and directories under a directory of the workspace. Directories end with "/".',
  args: ListFilesArgs,
  async run(args, context) {
    const root = await confinePath(context.workdir, args.path);
    const entries: string[] = [];
    const walk = async (directory: string): Promise<void> => {
      let children;
      try {
        children = await readdir(directory, { withFileTypes: true });
      } catch (error) {
        throw new ToolError(`cannot list "${args.path}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      children.sort((a, b) => a.name.localeCompare(b.name));
      for (const child of children) {
        if (entries.length >= MAX_ENTRIES) return;
        const relative = path.relative(root, path.join(directory, child.name));
        entries.push(child.isDirectory() ? `${relative}/` : relative);
        if (args.recursive && child.isDirectory() && !NOT_DESCENDED.has(child.name)) {
          await walk(path.join(directory, child.name));
        }
      }
    };
    await walk(root);
    if (entries.length === 0) return '(empty directory)';
    const listing = entries.join('\n');
    const more = entries.length >= MAX_ENTRIES ? `\n[stopped after ${MAX_ENTRIES} entries]` : '';
    return capText(listing + more, context.outputBytes);
  },
};
