import { readFileSync } from 'node:fs';

/** Busy and total jiffies of all CPUs since boot (/proc/stat's first line). */
function cpuTimes(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Share of the machine's CPU time that was busy over the next `ms` milliseconds (0..1). */
export async function cpuBusy(ms: number): Promise<number> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTimes();
  return after.total === before.total ? 0 : (after.busy - before.busy) / (after.total - before.total);
}

/**
 * Other work shares this machine (test suites of the people working beside the benchmarks), so
 * a benchmark waits, up to `timeoutS`, for a 2-second window with at most `maxBusy` of the CPU
 * busy, and records what it saw: figures taken on a busy machine say so.
 */
export async function waitForQuietMachine(maxBusy = 0.3, timeoutS = 10): Promise<{ busy: number; waitedS: number }> {
  const started = performance.now();
  for (;;) {
    const busy = await cpuBusy(2_000);
    const waitedS = (performance.now() - started) / 1000;
    if (busy <= maxBusy || waitedS >= timeoutS) {
      if (busy > maxBusy) console.warn(`the machine stayed busy (${Math.round(busy * 100)} % CPU) for ${Math.round(waitedS)} s; measuring anyway`);
      return { busy, waitedS };
    }
  }
}
