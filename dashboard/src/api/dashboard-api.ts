import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/dashboard-api.js';
import type { TaskFilters } from '../routing/routes.js';
import { ApiError, toApiError, unreachable } from './api-error.js';
import type { TaskDetail, TaskList } from './types.js';

export type DashboardApiClient = Client<paths>;

/** The typed client of dashboard-api (generated from its openapi.json). */
export function createDashboardApi(baseUrl: string, fetchImpl?: (request: Request) => Promise<Response>): DashboardApiClient {
  return createClient<paths>({ baseUrl, fetch: fetchImpl });
}

/** Page size of the task list: enough to fill a laptop screen twice. */
export const TASK_PAGE_SIZE = 50;

type Outcome<T> = { data?: T; error?: unknown; response: Response };

/** The data of a call, or an `ApiError` that says what went wrong. */
async function settle<T>(call: () => Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw unreachable(error);
  }
  if (outcome.data !== undefined && outcome.response.ok) return outcome.data;
  throw toApiError(outcome.response.status, outcome.error);
}

export function fetchTaskPage(api: DashboardApiClient, filters: TaskFilters, cursor: string | undefined, signal?: AbortSignal): Promise<TaskList> {
  return settle(() => api.GET('/api/v1/tasks', { params: { query: { ...filters, limit: TASK_PAGE_SIZE, cursor } }, signal }));
}

export function fetchTaskDetail(api: DashboardApiClient, id: string, signal?: AbortSignal): Promise<TaskDetail> {
  return settle(() => api.GET('/api/v1/tasks/{id}', { params: { path: { id } }, signal }));
}

export { ApiError };
