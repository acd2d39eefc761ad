import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AgentOutputRecordSchema,
  FinalResultSchema,
  MicroserviceFlowRecordSchema,
  QueueFlowRecordSchema,
  TASK_LOG_FILES,
  type FinalResult,
  type TaskMetadata,
  TaskMetadataSchema,
} from '@swe-ai-fleet/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-write.js';
import type { Redactor } from './redact-secrets.js';

/** A record as callers give it: the log stamps `timestamp` and `task_id`. */
type Fields<T> = Omit<z.input<T>, 'timestamp' | 'task_id'>;
export type QueueFlowFields = Fields<typeof QueueFlowRecordSchema>;
export type AgentOutputFields = Fields<typeof AgentOutputRecordSchema>;
export type MicroserviceFlowFields = Fields<typeof MicroserviceFlowRecordSchema>;
export type FinalResultFields = Fields<typeof FinalResultSchema>;

export interface TaskLogOptions {
  dir: string;
  logger: Logger;
  redact: Redactor;
  now?: () => Date;
}

/**
 * The agent's side of `TASK_LOGS_DIR/<task id>/`: 03 (queue flow), 04 (agent output),
 * 05 (service calls), 06 (final result), and status updates of metadata.json. Records are
 * validated with the contracts' schemas and redacted before writing; JSONL lines of one file are
 * appended whole and in call order; JSON files are replaced atomically. A write that fails is
 * logged and never fails the task.
 */
export class TaskLog {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly options: TaskLogOptions,
    readonly taskId: string,
  ) {}

  private get taskDir(): string {
    return path.join(this.options.dir, this.taskId);
  }

  private stamp(): { timestamp: string; task_id: string } {
    return { timestamp: (this.options.now ?? (() => new Date()))().toISOString(), task_id: this.taskId };
  }

  /** Runs writes to one file one after another, so lines keep the order they were made in. */
  private enqueue(file: string, write: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(file) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await mkdir(this.taskDir, { recursive: true });
        await write();
      } catch (error) {
        this.options.logger.error({ err: error, task_id: this.taskId, file }, 'could not write the task log');
      }
    });
    this.chains.set(file, next);
    return next;
  }

  private append<S extends z.ZodType>(file: string, schema: S, fields: object): Promise<void> {
    const parsed = schema.safeParse({ ...this.stamp(), ...fields });
    if (!parsed.success) {
      this.options.logger.error({ task_id: this.taskId, file, issues: parsed.error.issues }, 'task-log record does not match its schema');
      return Promise.resolve();
    }
    const line = `${JSON.stringify(this.options.redact(parsed.data))}\n`;
    return this.enqueue(file, () => appendFile(path.join(this.taskDir, file), line));
  }

  queueFlow(fields: QueueFlowFields): Promise<void> {
    return this.append(TASK_LOG_FILES.queueFlow, QueueFlowRecordSchema, fields);
  }

  agentOutput(fields: AgentOutputFields): Promise<void> {
    return this.append(TASK_LOG_FILES.agentOutput, AgentOutputRecordSchema, fields);
  }

  serviceFlow(fields: MicroserviceFlowFields): Promise<void> {
    return this.append(TASK_LOG_FILES.microservicesFlow, MicroserviceFlowRecordSchema, fields);
  }

  finalResult(fields: FinalResultFields): Promise<void> {
    const parsed = FinalResultSchema.safeParse({ ...this.stamp(), ...fields });
    if (!parsed.success) {
      this.options.logger.error({ task_id: this.taskId, issues: parsed.error.issues }, '06-final-result.json does not match its schema');
      return Promise.resolve();
    }
    const result: FinalResult = this.options.redact(parsed.data);
    return this.enqueue(TASK_LOG_FILES.finalResult, () =>
      writeFileAtomic(path.join(this.taskDir, TASK_LOG_FILES.finalResult), `${JSON.stringify(result, null, 2)}\n`),
    );
  }

  /**
   * Updates metadata.json (opened by the gateway): `fallback` stands in when it is missing or
   * unreadable, so the agent's status is recorded either way.
   */
  updateMetadata(changes: Partial<TaskMetadata>, fallback: () => Omit<TaskMetadata, 'timestamp' | 'task_id'>): Promise<void> {
    const file = path.join(this.taskDir, TASK_LOG_FILES.metadata);
    return this.enqueue(TASK_LOG_FILES.metadata, async () => {
      const existing = await readFile(file, 'utf8').then(
        (text) => TaskMetadataSchema.safeParse(parseJson(text)),
        () => null,
      );
      const base = existing?.success ? existing.data : { ...fallback(), task_id: this.taskId };
      const next = TaskMetadataSchema.parse({ ...base, ...changes, ...this.stamp() });
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
    });
  }

  /** Resolves once every write made so far is on disk (or failed and was logged). */
  async flush(): Promise<void> {
    await Promise.all(this.chains.values());
  }
}

/** Opens the task log of any task in TASK_LOGS_DIR. */
export class TaskLogs {
  constructor(private readonly options: TaskLogOptions) {}

  forTask(taskId: string): TaskLog {
    return new TaskLog(this.options, taskId);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
