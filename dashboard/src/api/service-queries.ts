import { useQuery } from '@tanstack/react-query';
import { useDashboardApi } from './api-context.js';
import { settle } from './dashboard-api.js';
import { shouldRetry } from './queries.js';

/** The Services page refreshes this often: queue depths move fast. */
export const SERVICES_REFRESH_MS = 5_000;

export function useServices() {
  const api = useDashboardApi();
  return useQuery({
    queryKey: ['services'],
    queryFn: ({ signal }) => settle(() => api.GET('/api/v1/services', { signal })),
    refetchInterval: SERVICES_REFRESH_MS,
    retry: shouldRetry,
  });
}

export function useRegistry() {
  const api = useDashboardApi();
  return useQuery({
    queryKey: ['registry'],
    queryFn: ({ signal }) => settle(() => api.GET('/api/v1/registry', { signal })),
    refetchInterval: 30_000,
    retry: shouldRetry,
  });
}
