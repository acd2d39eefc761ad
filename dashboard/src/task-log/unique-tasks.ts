import type { TaskList, TaskSummary } from '../api/types.js';

/**
 * The rows of every loaded page, in order, each task once. Pages are fetched at different
 * moments while tasks keep arriving, so the same task can sit on two of them for a while.
 */
export function uniqueTasks(pages: readonly TaskList[]): TaskSummary[] {
  const seen = new Set<string>();
  const tasks: TaskSummary[] = [];
  for (const page of pages) {
    for (const task of page.items) {
      if (seen.has(task.id)) continue;
      seen.add(task.id);
      tasks.push(task);
    }
  }
  return tasks;
}
