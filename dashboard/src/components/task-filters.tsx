import { type FormEvent, useEffect, useState } from 'react';
import { TASK_STATUSES, providerLabel, statusLabel } from '../format/task-status.js';
import { PROVIDERS, type TaskFilters, hrefFor, toProvider, toStatus } from '../routing/routes.js';

/** Filters live in the URL (`#/tasks?status=failed`), so a filtered list can be shared. */
export function TaskFilterBar({ filters }: { filters: TaskFilters }) {
  const [repository, setRepository] = useState(filters.repository ?? '');
  useEffect(() => setRepository(filters.repository ?? ''), [filters.repository]);
  const go = (next: TaskFilters) => {
    window.location.hash = hrefFor({ page: 'tasks', filters: next });
  };
  const submitRepository = (event: FormEvent) => {
    event.preventDefault();
    go({ ...filters, repository: repository.trim() || undefined });
  };
  return (
    <form className="filters" onSubmit={submitRepository} aria-label="Filter tasks">
      <label>
        Status
        <select value={filters.status ?? ''} onChange={(event) => go({ ...filters, status: toStatus(event.target.value) })}>
          <option value="">Any</option>
          {TASK_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Source
        <select
          value={filters.provider ?? ''}
          onChange={(event) => go({ ...filters, provider: toProvider(event.target.value) })}
        >
          <option value="">Any</option>
          {PROVIDERS.map((provider) => (
            <option key={provider} value={provider}>
              {providerLabel(provider)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Repository
        <input
          type="search"
          placeholder="owner/name"
          pattern="[^/\s]+/[^/\s]+"
          value={repository}
          onChange={(event) => setRepository(event.target.value)}
          onBlur={submitRepository}
        />
      </label>
      {(filters.status || filters.provider || filters.repository) && (
        <a className="button button-quiet" href={hrefFor({ page: 'tasks', filters: {} })}>
          Clear filters
        </a>
      )}
    </form>
  );
}
