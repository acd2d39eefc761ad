import { endOfDay, startOfDay } from '../format/time-range.js';
import type { TaskFilters } from '../routing/routes.js';
import { type DashboardApiClient, settle } from './dashboard-api.js';
import type { TaskDetail, TaskList } from './types.js';

/** Page size of the task list: enough to fill a laptop screen twice. */
export const TASK_PAGE_SIZE = 50;

/** The list's filters as dashboard-api's query: days become instants of the reader's time zone. */
export function taskQuery(filters: TaskFilters) {
  const { from, to, ...rest } = filters;
  return { ...rest, from: startOfDay(from), to: endOfDay(to) };
}

export function fetchTaskPage(api: DashboardApiClient, filters: TaskFilters, cursor: string | undefined, signal?: AbortSignal): Promise<TaskList> {
  return settle(() => api.GET('/api/v1/tasks', { params: { query: { ...taskQuery(filters), limit: TASK_PAGE_SIZE, cursor } }, signal }));
}

export function fetchTaskDetail(api: DashboardApiClient, id: string, signal?: AbortSignal): Promise<TaskDetail> {
  return settle(() => api.GET('/api/v1/tasks/{id}', { params: { path: { id } }, signal }));
}
