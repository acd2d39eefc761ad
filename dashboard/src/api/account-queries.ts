import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDashboardApi } from './api-context.js';
import { settle, settleEmpty } from './dashboard-api.js';
import { shouldRetry } from './queries.js';
import { SESSION_KEY } from './session-queries.js';

export function useApiTokens() {
  const api = useDashboardApi();
  return useQuery({ queryKey: ['tokens'], queryFn: ({ signal }) => settle(() => api.GET('/api/v1/auth/tokens', { signal })), retry: shouldRetry });
}

export function useCreateApiToken() {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; expires_in_days?: number }) => settle(() => api.POST('/api/v1/auth/tokens', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeApiToken() {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => settleEmpty(() => api.DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useChangePassword() {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) => settle(() => api.PUT('/api/v1/auth/password', { body })),
    onSuccess: (session) => queryClient.setQueryData(SESSION_KEY, session),
  });
}

export function useUsers(enabled: boolean) {
  const api = useDashboardApi();
  return useQuery({ queryKey: ['users'], queryFn: ({ signal }) => settle(() => api.GET('/api/v1/users', { signal })), enabled, retry: shouldRetry });
}

export function useCreateUser() {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; name?: string; role: 'admin' | 'viewer'; password: string }) => settle(() => api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: 'admin' | 'viewer'; disabled?: boolean }) =>
      settle(() => api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
