import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { SHUTDOWN_REASON } from './agent-task-processor.js';

/**
 * Stops taking agent tasks and waits for the running ones up to `graceMs`; the ones still
 * running then are cancelled (their agents killed) and handed back to the queue, so another
 * worker picks them up without spending an attempt.
 */
export async function closeAgentWorker(worker: Worker, graceMs: number, logger: Logger): Promise<void> {
  const timer = setTimeout(() => {
    logger.warn({ grace_ms: graceMs }, 'agent tasks still running after the grace period: handing them back');
    worker.cancelAllJobs(SHUTDOWN_REASON);
  }, graceMs);
  try {
    await worker.close();
  } finally {
    clearTimeout(timer);
  }
}
