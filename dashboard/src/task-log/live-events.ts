import type { LiveEvent, Task, TaskDetail } from '../api/types.js';

export type LiveRecord = NonNullable<LiveEvent['records']>[number];

const PARTS = new Set(['webhook_flow', 'queue_flow', 'agent_output', 'microservices_flow']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `data` of a live-tail event, checked for the shape the page relies on (dashboard-api's
 * LiveEvent); null for anything else, so a malformed event is dropped, never rendered.
 */
export function parseLiveEvent(data: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const { records, task, end } = value;
  if (records !== undefined) {
    if (!Array.isArray(records)) return null;
    const valid = records.every(
      (entry) => isObject(entry) && typeof entry.part === 'string' && PARTS.has(entry.part) && isObject(entry.record) && typeof entry.record.timestamp === 'string',
    );
    if (!valid) return null;
  }
  if (task !== undefined && !(isObject(task) && typeof task.id === 'string' && typeof task.status === 'string')) return null;
  if (end !== undefined && !(isObject(end) && typeof end.status === 'string')) return null;
  return value as LiveEvent;
}

/** The cached task detail with the streamed records appended to their parts of the log. */
export function appendLiveRecords(detail: TaskDetail, records: readonly LiveRecord[]): TaskDetail {
  const log = {
    ...detail.log,
    webhook_flow: [...detail.log.webhook_flow],
    queue_flow: [...detail.log.queue_flow],
    agent_output: [...detail.log.agent_output],
    microservices_flow: [...detail.log.microservices_flow],
  };
  for (const entry of records) {
    switch (entry.part) {
      case 'webhook_flow':
        log.webhook_flow.push(entry.record);
        break;
      case 'queue_flow':
        log.queue_flow.push(entry.record);
        break;
      case 'agent_output':
        log.agent_output.push(entry.record);
        break;
      case 'microservices_flow':
        log.microservices_flow.push(entry.record);
        break;
    }
  }
  return { ...detail, log };
}

/** The cached task detail with the task as the live tail last described it. */
export function replaceLiveTask(detail: TaskDetail, task: Task): TaskDetail {
  return { ...detail, task };
}
