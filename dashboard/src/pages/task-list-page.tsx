import { LIST_REFRESH_MS, useTaskList } from '../api/queries.js';
import { ErrorState, EmptyState, Loading } from '../components/state-views.js';
import { TaskFilterBar, isFiltered } from '../components/task-filters.js';
import { TaskTable } from '../components/task-table.js';
import type { TaskFilters } from '../routing/routes.js';
import { uniqueTasks } from '../task-log/unique-tasks.js';

export function TaskListPage({ filters }: { filters: TaskFilters }) {
  const query = useTaskList(filters);
  const tasks = uniqueTasks(query.data?.pages ?? []);
  const filtered = isFiltered(filters);

  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>Tasks</h1>
          <p className="muted">Every @agent mention. The status of each row refreshes every {LIST_REFRESH_MS / 1000} s.</p>
        </div>
        {query.isFetching && !query.isPending && <span className="spinner small" role="status" aria-label="Refreshing" />}
      </header>
      <TaskFilterBar filters={filters} />
      {query.isPending ? (
        <Loading label="Loading tasks…" />
      ) : query.isError && tasks.length === 0 ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : tasks.length === 0 ? (
        <EmptyState title={filtered ? 'No task matches these filters' : 'No tasks yet'}>
          {filtered ? 'Clear the filters to see every task.' : 'Mention @agent in a GitHub issue, a Jira ticket or a Slack thread to start one.'}
        </EmptyState>
      ) : (
        <>
          {query.isError && <ErrorState error={query.error} />}
          <TaskTable tasks={tasks} />
          <div className="list-footer">
            <span className="muted">
              {tasks.length} task{tasks.length === 1 ? '' : 's'} shown
            </span>
            {query.hasNextPage && (
              <button type="button" className="button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            )}
          </div>
        </>
      )}
    </main>
  );
}
