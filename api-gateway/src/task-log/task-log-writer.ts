import { join } from 'node:path';
import {
  QueueFlowRecordSchema,
  TASK_LOG_FILES,
  TaskIdSchema,
  TaskInputSchema,
  TaskMetadataSchema,
  WebhookFlowRecordSchema,
  type QueueFlowRecord,
  type TaskInput,
  type TaskMetadata,
  type WebhookFlowRecord,
} from '@swe-ai-fleet/contracts';
import type { z } from 'zod';
import type { Log } from '../observability/logger.js';
import type { SecretRedactor } from './secret-redactor.js';
import type { PreparedFile, PreparedTaskLog } from './task-log-worker.js';

/** Everything the gateway writes for one task at one time; absent parts are not touched. */
export interface TaskLogBatch {
  taskId: string;
  /** Created only if missing: once the job is queued the agent may have written its own. */
  metadata?: TaskMetadata;
  input?: TaskInput;
  webhookFlow?: readonly WebhookFlowRecord[];
  queueFlow?: readonly QueueFlowRecord[];
}

/**
 * The gateway's part of `TASK_LOGS_DIR/<task id>/`. Every record is checked against its contract
 * schema and redacted before it is written; the writing itself is `writePreparedTasks`
 * (TaskLogThread's worker). A record that fails its schema is logged, never thrown: the task log
 * must not fail the task.
 */
export class TaskLogWriter {
  constructor(
    private readonly root: string,
    private readonly redactor: SecretRedactor,
    private readonly logger: Log,
  ) {}

  /** The folder of one task; the id is validated so it can never point outside the root. */
  directoryOf(taskId: string): string {
    return join(this.root, TaskIdSchema.parse(taskId));
  }

  /** The task's files as they will be written, or null (logged) when a record is invalid. */
  prepare(batch: TaskLogBatch): PreparedTaskLog | null {
    try {
      const files: PreparedFile[] = [];
      if (batch.metadata) files.push({ name: TASK_LOG_FILES.metadata, content: this.jsonOf(TaskMetadataSchema, batch.metadata), mode: 'exclusive' });
      if (batch.input) files.push({ name: TASK_LOG_FILES.input, content: this.jsonOf(TaskInputSchema, batch.input), mode: 'atomic' });
      if (batch.webhookFlow?.length) files.push({ name: TASK_LOG_FILES.webhookFlow, content: this.linesOf(WebhookFlowRecordSchema, batch.webhookFlow), mode: 'append' });
      if (batch.queueFlow?.length) files.push({ name: TASK_LOG_FILES.queueFlow, content: this.linesOf(QueueFlowRecordSchema, batch.queueFlow), mode: 'append' });
      return { taskId: batch.taskId, directory: this.directoryOf(batch.taskId), files };
    } catch (error) {
      this.logger.error({ err: error, task_id: batch.taskId }, 'could not write the task log; the task goes on');
      return null;
    }
  }

  private jsonOf<T>(schema: z.ZodType<T>, record: T): string {
    return `${JSON.stringify(this.redactor.redact(schema.parse(record)), null, 2)}\n`;
  }

  private linesOf<T>(schema: z.ZodType<T>, records: readonly T[]): string {
    return records.map((record) => `${JSON.stringify(this.redactor.redact(schema.parse(record)))}\n`).join('');
  }
}
