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
import type { LogPosition } from './log-position.js';
import type { TaskLog } from './task-log.js';

/** A task log as read, and how far each JSONL part was read (where a live tail goes on). */
export interface TaskLogRead {
  log: TaskLog;
  position: LogPosition;
}

/**
 * Reads the seven parts of `<logsDir>/<taskId>/`. `taskId` must already be a valid task id
 * (`task-<ULID>`): that is what keeps the path inside `logsDir`. Null when the directory does
 * not exist.
 */
export async function readTaskLog(logsDir: string, taskId: TaskId, logger: WarnLogger): Promise<TaskLogRead | null> {
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
  return {
    log: {
      metadata,
      input,
      webhook_flow: webhook_flow.records,
      queue_flow: queue_flow.records,
      agent_output: agent_output.records,
      microservices_flow: microservices_flow.records,
      final_result,
    },
    position: {
      webhook_flow: webhook_flow.offset,
      queue_flow: queue_flow.offset,
      agent_output: agent_output.offset,
      microservices_flow: microservices_flow.offset,
    },
  };
}

/** An empty log: what the detail route answers for a task whose directory does not exist (yet). */
export function emptyTaskLog(): TaskLog {
  return { metadata: null, input: null, webhook_flow: [], queue_flow: [], agent_output: [], microservices_flow: [], final_result: null };
}

/** The three JSON parts a task can be described from, without reading the (long) JSONL parts. */
export async function readTaskJsonParts(logsDir: string, taskId: TaskId, logger: WarnLogger): Promise<Pick<TaskLog, 'metadata' | 'input' | 'final_result'>> {
  const file = (name: string) => join(logsDir, taskId, name);
  const [metadata, input, final_result] = await Promise.all([
    readJsonRecord(file(TASK_LOG_FILES.metadata), TaskMetadataSchema, logger),
    readJsonRecord(file(TASK_LOG_FILES.input), TaskInputSchema, logger),
    readJsonRecord(file(TASK_LOG_FILES.finalResult), FinalResultSchema, logger),
  ]);
  return { metadata, input, final_result };
}
