import { waitFor } from '../../e2e/support/processes.ts';
import type { Acknowledged, Platform } from './platform.ts';
import { type TaskLogTimes, taskLogTimes } from './task-log-times.ts';

export interface TaskRun {
  serial: number;
  issueNumber: number;
  commentId: number;
  ack: Acknowledged & { taskId: string };
}

/**
 * Posts one mention that becomes its own task (its own issue, so no conversation waits for
 * another) and returns once the gateway has answered 202. `serial` shows in the request text
 * as `bench-<serial>`, so the model stand-in can tell which task is asking.
 */
export async function postMention(platform: Platform, serial: number): Promise<TaskRun> {
  const issueNumber = 20_000 + serial;
  const commentId = 800_000_000 + serial;
  const delivery = platform.deliveries.issueComment(`@agent ask bench-${serial} what does this repository do?`, issueNumber, commentId);
  const ack = await platform.post(delivery);
  if (ack.status !== 202 || !ack.taskId) throw new Error(`delivery ${serial} was answered ${ack.status} without a task`);
  return { serial, issueNumber, commentId, ack: { ...ack, taskId: ack.taskId } };
}

/** Waits until the agent has written the task's 06-final-result.json (a failed task stops the benchmark), then reads its timeline. */
export async function waitForFinish(platform: Platform, run: TaskRun, timeoutMs = 60_000): Promise<TaskLogTimes> {
  return waitFor(
    `task ${run.ack.taskId} to finish`,
    () => {
      const times = taskLogTimes(platform.taskLogsDir, run.ack.taskId);
      return times.finished ? times : undefined;
    },
    timeoutMs,
  ).then((times) => {
    if (!times.success) throw new Error(`task ${run.ack.taskId} failed: ${times.error ?? 'no error given'}`);
    return times;
  });
}
