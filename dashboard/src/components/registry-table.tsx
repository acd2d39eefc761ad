import type { RegistryEntry } from '../api/types.js';
import { formatCost } from '../format/format-cost.js';
import { formatPercent } from '../format/format-percent.js';
import { RelativeTime } from './relative-time.js';
import { EmptyState } from './state-views.js';
import { Badge } from './status-badge.js';

/** Agents, runners or models: whether the worker offers each, and how much it was used. */
export function RegistryTable({ entries, label, showAvailability }: { entries: RegistryEntry[]; label: string; showAvailability: boolean }) {
  if (entries.length === 0) return <EmptyState title={`No ${label.toLowerCase()} known yet`} />;
  return (
    <div className="table-wrap">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{label}</th>
            {showAvailability && <th scope="col">Offered</th>}
            <th scope="col" className="numeric">
              Tasks
            </th>
            <th scope="col" className="numeric">
              Success
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col">Last used</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const finished = entry.succeeded + entry.failed;
            return (
              <tr key={entry.name}>
                <td>
                  <code>{entry.name}</code>
                </td>
                {showAvailability && (
                  <td>
                    {entry.available === null ? (
                      <span className="muted">unknown</span>
                    ) : (
                      <Badge tone={entry.available ? 'success' : 'neutral'}>{entry.available ? 'available' : 'not available'}</Badge>
                    )}
                  </td>
                )}
                <td className="numeric">{entry.tasks.toLocaleString()}</td>
                <td className="numeric">{formatPercent(finished === 0 ? null : entry.succeeded / finished)}</td>
                <td className="numeric">{formatCost(entry.cost_usd)}</td>
                <td>
                  <RelativeTime iso={entry.last_used_at} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
