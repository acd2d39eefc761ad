import { readFile, stat, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { confinePath } from './confine-path.js';
import { refuseGitInternals } from './git-internals.js';
import { type Tool, ToolError } from './tool.js';

const EditFileArgs = z.object({
  path: z.string().min(1).describe('File path relative to the workspace root'),
  old_string: z.string().min(1).describe('The exact text to replace, including indentation; it must occur exactly once unless replace_all is true'),
  new_string: z.string().describe('The text to put in its place'),
  replace_all: z.boolean().default(false).describe('Replace every occurrence instead of exactly one'),
});

function occurrences(text: string, search: string): number {
  let count = 0;
  for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, at + search.length)) count++;
  return count;
}

/** A search/replace edit: unambiguous by construction, so the model must quote what it changes. */
export const editFileTool: Tool<typeof EditFileArgs> = {
  name: 'edit_file',
  description:
    'Replace text in a file: old_string must match the file exactly (whitespace included) and occur once, ' +
    'or set replace_all. Read the file first. To create a file, use write_file.',
  args: EditFileArgs,
  async run(args, context) {
    const file = await confinePath(context.workdir, args.path);
    refuseGitInternals(context.workdir, file, args.path);
    const info = await stat(file).catch(() => null);
    if (!info) throw new ToolError(`no such file: ${args.path} (use write_file to create it)`);
    if (!info.isFile()) throw new ToolError(`not a file: ${args.path}`);
    if (args.old_string === args.new_string) throw new ToolError('old_string and new_string are the same; nothing would change');
    const text = await readFile(file, 'utf8');
    const count = occurrences(text, args.old_string);
    if (count === 0) throw new ToolError(`old_string was not found in ${args.path}; read the file and quote it exactly`);
    if (count > 1 && !args.replace_all) {
      throw new ToolError(`old_string occurs ${count} times in ${args.path}; add surrounding lines to make it unique, or set replace_all`);
    }
    // split/join, not String.replace: `$&` and friends in new_string stay literal.
    const updated = args.replace_all ? text.split(args.old_string).join(args.new_string) : text.replace(args.old_string, () => args.new_string);
    await writeFile(file, updated);
    return `edited ${args.path}: ${args.replace_all ? count : 1} replacement${(args.replace_all ? count : 1) === 1 ? '' : 's'}`;
  },
};
