/** The parts of a task detail the start is read from. */
export interface LogClock {
  task: { received_at: string };
  log: { metadata: { created_at: string } | null; webhook_flow: ReadonlyArray<{ timestamp: string }> };
}

/**
 * The instant the flows' offsets count from: the log's own clock (its creation, or its first
 * webhook stage) where it has one, else when the read model says the task was received.
 */
export function logStart(detail: LogClock): number {
  const candidates = [detail.log.metadata?.created_at, detail.log.webhook_flow[0]?.timestamp, detail.task.received_at];
  for (const candidate of candidates) {
    const at = candidate ? Date.parse(candidate) : Number.NaN;
    if (!Number.isNaN(at)) return at;
  }
  return Number.NaN;
}
