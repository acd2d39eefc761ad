import type { Provider, TaskStatus } from '../api/types.js';
import { TASK_STATUSES } from '../format/task-status.js';

export interface TaskFilters {
  status?: TaskStatus;
  provider?: Provider;
  repository?: string;
}

/** The pages of the app. Hash routing: a static server needs no rewrite rules for deep links. */
export type Route = { page: 'tasks'; filters: TaskFilters } | { page: 'task'; id: string } | { page: 'not_found'; path: string };

export const PROVIDERS: readonly Provider[] = ['github', 'jira', 'slack', 'sentry', 'custom'];
const TASK_ID = /^task-[0-9A-HJKMNP-TV-Z]{26}$/;

/** A status the API knows, or undefined (an empty select, a hand-edited URL). */
export function toStatus(value: string | null): TaskStatus | undefined {
  return TASK_STATUSES.find((status) => status === value);
}

export function toProvider(value: string | null): Provider | undefined {
  return PROVIDERS.find((provider) => provider === value);
}

/** `location.hash` → the page to show. Unknown filter values are dropped rather than sent to the API. */
export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', query = ''] = raw.split('?', 2);
  const segments = path.split('/').filter(Boolean).map(safeDecode);
  if (segments.length === 0 || (segments.length === 1 && segments[0] === 'tasks')) {
    const params = new URLSearchParams(query);
    const filters: TaskFilters = {};
    const status = toStatus(params.get('status'));
    const provider = toProvider(params.get('provider'));
    const repository = params.get('repository')?.trim();
    if (status) filters.status = status;
    if (provider) filters.provider = provider;
    if (repository && /^[^/\s]+\/[^/\s]+$/.test(repository)) filters.repository = repository;
    return { page: 'tasks', filters };
  }
  if (segments.length === 2 && segments[0] === 'tasks' && segments[1] && TASK_ID.test(segments[1])) {
    return { page: 'task', id: segments[1] };
  }
  return { page: 'not_found', path: `/${segments.join('/')}` };
}

/** The href of a page, the inverse of `parseRoute`. */
export function hrefFor(route: Exclude<Route, { page: 'not_found' }>): string {
  if (route.page === 'task') return `#/tasks/${encodeURIComponent(route.id)}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(route.filters)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `#/tasks?${query}` : '#/';
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
