import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AgentOutputRecordSchema,
  FinalResultSchema,
  MicroserviceFlowRecordSchema,
  QueueFlowRecordSchema,
  TASK_LOG_FILES,
  type TaskId,
  TaskInputSchema,
  TaskMetadataSchema,
  WebhookFlowRecordSchema,
} from '@swe-ai-fleet/contracts';
import { type WarnLogger, isMissing, readJsonRecord } from './read-json-record.js';
import { readJsonlRecords } from './read-jsonl-records.js';
import type { TaskLog } from './task-log.js';

/**
 * Reads the seven parts of `<logsDir>/<taskId>/`. `taskId` must already be a valid task id
 * (`task-<ULID>`): that is what keeps the path inside `logsDir`. Null when the directory does
 * not exist.
 */
export async function readTaskLog(logsDir: string, taskId: TaskId, logger: WarnLogger): Promise<TaskLog | null> {
  const dir = join(logsDir, taskId);
  try {
    if (!(await stat(dir)).isDirectory()) return null;
  } catch (error) {
    if (!isMissing(error)) logger.warn({ err: error, path: dir }, 'task-log directory is unreadable');
    return null;
  }
  const file = (name: string) => join(dir, name);
  const [metadata, input, webhook_flow, queue_flow, agent_output, microservices_flow, final_result] = await Promise.all([
    readJsonRecord(file(TASK_LOG_FILES.metadata), TaskMetadataSchema, logger),
    readJsonRecord(file(TASK_LOG_FILES.input), TaskInputSchema, logger),
    readJsonlRecords(file(TASK_LOG_FILES.webhookFlow), WebhookFlowRecordSchema, logger),
    readJsonlRecords(file(TASK_LOG_FILES.queueFlow), QueueFlowRecordSchema, logger),
    readJsonlRecords(file(TASK_LOG_FILES.agentOutput), AgentOutputRecordSchema, logger),
    readJsonlRecords(file(TASK_LOG_FILES.microservicesFlow), MicroserviceFlowRecordSchema, logger),
    readJsonRecord(file(TASK_LOG_FILES.finalResult), FinalResultSchema, logger),
  ]);
  return { metadata, input, webhook_flow, queue_flow, agent_output, microservices_flow, final_result };
}

/** An empty log: what the detail route answers for a task whose directory does not exist (yet). */
export function emptyTaskLog(): TaskLog {
  return { metadata: null, input: null, webhook_flow: [], queue_flow: [], agent_output: [], microservices_flow: [], final_result: null };
}
