import path from 'node:path';
import { z } from 'zod';
import { capText } from './capped-output.js';
import { confinePath } from './confine-path.js';
import { runConfinedProcess } from './run-command.js';
import { type Tool, ToolError } from './tool.js';

const MAX_LINE_CHARS = 300;
const MAX_MATCHES = 200;

const SearchFilesArgs = z.object({
  pattern: z.string().min(1).describe('Text to look for; a POSIX extended regular expression when regex is true'),
  path: z.string().default('.').describe('Directory (or file) to search, relative to the workspace root'),
  regex: z.boolean().default(false).describe('Treat pattern as an extended regular expression instead of literal text'),
  case_sensitive: z.boolean().default(true),
  glob: z.string().optional().describe('Only files whose name matches this glob, e.g. "*.ts"'),
});

/**
 * Searches file contents with grep, not a JavaScript RegExp: grep's matcher cannot backtrack
 * catastrophically on a pattern the model made up, and it runs under the command time limit.
 */
export const searchFilesTool: Tool<typeof SearchFilesArgs> = {
  name: 'search_files',
  description:
    'Search the contents of the files under a directory (skipping .git, node_modules and binary files). ' +
    `Returns "path:line: text" for at most ${MAX_MATCHES} matching lines.`,
  args: SearchFilesArgs,
  async run(args, context) {
    const target = await confinePath(context.workdir, args.path);
    const relative = path.relative(context.workdir, target) || '.';
    const flags = ['-r', '-n', '-I', '-s', '--exclude-dir=.git', '--exclude-dir=node_modules', args.regex ? '-E' : '-F'];
    if (!args.case_sensitive) flags.push('-i');
    if (args.glob) flags.push(`--include=${args.glob}`);
    const outcome = await runConfinedProcess('grep', [...flags, '-e', args.pattern, '--', relative], context);
    if (outcome.timedOut) throw new ToolError(`the search took longer than ${context.commandTimeoutMs} ms and was stopped`);
    if (outcome.exitCode === 1) return 'no matches';
    if (outcome.exitCode !== 0) throw new ToolError(`the search failed: ${outcome.output.trim().slice(0, 500) || `exit code ${outcome.exitCode ?? 'unknown'}`}`);
    const lines = outcome.output.split('\n').filter((line) => line !== '');
    const shown = lines.slice(0, MAX_MATCHES).map((line) => {
      const cut = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)} …` : line;
      return cut.replace(/^\.\//, '');
    });
    const more = lines.length > MAX_MATCHES ? `\n[${lines.length - MAX_MATCHES} more matching lines not shown; narrow the search]` : '';
    return capText(shown.join('\n') + more, context.outputBytes);
  },
};
