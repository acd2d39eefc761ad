import { execa } from 'execa';

/** Bytes a directory takes on disk (`du -sk`: allocated blocks, what fills a volume). */
export async function diskUsage(directory: string): Promise<number> {
  const result = await execa('du', ['-sk', directory], { reject: false, timeout: 60_000 });
  const kilobytes = Number.parseInt(String(result.stdout ?? '').split(/\s/)[0] ?? '', 10);
  return Number.isFinite(kilobytes) ? kilobytes * 1024 : 0;
}

/**
 * Checks a directory's size every `intervalMs` and calls `onExceeded` once when it passes
 * `maxBytes`, so a run that fills the disk is stopped rather than the volume.
 */
export function watchDiskUsage(directory: string, maxBytes: number, intervalMs: number, onExceeded: (bytes: number) => void): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const check = async () => {
    const bytes = await diskUsage(directory);
    if (stopped) return;
    if (bytes > maxBytes) {
      onExceeded(bytes);
      return;
    }
    timer = setTimeout(() => void check(), intervalMs);
  };
  timer = setTimeout(() => void check(), intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
