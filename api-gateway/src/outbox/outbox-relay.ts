import { AgentTaskJobSchema } from '@swe-ai-fleet/contracts';
import type { Log } from '../observability/logger.js';
import type { TaskProducer } from '../queue/task-queues.js';
import type { OutboxStore } from './outbox-store.js';
import type { TaskDispatcher } from './task-dispatcher.js';

export interface OutboxRelayOptions {
  store: OutboxStore;
  dispatcher: TaskDispatcher;
  queues: TaskProducer;
  logger: Log;
  /** Time between runs (`OUTBOX_RELAY_INTERVAL_MS`). */
  intervalMs: number;
  /** Rows younger than this are left to the request path (`OUTBOX_RELAY_MIN_AGE_MS`). */
  minAgeMs: number;
  /**
   * Rows claimed per run.
   * @defaultValue 50
   */
  batchSize?: number;
}

/** Longest wait before a row whose push failed is tried again. */
const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * Re-sends tasks that are durable in Postgres but never reached Redis (Redis was down, or the
 * gateway died between commit and push). Job ids derive from the task id, so a task that did
 * reach Redis meanwhile is not duplicated.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly batchSize: number;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 50;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress, so shutdown never cuts a batch in half. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass; returns how many tasks reached Redis. Runs never overlap. */
  async runOnce(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.relay().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async tick(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.options.logger.error({ err: error }, 'outbox relay run failed; the next run tries again');
    }
  }

  private async relay(): Promise<number> {
    const { store, dispatcher, queues, logger, minAgeMs } = this.options;
    // While Redis is down every push would fail; the connection logs the outage once.
    if (!queues.isReady()) return 0;
    return store.withDueRows(this.batchSize, minAgeMs, async (batch) => {
      let relayed = 0;
      for (const row of batch.rows) {
        const retryInMs = Math.min(1_000 * 2 ** row.attempts, MAX_RETRY_DELAY_MS);
        const job = AgentTaskJobSchema.safeParse(row.job);
        if (!job.success) {
          logger.error({ task_id: row.taskId, err: job.error.message }, 'outbox row holds an invalid job payload');
          await batch.markFailed(row, `invalid job payload: ${job.error.message}`, retryInMs);
          continue;
        }
        const result = await dispatcher.dispatch(job.data, 'outbox_relay');
        if (!result.ok) {
          await batch.markFailed(row, result.error, retryInMs);
          break;
        }
        await batch.markDispatched(row);
        relayed += 1;
      }
      if (relayed > 0) logger.info({ relayed }, 'outbox relay pushed tasks to Redis');
      return relayed;
    });
  }
}
