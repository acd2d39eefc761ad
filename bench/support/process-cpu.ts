import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads) a process has used, in milliseconds, with its ended
 * children's if asked. Divided by the work
 * done it gives a cost per request that other load on the machine barely changes, unlike latency
 * and throughput.
 */
export function cpuMs(pid: number | 'self', options: { withChildren?: boolean } = {}): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "pid (comm) ": state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  const own = (fields[11] ?? 0) + (fields[12] ?? 0);
  // cutime and cstime: children that ended and were waited for (the agent CLI, git).
  const children = options.withChildren ? (fields[13] ?? 0) + (fields[14] ?? 0) : 0;
  return ((own + children) * 1000) / TICKS_PER_SECOND;
}
