import { type Dimension, useBreakdown, useSeries } from '../api/insight-queries.js';
import { BreakdownTable } from '../components/breakdown-table.js';
import { CostChart, LatencyChart, SuccessRateChart, TasksChart, TokensChart } from '../components/charts/series-charts.js';
import { MetricStats } from '../components/metric-stats.js';
import { RANGE_LABELS, RangeFilterBar } from '../components/range-filters.js';
import { Section } from '../components/section.js';
import { EmptyState, ErrorState, Loading } from '../components/state-views.js';
import { type AnalyticsFilters, hrefFor } from '../routing/routes.js';

const BREAKDOWNS: Array<{ by: Dimension; title: string; noValue: string }> = [
  { by: 'provider', title: 'By source', noValue: '—' },
  { by: 'repository', title: 'By repository', noValue: 'no repository' },
  { by: 'agent', title: 'By agent', noValue: 'not assigned yet' },
  { by: 'runner', title: 'By runner', noValue: 'not assigned yet' },
  { by: 'model', title: 'By model', noValue: 'unknown' },
  { by: 'command', title: 'By command', noValue: '—' },
];

/** Volume, outcome, speed and cost over time, and per source, repository, agent, runner and model. */
export function AnalyticsPage({ filters }: { filters: AnalyticsFilters }) {
  const series = useSeries(filters);
  const go = (next: AnalyticsFilters) => {
    window.location.hash = hrefFor({ page: 'analytics', filters: next });
  };
  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>Analytics</h1>
          <p className="muted">{RANGE_LABELS[filters.range ?? '30d']}, in your time zone.</p>
        </div>
        {series.isFetching && !series.isPending && <span className="spinner small" role="status" aria-label="Refreshing" />}
      </header>
      <RangeFilterBar filters={filters} go={go} />
      {series.isPending ? (
        <Loading label="Loading analytics…" />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : series.data.totals.tasks === 0 ? (
        <EmptyState title="No task in this range">Pick a longer range, or clear the filters.</EmptyState>
      ) : (
        <>
          <MetricStats totals={series.data.totals} />
          <div className="chart-grid">
            <TasksChart series={series.data} />
            <SuccessRateChart series={series.data} />
            <LatencyChart series={series.data} />
            <CostChart series={series.data} />
            <TokensChart series={series.data} />
          </div>
          <div className="breakdown-grid">
            {BREAKDOWNS.map((breakdown) => (
              <Breakdown key={breakdown.by} filters={filters} {...breakdown} />
            ))}
          </div>
        </>
      )}
    </main>
  );
}

function Breakdown({ filters, by, title, noValue }: { filters: AnalyticsFilters; by: Dimension; title: string; noValue: string }) {
  const query = useBreakdown(filters, by);
  return (
    <Section title={title}>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <BreakdownTable breakdown={query.data} label={title.replace('By ', '').replace(/^./, (first) => first.toUpperCase())} noValue={noValue} />
      )}
    </Section>
  );
}
