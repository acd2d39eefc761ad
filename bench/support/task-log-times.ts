import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const RecordSchema = z.looseObject({ timestamp: z.iso.datetime({ offset: true }), stage: z.string().optional(), type: z.string().optional() });

function records(file: string): Array<z.infer<typeof RecordSchema>> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => RecordSchema.parse(JSON.parse(line)));
}

export interface TaskLogTimes {
  /** Epoch ms of the worker's `dequeued` / `worker_assigned` lines in 03-queue-flow.jsonl. */
  dequeued?: number;
  workerAssigned?: number;
  /** Epoch ms of `task_started` in 04-agent-output.jsonl: the processor hands the task to the runner. */
  taskStarted?: number;
  /** `success` of 06-final-result.json, once it is written. */
  finished: boolean;
  /** Epoch ms of 06-final-result.json's timestamp. */
  finishedAt?: number;
  success?: boolean;
  error?: string | null;
}

const FinalSchema = z.looseObject({ timestamp: z.iso.datetime({ offset: true }), success: z.boolean(), error: z.string().nullable().optional() });

/** What the task log says about one task's timeline (the writers stamp ISO times to the millisecond). */
export function taskLogTimes(taskLogsDir: string, taskId: string): TaskLogTimes {
  const dir = path.join(taskLogsDir, taskId);
  const queue = records(path.join(dir, '03-queue-flow.jsonl'));
  const agent = records(path.join(dir, '04-agent-output.jsonl'));
  const at = (record: { timestamp: string } | undefined) => (record ? Date.parse(record.timestamp) : undefined);
  const finalFile = path.join(dir, '06-final-result.json');
  const times: TaskLogTimes = { finished: existsSync(finalFile) };
  if (times.finished) {
    const final = FinalSchema.parse(JSON.parse(readFileSync(finalFile, 'utf8')));
    times.finishedAt = Date.parse(final.timestamp);
    times.success = final.success;
    times.error = final.error ?? null;
  }
  const dequeued = at(queue.find((record) => record.stage === 'dequeued'));
  const workerAssigned = at(queue.find((record) => record.stage === 'worker_assigned'));
  const taskStarted = at(agent.find((record) => record.type === 'task_started'));
  if (dequeued !== undefined) times.dequeued = dequeued;
  if (workerAssigned !== undefined) times.workerAssigned = workerAssigned;
  if (taskStarted !== undefined) times.taskStarted = taskStarted;
  return times;
}
