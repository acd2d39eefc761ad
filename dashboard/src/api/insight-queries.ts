import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { intervalOf, localTimeZone } from '../format/time-range.js';
import type { AnalyticsFilters, LedgerFilters } from '../routing/routes.js';
import { useDashboardApi } from './api-context.js';
import { settle } from './dashboard-api.js';
import { shouldRetry } from './queries.js';

/** Analytics move slowly: a minute between refreshes is plenty. */
const INSIGHT_REFRESH_MS = 60_000;
export type Dimension = 'provider' | 'repository' | 'agent' | 'runner' | 'model' | 'command' | 'author' | 'status';

/** The instants of a range, rounded to the hour so the query key stays the same for an hour. */
function rangeOf(filters: { range?: AnalyticsFilters['range'] }) {
  return intervalOf(filters.range ?? '30d', Date.now());
}

export function useSeries(filters: AnalyticsFilters) {
  const api = useDashboardApi();
  const { from, to, bucket } = rangeOf(filters);
  const query = { from, to, bucket, tz: localTimeZone(), provider: filters.provider, repository: filters.repository };
  return useQuery({
    queryKey: ['analytics', 'series', query],
    queryFn: ({ signal }) => settle(() => api.GET('/api/v1/analytics/series', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: INSIGHT_REFRESH_MS,
    retry: shouldRetry,
  });
}

export function useBreakdown(filters: AnalyticsFilters, by: Dimension, limit = 8) {
  const api = useDashboardApi();
  const { from, to } = rangeOf(filters);
  const query = { from, to, by, limit, tz: localTimeZone(), provider: filters.provider, repository: filters.repository };
  return useQuery({
    queryKey: ['analytics', 'breakdown', query],
    queryFn: ({ signal }) => settle(() => api.GET('/api/v1/analytics/breakdown', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: INSIGHT_REFRESH_MS,
    retry: shouldRetry,
  });
}

export function useLedger(filters: LedgerFilters) {
  const api = useDashboardApi();
  const { from, to } = rangeOf(filters);
  const query = { from, to, period: filters.period ?? ('day' as const), tz: localTimeZone(), provider: filters.provider, repository: filters.repository };
  return useQuery({
    queryKey: ['ledger', query],
    queryFn: ({ signal }) => settle(() => api.GET('/api/v1/ledger', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    retry: shouldRetry,
  });
}

/** The URL of the ledger's CSV export for the same filters (a plain download link). */
export function ledgerCsvUrl(filters: LedgerFilters): string {
  const { from, to } = rangeOf(filters);
  const params = new URLSearchParams({ from, to });
  if (filters.provider) params.set('provider', filters.provider);
  if (filters.repository) params.set('repository', filters.repository);
  return `/api/v1/ledger/export.csv?${params.toString()}`;
}

/** The most expensive tasks of a range: the ledger's cost per task. */
export function useCostliestTasks(filters: LedgerFilters, limit = 10) {
  const api = useDashboardApi();
  const { from, to } = rangeOf(filters);
  const query = { from, to, sort: 'cost_usd' as const, limit, provider: filters.provider, repository: filters.repository };
  return useQuery({
    queryKey: ['tasks', 'costliest', query],
    queryFn: ({ signal }) => settle(() => api.GET('/api/v1/tasks', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    retry: shouldRetry,
  });
}
