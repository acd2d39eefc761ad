import { EmptyState } from '../components/state-views.js';
import { hrefFor } from '../routing/routes.js';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <main className="page">
      <EmptyState title="There is no such page">
        <code>{path}</code> is not a page of the dashboard. <a href={hrefFor({ page: 'overview' })}>Back to the overview</a>
      </EmptyState>
    </main>
  );
}
