import { ledgerCsvUrl, useCostliestTasks, useLedger } from '../api/insight-queries.js';
import type { Ledger } from '../api/types.js';
import { LedgerChart } from '../components/charts/ledger-chart.js';
import { RANGE_LABELS, RangeFilterBar } from '../components/range-filters.js';
import { Section } from '../components/section.js';
import { Stat } from '../components/stat-card.js';
import { EmptyState, ErrorState, Loading } from '../components/state-views.js';
import { TaskTable } from '../components/task-table.js';
import { formatCost } from '../format/format-cost.js';
import { formatTokens } from '../format/format-tokens.js';
import { bucketLabel } from '../format/time-range.js';
import { type LedgerFilters, hrefFor } from '../routing/routes.js';

const PERIODS = [
  { value: '', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
] as const;

/** What the agents cost: per period, per task, and as a CSV for accounting. */
export function LedgerPage({ filters }: { filters: LedgerFilters }) {
  const ledger = useLedger(filters);
  const costliest = useCostliestTasks(filters);
  const go = (next: LedgerFilters) => {
    window.location.hash = hrefFor({ page: 'ledger', filters: next });
  };
  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>Ledger</h1>
          <p className="muted">Cost and tokens, {RANGE_LABELS[filters.range ?? '30d'].toLowerCase()}.</p>
        </div>
        <a className="button" href={ledgerCsvUrl(filters)} download>
          Export CSV
        </a>
      </header>
      <RangeFilterBar filters={filters} go={go}>
        <label>
          Per
          <select value={filters.period ?? ''} onChange={(event) => go({ ...filters, period: (['week', 'month'] as const).find((period) => period === event.target.value) })}>
            {PERIODS.map((period) => (
              <option key={period.value} value={period.value}>
                {period.label}
              </option>
            ))}
          </select>
        </label>
      </RangeFilterBar>
      {ledger.isPending ? (
        <Loading label="Loading the ledger…" />
      ) : ledger.isError ? (
        <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : (
        <>
          <div className="stats">
            <Stat label="Cost" value={formatCost(ledger.data.totals.cost_usd)} />
            <Stat label="Tasks" value={ledger.data.totals.tasks.toLocaleString()} hint={`${formatCost(ledger.data.totals.tasks ? ledger.data.totals.cost_usd / ledger.data.totals.tasks : 0)} per task`} />
            <Stat label="Input tokens" value={formatTokens(ledger.data.totals.input_tokens)} />
            <Stat label="Output tokens" value={formatTokens(ledger.data.totals.output_tokens)} />
          </div>
          <LedgerChart ledger={ledger.data} />
          <Section title={`Per ${ledger.data.period}`}>
            <PeriodTable ledger={ledger.data} />
          </Section>
        </>
      )}
      <Section title="Most expensive tasks">
        {costliest.isPending ? (
          <Loading />
        ) : costliest.isError ? (
          <ErrorState error={costliest.error} onRetry={() => void costliest.refetch()} />
        ) : costliest.data.items.length === 0 ? (
          <EmptyState title="No task in this range" />
        ) : (
          <TaskTable tasks={costliest.data.items} />
        )}
      </Section>
    </main>
  );
}

function PeriodTable({ ledger }: { ledger: Ledger }) {
  const periods = [...ledger.periods].reverse();
  return (
    <div className="table-wrap">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{ledger.period === 'day' ? 'Day' : ledger.period === 'week' ? 'Week' : 'Month'}</th>
            <th scope="col" className="numeric">
              Tasks
            </th>
            <th scope="col" className="numeric">
              Input tokens
            </th>
            <th scope="col" className="numeric">
              Output tokens
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {periods.map((period) => (
            <tr key={period.start}>
              <td>{bucketLabel(period.start, ledger.period)}</td>
              <td className="numeric">{period.tasks.toLocaleString()}</td>
              <td className="numeric">{formatTokens(period.input_tokens)}</td>
              <td className="numeric">{formatTokens(period.output_tokens)}</td>
              <td className="numeric">{formatCost(period.cost_usd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
