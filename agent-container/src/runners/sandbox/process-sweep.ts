import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The variable that marks every process of one run. Agent CLIs start their commands in process
 * groups (and sessions) of their own, so killing the CLI's group misses them, and once the CLI
 * is gone they are orphans no parent link leads to. They all inherit the environment, though:
 * a process whose initial environment holds the run's marker belongs to the run. Not a secret.
 */
export const RUN_MARKER = 'SWE_AGENT_RUN_ID';

export function newRunId(): string {
  return randomBytes(12).toString('hex');
}

/** Pids whose environment at exec held `RUN_MARKER=<runId>` (Linux /proc; none elsewhere). */
export function markedProcesses(runId: string): number[] {
  const entry = `${RUN_MARKER}=${runId}`;
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    let environ: string;
    try {
      // Readable for processes of this user (or any, as root); a zombie's is empty.
      environ = readFileSync(`/proc/${name}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (environ.split('\0').includes(entry)) pids.push(Number(name));
  }
  return pids;
}

/**
 * Sends `signal` to every marked process, again until none is left or `rounds` runs out (a
 * process forking during a sweep leaves a child the next round finds).
 */
export function sweepMarked(runId: string, signal: NodeJS.Signals, rounds = 5): void {
  for (let round = 0; round < rounds; round++) {
    const pids = markedProcesses(runId).filter((pid) => pid !== process.pid);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // Gone already, or not ours to signal.
      }
    }
    if (signal !== 'SIGKILL') return;
  }
}

/**
 * After a run has ended nothing of it may live on, but a sweep can miss a process: one forked
 * while the sweep read /proc, or one in the middle of exec, whose environ cannot be read for a
 * moment. Sweeps again with SIGKILL a few times over the next second and a half, in the
 * background (the timers never keep the process alive).
 */
export function sweepLater(runId: string, delaysMs: readonly number[] = [50, 250, 1_500]): void {
  for (const delay of delaysMs) setTimeout(() => sweepMarked(runId, 'SIGKILL'), delay).unref();
}
