import { mkdir } from 'node:fs/promises';
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
import type { Log } from '../observability/logger.js';
import type { z } from 'zod';
import type { SecretRedactor } from './secret-redactor.js';
import { appendLines, writeFileAtomic } from './write-file-atomic.js';

/**
 * The gateway's part of `TASK_LOGS_DIR/<task id>/`. Every record is checked against its contract
 * schema and redacted before it is written. A failed write is logged and reported as `false`,
 * never thrown: the task log must not fail the task.
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

  writeMetadata(record: TaskMetadata): Promise<boolean> {
    return this.writeJson(record.task_id, TASK_LOG_FILES.metadata, TaskMetadataSchema, record);
  }

  writeInput(record: TaskInput): Promise<boolean> {
    return this.writeJson(record.task_id, TASK_LOG_FILES.input, TaskInputSchema, record);
  }

  appendWebhookFlow(taskId: string, records: readonly WebhookFlowRecord[]): Promise<boolean> {
    return this.appendJsonl(taskId, TASK_LOG_FILES.webhookFlow, WebhookFlowRecordSchema, records);
  }

  appendQueueFlow(taskId: string, records: readonly QueueFlowRecord[]): Promise<boolean> {
    return this.appendJsonl(taskId, TASK_LOG_FILES.queueFlow, QueueFlowRecordSchema, records);
  }

  private async writeJson<T>(taskId: string, file: string, schema: z.ZodType<T>, record: T): Promise<boolean> {
    return this.guard(taskId, file, async () => {
      const directory = await this.ensureDirectory(taskId);
      const content = JSON.stringify(this.redactor.redact(schema.parse(record)), null, 2);
      await writeFileAtomic(join(directory, file), `${content}\n`);
    });
  }

  private async appendJsonl<T>(taskId: string, file: string, schema: z.ZodType<T>, records: readonly T[]): Promise<boolean> {
    return this.guard(taskId, file, async () => {
      const directory = await this.ensureDirectory(taskId);
      const lines = records.map((record) => JSON.stringify(this.redactor.redact(schema.parse(record))));
      await appendLines(join(directory, file), lines);
    });
  }

  private async ensureDirectory(taskId: string): Promise<string> {
    const directory = this.directoryOf(taskId);
    await mkdir(directory, { recursive: true });
    return directory;
  }

  private async guard(taskId: string, file: string, write: () => Promise<void>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      this.logger.error({ err: error, task_id: taskId, file }, 'could not write the task log; the task goes on');
      return false;
    }
  }
}
