import { REPOSITORY_PATTERN } from '../format/input-patterns.js';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { providerLabel } from '../format/task-status.js';
import { PROVIDERS, RANGES, type Range, toProvider, toRange } from '../routing/routes.js';
import type { Provider } from '../api/types.js';

export const RANGE_LABELS: Record<Range, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days' };

interface RangeFilters {
  range?: Range;
  provider?: Provider;
  repository?: string;
}

/** The range, source and repository of the analytics and ledger pages; `go` puts them in the URL. */
export function RangeFilterBar<T extends RangeFilters>({ filters, go, children }: { filters: T; go: (next: T) => void; children?: ReactNode }) {
  const [repository, setRepository] = useState(filters.repository ?? '');
  useEffect(() => {
    setRepository(filters.repository ?? '');
  }, [filters.repository]);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    go({ ...filters, repository: repository.trim() || undefined });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Range and filters">
      <label>
        Range
        <select value={filters.range ?? '30d'} onChange={(event) => go({ ...filters, range: toRange(event.target.value) === '30d' ? undefined : toRange(event.target.value) })}>
          {RANGES.map((range) => (
            <option key={range} value={range}>
              {RANGE_LABELS[range]}
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
      <label>
        Repository
        <input type="text" placeholder="owner/name" pattern={REPOSITORY_PATTERN} value={repository} onChange={(event) => setRepository(event.target.value)} onBlur={() => submit()} />
      </label>
      {children}
    </form>
  );
}
