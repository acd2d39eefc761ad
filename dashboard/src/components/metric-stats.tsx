import type { Metrics } from '../api/types.js';
import { formatCost } from '../format/format-cost.js';
import { formatDuration } from '../format/format-duration.js';
import { formatPercent } from '../format/format-percent.js';
import { formatTokens } from '../format/format-tokens.js';
import { Stat } from './stat-card.js';

/** The headline figures of a range: volume, outcome, speed and cost. */
export function MetricStats({ totals }: { totals: Metrics }) {
  const finished = totals.succeeded + totals.failed + totals.cancelled;
  return (
    <div className="stats">
      <Stat label="Tasks" value={totals.tasks.toLocaleString()} hint={`${totals.in_progress.toLocaleString()} in progress`} />
      <Stat label="Success rate" value={formatPercent(totals.success_rate)} hint={`${totals.failed.toLocaleString()} failed of ${finished.toLocaleString()} finished`} />
      <Stat label="Duration p50 / p95" value={`${formatDuration(totals.duration_p50_ms)} / ${formatDuration(totals.duration_p95_ms)}`} />
      <Stat label="Queue wait p50 / p95" value={`${formatDuration(totals.queue_wait_p50_ms)} / ${formatDuration(totals.queue_wait_p95_ms)}`} />
      <Stat label="Cost" value={formatCost(totals.cost_usd)} hint={`${formatTokens(totals.input_tokens)} in · ${formatTokens(totals.output_tokens)} out`} />
    </div>
  );
}
