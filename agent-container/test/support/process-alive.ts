import { readFile } from 'node:fs/promises';

/** Whether a process exists and is not a zombie (a killed orphan may wait to be reaped by pid 1). */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/**
 * The processes of `pids` still alive after at most `timeoutMs`. Tests give a killed tree several
 * seconds: on a loaded CI machine the SIGTERM grace and the marker sweep can take a while, and a
 * surviving `sleep 300` is still caught.
 */
export async function waitUntilGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive: number[] = [];
    for (const pid of pids) if (await isAlive(pid)) alive.push(pid);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
