import type { Provider, TaskStatus } from '../api/types.js';
import { TASK_STATUSES } from '../format/task-status.js';

export const TASK_SORTS = ['received_at', 'duration_ms', 'cost_usd'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export interface TaskFilters {
  status?: TaskStatus;
  provider?: Provider;
  repository?: string;
  command?: string;
  agent?: string;
  runner?: string;
  author?: string;
  /** First day shown, `YYYY-MM-DD` in the reader's time zone. */
  from?: string;
  /** Last day shown (inclusive), `YYYY-MM-DD`. */
  to?: string;
  q?: string;
  sort?: TaskSort;
  order?: 'asc';
}

/** The spans the analytics and ledger pages offer. */
export const RANGES = ['24h', '7d', '30d', '90d'] as const;
export type Range = (typeof RANGES)[number];

export interface AnalyticsFilters {
  range?: Range;
  provider?: Provider;
  repository?: string;
}

export interface LedgerFilters {
  range?: Range;
  period?: 'week' | 'month';
  provider?: Provider;
  repository?: string;
}

export interface ChatFilters {
  provider?: Provider;
  q?: string;
}

/** The pages of the app. Hash routing: a static server needs no rewrite rules for deep links. */
export type Route =
  | { page: 'overview' }
  | { page: 'tasks'; filters: TaskFilters }
  | { page: 'task'; id: string }
  | { page: 'analytics'; filters: AnalyticsFilters }
  | { page: 'ledger'; filters: LedgerFilters }
  | { page: 'chat'; filters: ChatFilters }
  | { page: 'conversation'; key: string }
  | { page: 'webhooks' }
  | { page: 'registry' }
  | { page: 'services' }
  | { page: 'account' }
  | { page: 'not_found'; path: string };

export type LinkableRoute = Exclude<Route, { page: 'not_found' }>;

export const PROVIDERS: readonly Provider[] = ['github', 'jira', 'slack', 'sentry', 'custom'];
const TASK_ID = /^task-[0-9A-HJKMNP-TV-Z]{26}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const REPOSITORY = /^[^/\s]+\/[^/\s]+$/;

/** A status the API knows, or undefined (an empty select, a hand-edited URL). */
export function toStatus(value: string | null): TaskStatus | undefined {
  return TASK_STATUSES.find((status) => status === value);
}

export function toProvider(value: string | null): Provider | undefined {
  return PROVIDERS.find((provider) => provider === value);
}

export function toSort(value: string | null): TaskSort | undefined {
  return TASK_SORTS.find((sort) => sort === value);
}

export function toRange(value: string | null): Range | undefined {
  return RANGES.find((range) => range === value);
}

/** A short free-text value (a command, an author), trimmed; dropped when empty or absurdly long. */
function word(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= 200 ? trimmed : undefined;
}

function taskFilters(params: URLSearchParams): TaskFilters {
  const filters: TaskFilters = {
    status: toStatus(params.get('status')),
    provider: toProvider(params.get('provider')),
    repository: REPOSITORY.test(params.get('repository')?.trim() ?? '') ? params.get('repository')?.trim() : undefined,
    command: word(params.get('command')),
    agent: word(params.get('agent')),
    runner: word(params.get('runner')),
    author: word(params.get('author')),
    from: DAY.test(params.get('from') ?? '') ? (params.get('from') ?? undefined) : undefined,
    to: DAY.test(params.get('to') ?? '') ? (params.get('to') ?? undefined) : undefined,
    q: word(params.get('q')),
    sort: toSort(params.get('sort')),
    order: params.get('order') === 'asc' ? 'asc' : undefined,
  };
  if (filters.sort === 'received_at') filters.sort = undefined;
  return compact(filters);
}

/** Drops the keys whose value is undefined, so filters compare and serialize cleanly. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** `location.hash` → the page to show. Unknown filter values are dropped rather than sent to the API. */
export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', query = ''] = raw.split('?', 2);
  const segments = path.split('/').filter(Boolean).map(safeDecode);
  const params = new URLSearchParams(query);
  const [first, second] = segments;
  if (segments.length === 0) return { page: 'overview' };
  if (segments.length === 1) {
    switch (first) {
      case 'tasks':
        return { page: 'tasks', filters: taskFilters(params) };
      case 'analytics':
        return {
          page: 'analytics',
          filters: compact({ range: toRange(params.get('range')), provider: toProvider(params.get('provider')), repository: taskFilters(params).repository }),
        };
      case 'ledger':
        return {
          page: 'ledger',
          filters: compact({
            range: toRange(params.get('range')),
            period: (['week', 'month'] as const).find((period) => period === params.get('period')),
            provider: toProvider(params.get('provider')),
            repository: taskFilters(params).repository,
          }),
        };
      case 'chat':
        return { page: 'chat', filters: compact({ provider: toProvider(params.get('provider')), q: word(params.get('q')) }) };
      case 'webhooks':
      case 'registry':
      case 'services':
      case 'account':
        return { page: first };
    }
  }
  if (segments.length === 2 && first === 'tasks' && second && TASK_ID.test(second)) return { page: 'task', id: second };
  if (segments.length === 2 && first === 'chat' && second) return { page: 'conversation', key: second };
  return { page: 'not_found', path: `/${segments.join('/')}` };
}

function withQuery(path: string, values: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string' && value) params.set(key, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** The href of a page, the inverse of `parseRoute`. */
export function hrefFor(route: LinkableRoute): string {
  switch (route.page) {
    case 'overview':
      return '#/';
    case 'tasks':
      return withQuery('#/tasks', route.filters);
    case 'task':
      return `#/tasks/${encodeURIComponent(route.id)}`;
    case 'analytics':
    case 'ledger':
    case 'chat':
      return withQuery(`#/${route.page}`, route.filters);
    case 'conversation':
      return `#/chat/${encodeURIComponent(route.key)}`;
    default:
      return `#/${route.page}`;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
