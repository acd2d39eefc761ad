import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { CappedOutput } from '../../cli/tools/capped-output.js';
import { killProcessGroup } from '../../cli/tools/command-processes.js';
import { newRunId, RUN_MARKER, sweepLater, sweepMarked } from './process-sweep.js';
import { chownTree, type RunAs, serviceOwner, unreachableReason } from './run-as.js';

/** Why the runner stopped an agent process before it exited by itself. */
export type StopReason = 'timeout' | 'aborted' | 'output_limit';

export interface AgentProcessSpec {
  file: string;
  args: readonly string[];
  cwd: string;
  /** The whole environment of the process (plus the run marker): nothing is inherited from the service. */
  env: Record<string, string>;
  /** Written to stdin, which is then closed. */
  stdin: string;
  /**
   * Written to file descriptor 3, which is then closed: how a secret reaches a CLI that can read
   * it from a descriptor, so that it is in neither the environment nor the argument list.
   */
  secretFd3?: string;
  /** Run as this user; `ownedDirs` are handed to it for the run and back to the service after. */
  runAs?: RunAs;
  ownedDirs?: readonly string[];
  /** Wall time; the whole process group is killed after it. */
  timeoutMs: number;
  /** Bytes of stdout read before the process group is killed. */
  maxOutputBytes: number;
  /** Between SIGTERM to the group and SIGKILL. */
  killGraceMs: number;
  signal?: AbortSignal;
}

export interface AgentProcessExit {
  /** Why the runner stopped the process; null when it exited by itself. */
  stopReason: StopReason | null;
  exitCode: number | null;
  signal: string | null;
  /** The end of stderr, for the error of a CLI that exited without a result. */
  stderrTail: string;
  /** Set when the process never ran (missing executable, a user it cannot switch to). */
  startError: string | null;
}

const STDERR_BYTES = 8 * 1024;

/**
 * Runs agent CLIs the same way for every runner: each process leads its own process group, with
 * exactly the environment it is given, optionally as another user. Its stdout is read line by
 * line; on wall-time timeout, abort, or more output than allowed, the whole group (and every
 * process carrying the run's marker, see process-sweep.ts) gets SIGTERM and, after a grace,
 * SIGKILL. Whatever of the run is left when the process exits is killed too, so no command the
 * agent started outlives its run.
 */
export class AgentProcesses {
  /** Run id by process group of the runs in progress. */
  private readonly groups = new Map<number, string>();

  /** Kills every agent run in progress (shutdown after the grace period). */
  killAll(): void {
    for (const [pgid, runId] of this.groups) kill(pgid, runId, 'SIGKILL');
  }

  async run(spec: AgentProcessSpec, onLine: (line: string) => void): Promise<AgentProcessExit> {
    if (spec.runAs) {
      const reason = await unreachableReason(spec.cwd, spec.runAs);
      if (reason) return notStarted(reason);
      try {
        for (const dir of spec.ownedDirs ?? []) await chownTree(dir, spec.runAs);
      } catch (error) {
        return notStarted(`cannot hand the workspace to uid ${spec.runAs.uid}: ${(error as Error).message}`);
      }
    }
    try {
      return await this.spawn(spec, onLine);
    } finally {
      // The service (its git, its cleanup) works on the workspace again as its own user.
      if (spec.runAs) for (const dir of spec.ownedDirs ?? []) await chownTree(dir, serviceOwner());
    }
  }

  private async spawn(spec: AgentProcessSpec, onLine: (line: string) => void): Promise<AgentProcessExit> {
    const extraFds = spec.secretFd3 === undefined ? [] : [new TextEncoder().encode(spec.secretFd3)];
    const runId = newRunId();
    const child = execa(spec.file, spec.args, {
      input: spec.stdin,
      stdio: ['pipe', 'pipe', 'pipe', ...extraFds],
      env: { ...spec.env, [RUN_MARKER]: runId },
      extendEnv: false,
      cwd: spec.cwd,
      uid: spec.runAs?.uid,
      gid: spec.runAs?.gid,
      detached: true,
      buffer: false,
      reject: false,
      forceKillAfterDelay: false,
    });
    const pgid = child.pid;
    if (pgid === undefined) {
      const failed = await child;
      return notStarted(failed.message || 'no process id');
    }
    this.groups.set(pgid, runId);

    let stopReason: StopReason | null = null;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (reason: StopReason) => {
      if (stopReason) return;
      stopReason = reason;
      kill(pgid, runId, 'SIGTERM');
      killTimer = setTimeout(() => kill(pgid, runId, 'SIGKILL'), spec.killGraceMs);
    };
    const wallTimer = setTimeout(() => stop('timeout'), spec.timeoutMs);
    const onAbort = () => stop('aborted');
    if (spec.signal?.aborted) onAbort();
    spec.signal?.addEventListener('abort', onAbort, { once: true });

    // Leftovers that inherited stdout would keep it open, and the read below waiting, until the
    // wall time: when the CLI itself is gone, so is the rest of its run.
    child.nodeChildProcess.once('exit', () => kill(pgid, runId, 'SIGKILL'));
    const stderr = new CappedOutput(STDERR_BYTES);
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let bytes = 0;
    try {
      for await (const raw of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
        bytes += Buffer.byteLength(raw) + 1;
        if (bytes > spec.maxOutputBytes) {
          stop('output_limit');
          break;
        }
        if (raw.trim() !== '') onLine(raw);
      }
      const exit = await child;
      return {
        stopReason,
        exitCode: exit.exitCode ?? null,
        signal: exit.signal ?? null,
        stderrTail: stderr.toString().trim().split('\n').slice(-5).join('\n'),
        // execa's own failure (ENOENT, EACCES, EPERM on setuid) when the process never ran.
        startError: exit.failed && exit.exitCode === undefined && exit.signal === undefined ? (exit.message ?? 'the process did not start') : null,
      };
    } finally {
      clearTimeout(wallTimer);
      clearTimeout(killTimer);
      spec.signal?.removeEventListener('abort', onAbort);
      kill(pgid, runId, 'SIGKILL');
      sweepLater(runId);
      this.groups.delete(pgid);
    }
  }
}

/** The exit of a run that never started: the runner refused it, or the process could not be spawned. */
export function notStarted(startError: string): AgentProcessExit {
  return { stopReason: null, exitCode: null, signal: null, stderrTail: '', startError };
}

function kill(pgid: number, runId: string, signal: NodeJS.Signals): void {
  killProcessGroup(pgid, signal);
  sweepMarked(runId, signal);
}

/** The failure message of a run the runner stopped, the same for every runner. */
export function stopMessage(reason: StopReason, limits: { timeoutMs: number; maxOutputBytes: number }): string {
  switch (reason) {
    case 'timeout':
      return `the agent ran out of time (${limits.timeoutMs} ms) and was stopped`;
    case 'aborted':
      return 'the run was stopped before it finished';
    case 'output_limit':
      return `the agent printed more than ${limits.maxOutputBytes} bytes and was stopped`;
  }
}
