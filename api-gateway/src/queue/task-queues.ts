import {
  AgentTaskJobSchema,
  NotificationJobSchema,
  QUEUE_AGENT_TASKS,
  QUEUE_NOTIFICATIONS,
  QUEUE_TASK_EVENTS,
  TaskEventSchema,
  type AgentTaskJob,
  type NotificationJob,
  type TaskEvent,
} from '@swe-ai-fleet/contracts';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { acknowledgementFor, taskCreatedEvent } from './companion-jobs.js';
import { AGENT_TASK_JOB_OPTIONS, NOTIFICATION_JOB_OPTIONS, TASK_EVENT_JOB_OPTIONS, jobIds } from './job-options.js';
import { QueueUnavailableError } from './queue-unavailable-error.js';
import { withTimeout } from './with-timeout.js';

export interface TaskQueuesOptions {
  connection: Redis;
  /** BullMQ key prefix (`QUEUE_PREFIX`). */
  prefix: string;
  /**
   * Longest wait for Redis to take a task's jobs before the push counts as failed.
   * @defaultValue 3_000
   */
  enqueueTimeoutMs?: number;
  now?: () => Date;
}

/** What the rest of the gateway needs from the queues (the OpenAPI writer passes a stand-in). */
export type TaskProducer = Pick<TaskQueues, 'isReady' | 'ping' | 'enqueueTask'>;

/** The three queues the gateway produces to. Every push is idempotent: job ids derive from the task id. */
export class TaskQueues {
  readonly agentTasks: Queue<AgentTaskJob>;
  readonly notifications: Queue<NotificationJob>;
  readonly taskEvents: Queue<TaskEvent>;
  private readonly connection: Redis;
  private readonly enqueueTimeoutMs: number;
  private readonly now: () => Date;

  constructor(options: TaskQueuesOptions) {
    this.connection = options.connection;
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 3_000;
    this.now = options.now ?? (() => new Date());
    const queueOptions = { connection: options.connection, prefix: options.prefix };
    this.agentTasks = new Queue<AgentTaskJob>(QUEUE_AGENT_TASKS, queueOptions);
    this.notifications = new Queue<NotificationJob>(QUEUE_NOTIFICATIONS, queueOptions);
    this.taskEvents = new Queue<TaskEvent>(QUEUE_TASK_EVENTS, queueOptions);
    // The connection's own listener reports outages once; without a listener here BullMQ would
    // drop the error, but with one it would be logged on every reconnection attempt.
    for (const queue of [this.agentTasks, this.notifications, this.taskEvents]) queue.on('error', () => undefined);
  }

  isReady(): boolean {
    return this.connection.status === 'ready';
  }

  async ping(): Promise<void> {
    if (!this.isReady()) throw new QueueUnavailableError(`Redis connection is ${this.connection.status}`);
    await withTimeout(this.connection.ping(), this.enqueueTimeoutMs, () => new QueueUnavailableError('Redis did not answer PING'));
  }

  /**
   * Pushes the agent task, its acknowledgement and the `task_created` event. Throws
   * QueueUnavailableError when Redis cannot take them; a repeat after a partial failure adds
   * only what is missing.
   */
  async enqueueTask(job: AgentTaskJob): Promise<void> {
    const task = AgentTaskJobSchema.parse(job);
    if (!this.isReady()) throw new QueueUnavailableError(`Redis connection is ${this.connection.status}`);
    const acknowledgement = NotificationJobSchema.parse(acknowledgementFor(task));
    const created = TaskEventSchema.parse(taskCreatedEvent(task, this.now()));
    const pushes = Promise.all([
      this.agentTasks.add('agent-task', task, { ...AGENT_TASK_JOB_OPTIONS, jobId: jobIds.agentTask(task.task_id) }),
      this.notifications.add('acknowledge', acknowledgement, { ...NOTIFICATION_JOB_OPTIONS, jobId: jobIds.acknowledgement(task.task_id) }),
      this.taskEvents.add('task_created', created, { ...TASK_EVENT_JOB_OPTIONS, jobId: jobIds.taskCreated(task.task_id) }),
    ]);
    try {
      await withTimeout(pushes, this.enqueueTimeoutMs, () => new QueueUnavailableError(`Redis did not take the jobs within ${this.enqueueTimeoutMs} ms`));
    } catch (error) {
      if (error instanceof QueueUnavailableError) throw error;
      throw new QueueUnavailableError(`Redis refused the jobs: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /** Closes the queues; the shared connection belongs to the caller. */
  async close(): Promise<void> {
    await Promise.all([this.agentTasks.close(), this.notifications.close(), this.taskEvents.close()]);
  }
}
