/** Sends `signal` to a whole process group; a group that is already gone is not an error. */
export function killProcessGroup(pgid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * The process groups of the commands running right now. Each command leads its own group, so
 * that a command timeout kills its whole tree; when the CLI itself is told to stop, it kills
 * them all before it exits.
 */
export class CommandProcesses {
  private readonly groups = new Set<number>();

  add(pgid: number): void {
    this.groups.add(pgid);
  }

  delete(pgid: number): void {
    this.groups.delete(pgid);
  }

  killAll(): void {
    for (const pgid of this.groups) killProcessGroup(pgid);
    this.groups.clear();
  }
}
