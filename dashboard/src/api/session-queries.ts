import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDashboardApi } from './api-context.js';
import { ApiError, settle, settleEmpty } from './dashboard-api.js';
import type { Session } from './types.js';

export const SESSION_KEY = ['session'] as const;

/**
 * Who is signed in: the session, or null when nobody is (401). Any other failure (dashboard-api
 * down) is an error, so the app says so instead of showing the sign-in form.
 */
export function useSession() {
  const api = useDashboardApi();
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async ({ signal }): Promise<Session | null> => {
      try {
        return await settle(() => api.GET('/api/v1/auth/session', { signal }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export function useLogin() {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) => settle(() => api.POST('/api/v1/auth/login', { body: credentials })),
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useLogout() {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => settleEmpty(() => api.POST('/api/v1/auth/logout')),
    // Whatever the answer, this browser is signed out and keeps nothing of what it saw.
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}
