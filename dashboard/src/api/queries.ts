import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { isFinished } from '../format/task-status.js';
import type { TaskFilters } from '../routing/routes.js';
import { useDashboardApi } from './api-context.js';
import { ApiError, fetchTaskDetail, fetchTaskPage } from './dashboard-api.js';

/** How often the list refreshes; the live tail (SSE) of a later issue replaces polling. */
export const LIST_REFRESH_MS = 5_000;
/** How often an unfinished task's page refreshes. */
export const TASK_REFRESH_MS = 3_000;

/** A 4xx will not get better by asking again; anything else (network, 5xx) is retried. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 3;
}

export function useTaskList(filters: TaskFilters) {
  const api = useDashboardApi();
  return useInfiniteQuery({
    queryKey: ['tasks', filters],
    queryFn: ({ pageParam, signal }) => fetchTaskPage(api, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    refetchInterval: LIST_REFRESH_MS,
    placeholderData: keepPreviousData,
    retry: shouldRetry,
  });
}

export function useTaskDetail(id: string) {
  const api = useDashboardApi();
  return useQuery({
    queryKey: ['task', id],
    queryFn: ({ signal }) => fetchTaskDetail(api, id, signal),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data.task.status) ? false : TASK_REFRESH_MS),
    retry: shouldRetry,
  });
}
