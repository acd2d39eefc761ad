import type { TaskLogBatch, TaskLogWriter } from './task-log-writer.js';

export interface TaskLogQueueOptions {
  /**
   * Tasks whose files are written at the same time (each write is a handful of calls on libuv's
   * thread pool, which has 4 threads and is shared with DNS and crypto).
   * @defaultValue 4
   */
  concurrency?: number;
  /**
   * Tasks waiting to be written before `submit` makes its caller wait: under a sustained overload
   * the request path slows down instead of the backlog growing without bound.
   * @defaultValue 2_000
   */
  capacity?: number;
}

/**
 * Writes task logs after the answer, off the request path. The task row and its outbox row in
 * Postgres are the durable record; the log is written once they are committed, and a failure is
 * logged by the writer, never thrown. `drain()` on shutdown waits for every submitted task.
 */
export class TaskLogQueue {
  private readonly pending: TaskLogBatch[] = [];
  private active = 0;
  private readonly concurrency: number;
  private readonly capacity: number;
  private readonly roomWaiters: Array<() => void> = [];
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly writer: TaskLogWriter,
    options: TaskLogQueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.capacity = options.capacity ?? 2_000;
  }

  /** Queues one task's records; resolves at once unless `capacity` tasks are already waiting. */
  async submit(batch: TaskLogBatch): Promise<void> {
    while (this.pending.length >= this.capacity) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    this.pending.push(batch);
    this.pump();
  }

  /** Tasks submitted and not yet written. */
  get size(): number {
    return this.pending.length + this.active;
  }

  /** Resolves once everything submitted so far is written (or has failed and been logged). */
  async drain(): Promise<void> {
    if (this.size === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.active < this.concurrency) {
      const batch = this.pending.shift();
      if (!batch) break;
      this.active += 1;
      this.roomWaiters.shift()?.();
      // writeTask never throws: every failure is logged and answered as false.
      void this.writer.writeTask(batch).finally(() => {
        this.active -= 1;
        this.pump();
        if (this.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }
  }
}
