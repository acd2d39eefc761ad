import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ChatFilters } from '../routing/routes.js';
import { useDashboardApi } from './api-context.js';
import { settle } from './dashboard-api.js';
import { LIST_REFRESH_MS, shouldRetry } from './queries.js';

export function useConversations(filters: ChatFilters) {
  const api = useDashboardApi();
  return useInfiniteQuery({
    queryKey: ['conversations', filters],
    queryFn: ({ pageParam, signal }) =>
      settle(() => api.GET('/api/v1/conversations', { params: { query: { ...filters, limit: 30, cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: LIST_REFRESH_MS * 2,
    retry: shouldRetry,
  });
}

export function useConversation(key: string) {
  const api = useDashboardApi();
  return useQuery({
    queryKey: ['conversation', key],
    queryFn: ({ signal }) => settle(() => api.GET('/api/v1/conversations/{key}', { params: { path: { key } }, signal })),
    refetchInterval: LIST_REFRESH_MS,
    retry: shouldRetry,
  });
}
