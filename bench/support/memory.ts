import { readFileSync, readdirSync } from 'node:fs';

/** VmRSS of one process in MB (Linux /proc), or null once it is gone. */
export function residentMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** Direct children, from /proc/<pid>/task/<tid>/children (a child belongs to the thread that forked it). */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
        .split(' ')
        .filter((entry) => entry.trim() !== '')
        .map(Number),
    );
  } catch {
    // The process (or one of its threads) ended while it was read.
    return [];
  }
}

/** VmRSS of a process and all its descendants (the agent CLI runs as a child of agent-container). */
export function treeResidentMb(pid: number): { self: number | null; descendants: number } {
  const self = residentMb(pid);
  let descendants = 0;
  const pending = childrenOf(pid);
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined) break;
    descendants += residentMb(next) ?? 0;
    pending.push(...childrenOf(next));
  }
  return { self, descendants };
}

export interface MemorySampler {
  /** Highest sample of each process since the sampler started, MB. */
  peaks(): Record<string, { self: number; descendants: number }>;
  stop(): void;
}

/** Samples the resident memory of named processes every `intervalMs`. */
export function sampleMemory(processes: Record<string, number>, intervalMs = 250): MemorySampler {
  const peaks: Record<string, { self: number; descendants: number }> = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(processes)) {
      const { self, descendants } = treeResidentMb(pid);
      const peak = peaks[name] ?? { self: 0, descendants: 0 };
      peaks[name] = { self: Math.max(peak.self, self ?? 0), descendants: Math.max(peak.descendants, descendants) };
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    peaks: () => structuredClone(peaks),
    stop: () => clearInterval(timer),
  };
}
