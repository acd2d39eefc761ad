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

  /**
   * Writes one task's files together: one `mkdir`, the JSON files side by side, then the JSONL
   * appends. Every file is guarded on its own; answers whether all of them were written.
   */
  async writeTask(batch: TaskLogBatch): Promise<boolean> {
    const { taskId } = batch;
    let directory: string;
    try {
      directory = await this.ensureDirectory(taskId);
    } catch (error) {
      this.logger.error({ err: error, task_id: taskId }, 'could not write the task log; the task goes on');
      return false;
    }
    const written = await Promise.all([
      batch.metadata
        ? this.guard(taskId, TASK_LOG_FILES.metadata, async () => {
            await writeFileAtomic(join(directory, TASK_LOG_FILES.metadata), this.jsonOf(TaskMetadataSchema, batch.metadata), { exclusive: true });
          })
        : true,
      batch.input ? this.guard(taskId, TASK_LOG_FILES.input, () => writeFileAtomic(join(directory, TASK_LOG_FILES.input), this.jsonOf(TaskInputSchema, batch.input))) : true,
      batch.webhookFlow?.length
        ? this.guard(taskId, TASK_LOG_FILES.webhookFlow, () => appendLines(join(directory, TASK_LOG_FILES.webhookFlow), this.linesOf(WebhookFlowRecordSchema, batch.webhookFlow ?? [])))
        : true,
      batch.queueFlow?.length
        ? this.guard(taskId, TASK_LOG_FILES.queueFlow, () => appendLines(join(directory, TASK_LOG_FILES.queueFlow), this.linesOf(QueueFlowRecordSchema, batch.queueFlow ?? [])))
        : true,
    ]);
    return written.every(Boolean);
  }

  private jsonOf<T>(schema: z.ZodType<T>, record: T): string {
    return `${JSON.stringify(this.redactor.redact(schema.parse(record)), null, 2)}\n`;
  }

  private linesOf<T>(schema: z.ZodType<T>, records: readonly T[]): string[] {
    return records.map((record) => JSON.stringify(this.redactor.redact(schema.parse(record))));
  }

  private async writeJson<T>(taskId: string, file: string, schema: z.ZodType<T>, record: T): Promise<boolean> {
    return this.guard(taskId, file, async () => {
      const directory = await this.ensureDirectory(taskId);
      await writeFileAtomic(join(directory, file), this.jsonOf(schema, record));
    });
  }

  private async appendJsonl<T>(taskId: string, file: string, schema: z.ZodType<T>, records: readonly T[]): Promise<boolean> {
    return this.guard(taskId, file, async () => {
      const directory = await this.ensureDirectory(taskId);
      await appendLines(join(directory, file), this.linesOf(schema, records));
    });
  }

  private async ensureDirectory(taskId: string): Promise<string> {
    const directory = this.directoryOf(taskId);
    await mkdir(directory, { recursive: true });
    return directory;
  }

  private async guard(taskId: string, file: string, write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      this.logger.error({ err: error, task_id: taskId, file }, 'could not write the task log; the task goes on');
      return false;
    }
  }
}
