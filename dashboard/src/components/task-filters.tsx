import { REPOSITORY_PATTERN } from '../format/input-patterns.js';
import { type FormEvent, useEffect, useState } from 'react';
import { TASK_STATUSES, providerLabel, statusLabel } from '../format/task-status.js';
import { PROVIDERS, type TaskFilters, hrefFor, toProvider, toSort, toStatus } from '../routing/routes.js';

const TEXT_FILTERS = [
  { key: 'repository', label: 'Repository', placeholder: 'owner/name', pattern: REPOSITORY_PATTERN },
  { key: 'command', label: 'Command', placeholder: 'fix, review…' },
  { key: 'agent', label: 'Agent', placeholder: 'coder' },
  { key: 'runner', label: 'Runner', placeholder: 'vllm' },
  { key: 'author', label: 'Author', placeholder: 'login' },
] as const;

type TextKey = (typeof TEXT_FILTERS)[number]['key'] | 'q';
const TEXT_KEYS: readonly TextKey[] = ['q', ...TEXT_FILTERS.map((filter) => filter.key)];

const SORTS = [
  { value: '', label: 'Newest first' },
  { value: 'received_at:asc', label: 'Oldest first' },
  { value: 'duration_ms', label: 'Longest first' },
  { value: 'duration_ms:asc', label: 'Shortest first' },
  { value: 'cost_usd', label: 'Most expensive first' },
  { value: 'cost_usd:asc', label: 'Cheapest first' },
] as const;

function sortValue(filters: TaskFilters): string {
  if (!filters.sort && !filters.order) return '';
  return `${filters.sort ?? 'received_at'}${filters.order === 'asc' ? ':asc' : ''}`;
}

export function isFiltered(filters: TaskFilters): boolean {
  return Object.keys(filters).some((key) => key !== 'sort' && key !== 'order');
}

/** Filters live in the URL (`#/tasks?status=failed&q=flaky`), so a filtered list can be shared. */
export function TaskFilterBar({ filters }: { filters: TaskFilters }) {
  const texts = (from: TaskFilters) => ({
    q: from.q ?? '',
    repository: from.repository ?? '',
    command: from.command ?? '',
    agent: from.agent ?? '',
    runner: from.runner ?? '',
    author: from.author ?? '',
  });
  const [draft, setDraft] = useState<Record<TextKey, string>>(() => texts(filters));
  useEffect(() => {
    setDraft(texts(filters));
  }, [filters]);
  const go = (next: TaskFilters) => {
    window.location.hash = hrefFor({ page: 'tasks', filters: next });
  };
  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    const next: TaskFilters = { ...filters };
    for (const key of TEXT_KEYS) next[key] = draft[key].trim() || undefined;
    go(next);
  };
  const setSort = (value: string) => {
    const [sort, order] = value.split(':');
    go({ ...filters, sort: toSort(sort ?? null) === 'received_at' ? undefined : toSort(sort ?? null), order: order === 'asc' ? 'asc' : undefined });
  };
  return (
    <form className="filters" onSubmit={apply} aria-label="Filter tasks">
      <label className="filter-search">
        Search
        <input type="search" placeholder="Words in the request…" value={draft.q} onChange={(event) => setDraft({ ...draft, q: event.target.value })} onBlur={() => apply()} />
      </label>
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
        <select value={filters.provider ?? ''} onChange={(event) => go({ ...filters, provider: toProvider(event.target.value) })}>
          <option value="">Any</option>
          {PROVIDERS.map((provider) => (
            <option key={provider} value={provider}>
              {providerLabel(provider)}
            </option>
          ))}
        </select>
      </label>
      {TEXT_FILTERS.map((filter) => (
        <label key={filter.key}>
          {filter.label}
          <input
            type="text"
            placeholder={filter.placeholder}
            pattern={'pattern' in filter ? filter.pattern : undefined}
            value={draft[filter.key]}
            onChange={(event) => setDraft({ ...draft, [filter.key]: event.target.value })}
            onBlur={() => apply()}
          />
        </label>
      ))}
      <label>
        From
        <input type="date" value={filters.from ?? ''} max={filters.to} onChange={(event) => go({ ...filters, from: event.target.value || undefined })} />
      </label>
      <label>
        To
        <input type="date" value={filters.to ?? ''} min={filters.from} onChange={(event) => go({ ...filters, to: event.target.value || undefined })} />
      </label>
      <label>
        Order
        <select value={sortValue(filters)} onChange={(event) => setSort(event.target.value)}>
          {SORTS.map((sort) => (
            <option key={sort.value} value={sort.value}>
              {sort.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="visually-hidden">
        Apply
      </button>
      {isFiltered(filters) && (
        <a className="button button-quiet" href={hrefFor({ page: 'tasks', filters: {} })}>
          Clear filters
        </a>
      )}
    </form>
  );
}
