import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDashboardApi } from './api-context.js';
import { ApiError, settle, settleEmpty } from './dashboard-api.js';
import type { Session } from './types.js';

export const SESSION_KEY = ['session'] as const;

/**
 * Forgets everything the previous user saw and sets who is signed in now. The session query is
 * kept (not removed): the app's observer stays bound to it and re-renders at once.
 */
export function switchSession(queryClient: QueryClient, session: Session | null): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, session);
}

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
    onSuccess: (session) => switchSession(queryClient, session),
  });
}

export function useLogout() {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => settleEmpty(() => api.POST('/api/v1/auth/logout')),
    // Whatever the answer, this browser is signed out and keeps nothing of what it saw.
    onSettled: () => switchSession(queryClient, null),
  });
}
