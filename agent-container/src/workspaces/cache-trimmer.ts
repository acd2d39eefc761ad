import type { Logger } from 'pino';

export interface CacheTrimmerOptions {
  /** Sizes the cache and removes what is over its cap; returns what it removed. */
  trim: () => Promise<string[]>;
  /** A trim once this many tasks have finished since the last one. @defaultValue 20 */
  everyTasks?: number;
  /** And at least this often while tasks finish (never while the worker is idle). @defaultValue 60000 */
  intervalMs?: number;
  logger: Logger;
}

/**
 * Keeps the repository-mirror cache under its cap without sizing it after every task: a `du` of
 * every mirror costs a process spawn that holds the event loop (about 30 ms, bench/README.md).
 * The cache is trimmed after `everyTasks` tasks, or on the timer when any task finished since
 * the last trim, so it overshoots its cap by at most what those tasks fetched. One trim at a time.
 */
export class CacheTrimmer {
  private finished = 0;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: CacheTrimmerOptions) {}

  start(): void {
    this.timer ??= setInterval(() => {
      if (this.finished > 0) void this.trimNow();
    }, this.options.intervalMs ?? 60_000);
    this.timer.unref();
  }

  /** Stops the timer and waits for a trim in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** A task finished (and its mirror may have grown). */
  taskFinished(): void {
    this.finished += 1;
    if (this.finished >= (this.options.everyTasks ?? 20)) void this.trimNow();
  }

  /** Trims now, or joins the trim in progress. Never throws: a failed trim is logged and retried next time. */
  trimNow(): Promise<void> {
    this.running ??= (async () => {
      this.finished = 0;
      try {
        const removed = await this.options.trim();
        if (removed.length > 0) this.options.logger.info({ removed }, 'evicted repository mirrors');
      } catch (error) {
        this.options.logger.warn({ err: error }, 'could not trim the repository cache');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
