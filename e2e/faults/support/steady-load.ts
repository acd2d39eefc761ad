import { randomUUID } from 'node:crypto';
import { sleep } from './bounded-pool.js';

export interface DeliveryResult {
  deliveryId: string;
  /** ms since the load started, when the first try was sent */
  sentAt: number;
  firstStatus: number;
  finalStatus: number;
  taskId: string | null;
  tries: number;
}

export interface SteadyLoadOptions {
  gatewayUrl: () => string;
  /** Headers of one delivery (its id is added); the body is the same for every delivery. */
  headers: (deliveryId: string) => Record<string, string>;
  body: string;
  ratePerSecond: number;
  /** Hard stop: the load never sends more than rate × this, even if stop() is never called. */
  maxSeconds: number;
  /** A provider redelivers a 5xx, 429 or a dropped connection; this many tries in all. */
  maxTries: number;
  retryDelayMs: number;
}

/**
 * Distinct deliveries at a steady rate, each retried like a provider would, until stop(). Every
 * first try's time and answer is kept, so the test can line answers up with an outage window.
 */
export class SteadyLoad {
  private readonly results: Array<Promise<DeliveryResult>> = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly started = Date.now();

  constructor(private readonly options: SteadyLoadOptions) {}

  start(): void {
    const limit = Math.ceil(this.options.ratePerSecond * this.options.maxSeconds);
    this.timer = setInterval(() => {
      if (this.results.length >= limit) return this.halt();
      this.results.push(this.deliver(randomUUID()));
    }, 1000 / this.options.ratePerSecond);
  }

  elapsed(): number {
    return Date.now() - this.started;
  }

  /** Stops sending and waits for every delivery's last try. */
  async stop(): Promise<DeliveryResult[]> {
    this.halt();
    return Promise.all(this.results);
  }

  private halt(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async deliver(deliveryId: string): Promise<DeliveryResult> {
    const sentAt = this.elapsed();
    let firstStatus = -1;
    for (let tries = 1; ; tries++) {
      const response = await fetch(`${this.options.gatewayUrl()}/webhooks/github`, {
        method: 'POST',
        headers: this.options.headers(deliveryId),
        body: this.options.body,
        signal: AbortSignal.timeout(20_000),
      }).catch(() => null);
      const status = response?.status ?? 0;
      if (firstStatus === -1) firstStatus = status;
      const answer = response ? ((await response.json().catch(() => ({}))) as { task_id?: string | null }) : {};
      const retry = status === 0 || status === 429 || status >= 500;
      if (retry && tries < this.options.maxTries) {
        await sleep(this.options.retryDelayMs);
        continue;
      }
      return { deliveryId, sentAt, firstStatus, finalStatus: status, taskId: answer.task_id ?? null, tries };
    }
  }
}
