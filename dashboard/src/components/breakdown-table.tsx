import type { AnalyticsBreakdown } from '../api/types.js';
import { formatCost } from '../format/format-cost.js';
import { formatDuration } from '../format/format-duration.js';
import { formatPercent } from '../format/format-percent.js';
import { formatTokens } from '../format/format-tokens.js';
import { EmptyState } from './state-views.js';

/** A breakdown of a range by one dimension: each group's share of the tasks drawn as a bar. */
export function BreakdownTable({ breakdown, label, noValue }: { breakdown: AnalyticsBreakdown; label: string; noValue: string }) {
  if (breakdown.items.length === 0) return <EmptyState title="No task in this range" />;
  const most = Math.max(...breakdown.items.map((item) => item.tasks), 1);
  return (
    <div className="table-wrap">
      <table className="table compact breakdown">
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col" className="numeric">
              Tasks
            </th>
            <th scope="col" className="numeric">
              Success
            </th>
            <th scope="col" className="numeric" title="Duration, median">
              p50
            </th>
            <th scope="col" className="numeric" title="Duration, 95th percentile">
              p95
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {breakdown.items.map((item) => (
            <tr key={item.key ?? '(none)'}>
              <td className="breakdown-key">
                <span className={item.key === null ? 'muted' : undefined}>{item.key ?? noValue}</span>
                <span className="share-bar" style={{ width: `${(item.tasks / most) * 100}%` }} aria-hidden="true" />
              </td>
              <td className="numeric">{item.tasks.toLocaleString()}</td>
              <td className="numeric">{formatPercent(item.success_rate)}</td>
              <td className="numeric">{formatDuration(item.duration_p50_ms)}</td>
              <td className="numeric">{formatDuration(item.duration_p95_ms)}</td>
              <td className="numeric" title={`${formatTokens(item.input_tokens)} in · ${formatTokens(item.output_tokens)} out`}>
                {formatCost(item.cost_usd)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
