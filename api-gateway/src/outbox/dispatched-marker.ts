import type { Log } from '../observability/logger.js';
import type { OutboxStore } from './outbox-store.js';

export interface DispatchedMarkerOptions {
  /**
   * Most rows marked by one UPDATE.
   * @defaultValue 500
   */
  maxBatch?: number;
}

/**
 * Marks outbox rows dispatched after the answer, many rows per UPDATE: while one UPDATE is in
 * flight the next tasks gather. A mark that is lost (the process dies, Postgres fails) only makes
 * the relay push the task again, which the job id makes harmless.
 */
export class DispatchedMarker {
  private readonly pending: string[] = [];
  private running: Promise<void> | null = null;
  private readonly maxBatch: number;

  constructor(
    private readonly store: Pick<OutboxStore, 'markDispatched'>,
    private readonly logger: Log,
    options: DispatchedMarkerOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
  }

  mark(taskId: string): void {
    this.pending.push(taskId);
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
  }

  /** Resolves once every mark made so far is written (or has failed and been logged). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    // Tasks pushed in the same turn of the event loop go into the first UPDATE together.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      await this.store.markDispatched(batch).catch((error: unknown) => this.logger.warn({ err: error, tasks: batch.length }, 'could not mark outbox rows dispatched; the relay will push them again'));
    }
  }
}
