import { mkdir, rm, stat, utimes } from 'node:fs/promises';

export interface DirectoryLockOptions {
  /** A lock not refreshed for this long belongs to a process that died (SIGKILL, OOM): its holder refreshes it every third of this. @defaultValue 30000 */
  staleMs?: number;
  /** Give up waiting after this long. @defaultValue 600000 */
  timeoutMs?: number;
  /** Do not wait at all: resolve to null when the lock is taken. */
  tryOnly?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` holding a lock shared by every process on this machine (and on a shared volume):
 * `mkdir` is atomic, the holder refreshes the directory's mtime while it works, and a lock left
 * by a process that died is taken over once stale.
 */
export async function withDirectoryLock<T>(lockPath: string, work: () => Promise<T>, options: DirectoryLockOptions = {}): Promise<T | null> {
  const staleMs = options.staleMs ?? 30_000;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  for (;;) {
    try {
      await mkdir(lockPath);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const info = await stat(lockPath).catch(() => null);
      if (info && Date.now() - info.mtimeMs > staleMs) {
        await rm(lockPath, { recursive: true, force: true });
        continue;
      }
      if (options.tryOnly) return null;
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lockPath}`);
      await sleep(100 + Math.random() * 100);
    }
  }
  const refresh = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, staleMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(refresh);
    await rm(lockPath, { recursive: true, force: true });
  }
}
