import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../generated/dashboard-api.js';
import { useDashboardApi } from './api-context.js';
import { settle, settleEmpty } from './dashboard-api.js';
import { shouldRetry } from './queries.js';

type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;

export type NewWebhookRoute = Body<'/api/v1/webhooks', 'post'>;
export type WebhookRouteChanges = Body<'/api/v1/webhooks/{slug}', 'patch'>;
export type NewCommand = Body<'/api/v1/commands', 'post'>;
export type CommandChanges = Body<'/api/v1/commands/{name}', 'patch'>;

export function useWebhookRoutes() {
  const api = useDashboardApi();
  return useQuery({ queryKey: ['webhooks'], queryFn: ({ signal }) => settle(() => api.GET('/api/v1/webhooks', { signal })), retry: shouldRetry });
}

/** Every change to a route refreshes the list; the answer of a creation carries the secret, once. */
export function useWebhookMutations() {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  return {
    create: useMutation({ mutationFn: (body: NewWebhookRoute) => settle(() => api.POST('/api/v1/webhooks', { body })), onSuccess: refresh }),
    update: useMutation({
      mutationFn: ({ slug, changes }: { slug: string; changes: WebhookRouteChanges }) =>
        settle(() => api.PATCH('/api/v1/webhooks/{slug}', { params: { path: { slug } }, body: changes })),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (slug: string) => settleEmpty(() => api.DELETE('/api/v1/webhooks/{slug}', { params: { path: { slug } } })), onSuccess: refresh }),
    rotate: useMutation({ mutationFn: (slug: string) => settle(() => api.POST('/api/v1/webhooks/{slug}/secret', { params: { path: { slug } }, body: {} })) }),
    test: useMutation({
      mutationFn: ({ slug, payload, dryRun }: { slug: string; payload: unknown; dryRun: boolean }) =>
        settle(() => api.POST('/api/v1/webhooks/{slug}/test', { params: { path: { slug } }, body: { payload, dry_run: dryRun } })),
    }),
  };
}

export function useCommands() {
  const api = useDashboardApi();
  return useQuery({ queryKey: ['commands'], queryFn: ({ signal }) => settle(() => api.GET('/api/v1/commands', { signal })), retry: shouldRetry });
}

export function useCommandMutations() {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['commands'] });
  return {
    create: useMutation({ mutationFn: (body: NewCommand) => settle(() => api.POST('/api/v1/commands', { body })), onSuccess: refresh }),
    update: useMutation({
      mutationFn: ({ name, changes }: { name: string; changes: CommandChanges }) =>
        settle(() => api.PATCH('/api/v1/commands/{name}', { params: { path: { name } }, body: changes })),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (name: string) => settleEmpty(() => api.DELETE('/api/v1/commands/{name}', { params: { path: { name } } })), onSuccess: refresh }),
  };
}
