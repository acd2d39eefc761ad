import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { isFinished } from '../format/task-status.js';
import type { TaskFilters } from '../routing/routes.js';
import { useDashboardApi } from './api-context.js';
import { ApiError } from './dashboard-api.js';
import { fetchTaskDetail, fetchTaskPage } from './task-requests.js';

/** How often the task list refreshes, so the status of each row stays live. */
export const LIST_REFRESH_MS = 5_000;
/** How often an unfinished task's page refreshes when its live tail cannot be opened. */
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

/** One task with its log; polls only while unfinished and without a live tail (`live`). */
export function useTaskDetail(id: string, live: boolean) {
  const api = useDashboardApi();
  return useQuery({
    queryKey: ['task', id],
    queryFn: ({ signal }) => fetchTaskDetail(api, id, signal),
    refetchInterval: (query) => (live || (query.state.data && isFinished(query.state.data.task.status)) ? false : TASK_REFRESH_MS),
    // While the live tail appends to the cached log, a refetch would replace it with an older read.
    refetchOnWindowFocus: !live,
    staleTime: live ? Number.POSITIVE_INFINITY : 1_000,
    retry: shouldRetry,
  });
}
