import type { Metrics } from '../http/metrics.js';
import type { IntakePipeline } from '../pipeline/intake-pipeline.js';
import type { WebhookRateLimit } from './rate-limit.js';

/** What every provider's webhook route needs besides its own settings. */
export interface WebhookIntakeDeps {
  /** AGENT_MENTION. */
  mention: string;
  /** WEBHOOK_BODY_LIMIT_BYTES. */
  bodyLimit: number;
  rateLimit: WebhookRateLimit;
  pipeline: IntakePipeline;
  metrics: Metrics;
  /** `task-<ULID>`, made at reception. */
  newTaskId: () => string;
  now: () => Date;
  /** When set, a 202 carries `Location` pointing at the task in the dashboard. */
  dashboardUrl?: string;
}
