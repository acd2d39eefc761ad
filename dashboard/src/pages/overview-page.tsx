import { useSeries } from '../api/insight-queries.js';
import { useTaskList } from '../api/queries.js';
import { useServices } from '../api/service-queries.js';
import { TasksChart } from '../components/charts/series-charts.js';
import { MetricStats } from '../components/metric-stats.js';
import { Section } from '../components/section.js';
import { EmptyState, ErrorState, Loading } from '../components/state-views.js';
import { Badge } from '../components/status-badge.js';
import { TaskTable } from '../components/task-table.js';
import { hrefFor } from '../routing/routes.js';
import { uniqueTasks } from '../task-log/unique-tasks.js';

/** What is happening now: the week's figures, what runs, what failed, whether every component is up. */
export function OverviewPage() {
  const series = useSeries({ range: '7d' });
  const running = useTaskList({ status: 'running' });
  const failed = useTaskList({ status: 'failed' });
  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>Overview</h1>
          <p className="muted">The last 7 days, and what is running now.</p>
        </div>
        <ServicesSummary />
      </header>
      {series.isPending ? (
        <Loading label="Loading the figures…" />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : (
        <>
          <MetricStats totals={series.data.totals} />
          <TasksChart series={series.data} />
        </>
      )}
      <Section title="Running now" count={running.data ? uniqueTasks(running.data.pages).length : undefined}>
        <TaskListPreview query={running} empty="No task is running." />
      </Section>
      <Section title="Recent failures">
        <TaskListPreview query={failed} empty="No task failed." limit={5} more={hrefFor({ page: 'tasks', filters: { status: 'failed' } })} />
      </Section>
    </main>
  );
}

function TaskListPreview({ query, empty, limit = 10, more }: { query: ReturnType<typeof useTaskList>; empty: string; limit?: number; more?: string }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const tasks = uniqueTasks(query.data.pages).slice(0, limit);
  if (tasks.length === 0) return <EmptyState title={empty} />;
  return (
    <>
      <TaskTable tasks={tasks} />
      {more && (
        <p className="more-link">
          <a href={more}>See all →</a>
        </p>
      )}
    </>
  );
}

function ServicesSummary() {
  const services = useServices();
  if (!services.data) return null;
  const down = services.data.components.filter((component) => component.status !== 'ok');
  return (
    <a href={hrefFor({ page: 'services' })} className="services-summary">
      {down.length === 0 ? (
        <Badge tone="success">All {services.data.components.length} components up</Badge>
      ) : (
        <Badge tone="danger">
          {down.length} component{down.length === 1 ? '' : 's'} not ok: {down.map((component) => component.name).join(', ')}
        </Badge>
      )}
    </a>
  );
}
