import { spawn } from 'node:child_process';
import { z } from 'zod';
import { CappedOutput } from './capped-output.js';
import { killProcessGroup } from './command-processes.js';
import type { Tool, ToolContext } from './tool.js';

const RunCommandArgs = z.object({
  command: z.string().min(1).describe('A shell command, run with /bin/sh -c in the workspace root'),
});

export interface CommandOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  output: string;
}

/**
 * Runs one shell command in the workspace, leader of its own process group, with a time limit
 * after which the whole group is killed. Background processes do not outlive their command:
 * the group is killed when the shell exits, too.
 */
export function runShellCommand(command: string, context: ToolContext): Promise<CommandOutcome> {
  return runConfinedProcess('/bin/sh', ['-c', command], context);
}

/** Runs `file` with `args` (no shell) in the workspace the same way: own group, time limit, capped output. */
export function runConfinedProcess(file: string, args: string[], context: ToolContext): Promise<CommandOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: context.workdir,
      env: context.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pgid = child.pid;
    if (pgid === undefined) {
      child.once('error', reject);
      return;
    }
    context.processes.add(pgid);
    const output = new CappedOutput(context.outputBytes);
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killProcessGroup(pgid);
    }, context.commandTimeoutMs);
    let exit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      // Stragglers left in the background would hold the pipes open and outlive the command.
      killProcessGroup(pgid);
    });
    child.once('close', () => {
      clearTimeout(timer);
      context.processes.delete(pgid);
      resolve({ exitCode: exit.code, signal: exit.signal, timedOut, output: output.toString() });
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      context.processes.delete(pgid);
      reject(error);
    });
  });
}

export const runCommandTool: Tool<typeof RunCommandArgs> = {
  name: 'run_command',
  description:
    'Run a shell command in the workspace root and return its exit status and combined stdout/stderr ' +
    '(long output keeps its beginning and end). Commands have a time limit and no network credentials.',
  args: RunCommandArgs,
  async run(args, context) {
    const outcome = await runShellCommand(args.command, context);
    const status = outcome.timedOut
      ? `timed out after ${context.commandTimeoutMs} ms (process group killed)`
      : outcome.signal
        ? `killed by ${outcome.signal}`
        : `exit code ${outcome.exitCode ?? 'unknown'}`;
    return `${status}\n${outcome.output}`;
  },
};
