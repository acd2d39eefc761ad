/** The parts of a task detail the start is read from. */
export interface LogClock {
  task: { received_at: string };
  log: { metadata: { created_at: string } | null; webhook_flow: ReadonlyArray<{ timestamp: string }> };
}

/**
 * The instant the flows' offsets count from: the earliest of the log's creation, its first
 * webhook stage and the reception the read model saw, so the first stage reads +0.0 s and no
 * record of the task lands before it.
 */
export function logStart(detail: LogClock): number {
  const candidates = [detail.log.metadata?.created_at, detail.log.webhook_flow[0]?.timestamp, detail.task.received_at]
    .map((candidate) => (candidate ? Date.parse(candidate) : Number.NaN))
    .filter((at) => !Number.isNaN(at));
  return candidates.length > 0 ? Math.min(...candidates) : Number.NaN;
}
