import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Log } from '../observability/logger.js';
import { type PreparedTaskLog, TASK_LOG_WORKER_ROLE, type TaskLogFailure, type TaskLogWorkerReply, writePreparedTasks } from './task-log-worker.js';
import type { TaskLogBatch, TaskLogWriter } from './task-log-writer.js';

export interface TaskLogThreadOptions {
  /**
   * Tasks submitted and not yet written before `submit` makes its caller wait: under a sustained
   * overload the request path slows down instead of the backlog growing without bound.
   * @defaultValue 2_000
   */
  capacity?: number;
}

/** Messages posted to the worker and not yet answered, at most. */
const MAX_MESSAGES_IN_FLIGHT = 2;
/** Tasks in one message, at most. */
const MESSAGE_TASKS = 64;

/** The worker's file beside this one: `.js` when built, `.ts` under the tests (Node strips the types). */
function workerFile(): string {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`./task-log-worker${extension}`, import.meta.url));
}

/**
 * Writes task logs after the answer, off the request path, in a worker thread. The task row and
 * its outbox row in Postgres are the durable record; the log is written once they are committed.
 * Records are validated, redacted and serialized here (TaskLogWriter.prepare), then the tasks
 * submitted in one turn of the event loop go to the worker in one message. A failure is logged,
 * never thrown. If the worker cannot run, the same writes run on the main thread.
 */
export class TaskLogThread {
  private worker: Worker | null;
  private readonly outbox: PreparedTaskLog[] = [];
  /** Messages posted to the worker and not yet answered, oldest first. */
  private readonly inFlight: PreparedTaskLog[][] = [];
  private flushScheduled = false;
  private outstanding = 0;
  private readonly capacity: number;
  private readonly roomWaiters: Array<() => void> = [];
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly writer: TaskLogWriter,
    private readonly logger: Log,
    options: TaskLogThreadOptions = {},
  ) {
    this.capacity = options.capacity ?? 2_000;
    this.worker = this.startWorker();
  }

  /** Queues one task's records; resolves at once unless `capacity` tasks are already waiting. */
  async submit(batch: TaskLogBatch): Promise<void> {
    while (this.outstanding >= this.capacity) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    const prepared = this.writer.prepare(batch);
    if (!prepared) return;
    this.outstanding += 1;
    this.outbox.push(prepared);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Tasks submitted and not yet written. */
  get size(): number {
    return this.outstanding;
  }

  /** Resolves once everything submitted so far is written (or has failed and been logged). */
  async drain(): Promise<void> {
    if (this.outstanding === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drains, then stops the worker (on shutdown). */
  async close(): Promise<void> {
    await this.drain();
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private startWorker(): Worker | null {
    const file = workerFile();
    if (!existsSync(file)) return null;
    // It only holds the tasks of one message at a time: small heap limits keep its memory small
    // (V8 would size them from the machine's RAM). Were they ever exceeded, the worker fails and
    // the main thread takes over (below).
    const worker = new Worker(file, { workerData: TASK_LOG_WORKER_ROLE, resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } });
    // The worker never keeps the process alive: shutdown drains it first (close).
    worker.unref();
    worker.on('message', (reply: TaskLogWorkerReply) => {
      this.inFlight.shift();
      this.finished(reply.done, reply.failures);
      this.flush();
    });
    worker.on('error', (error) => {
      this.logger.error({ err: error }, 'the task-log worker failed; task logs are written on the main thread from now on');
      this.worker = null;
      // What it had not answered may be half written: reported, not written twice.
      for (const tasks of this.inFlight.splice(0)) {
        this.finished(
          tasks.length,
          tasks.map((task) => ({ task_id: task.taskId, file: task.directory, error: `task-log worker failed: ${error.message}` })),
        );
      }
      // What waited here for room at the worker is written on this thread.
      this.flush();
    });
    return worker;
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.worker) {
      // At most two messages at the worker, of at most MESSAGE_TASKS tasks: the backlog waits
      // here, once, as the prepared strings, instead of also as copies queued at the worker.
      while (this.inFlight.length < MAX_MESSAGES_IN_FLIGHT && this.outbox.length > 0) {
        const tasks = this.outbox.splice(0, MESSAGE_TASKS);
        this.inFlight.push(tasks);
        this.worker.postMessage({ tasks });
      }
      return;
    }
    const tasks = this.outbox.splice(0);
    if (tasks.length === 0) return;
    void writePreparedTasks(tasks).then((failures) => this.finished(tasks.length, failures));
  }

  private finished(done: number, failures: readonly TaskLogFailure[]): void {
    for (const failure of failures) this.logger.error({ task_id: failure.task_id, file: failure.file, err: failure.error }, 'could not write the task log; the task goes on');
    this.outstanding -= done;
    for (let room = Math.min(done, this.roomWaiters.length); room > 0; room -= 1) this.roomWaiters.shift()?.();
    if (this.outstanding === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
