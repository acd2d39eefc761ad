import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { QueueFlowRecordSchema, TASK_LOG_FILES, TaskInputSchema, TaskMetadataSchema, WebhookFlowRecordSchema } from '@swe-ai-fleet/contracts';
import type { z } from 'zod';

async function readJsonl<T>(path: string, schema: z.ZodType<T>): Promise<T[]> {
  const content = await readFile(path, 'utf8');
  return content
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => schema.parse(JSON.parse(line)));
}

/** The gateway's four task-log files of one task, each checked against its contract schema. */
export async function readTaskLog(root: string, taskId: string) {
  const directory = join(root, taskId);
  return {
    files: (await readdir(directory)).sort(),
    metadata: TaskMetadataSchema.parse(JSON.parse(await readFile(join(directory, TASK_LOG_FILES.metadata), 'utf8'))),
    input: TaskInputSchema.parse(JSON.parse(await readFile(join(directory, TASK_LOG_FILES.input), 'utf8'))),
    webhookFlow: await readJsonl(join(directory, TASK_LOG_FILES.webhookFlow), WebhookFlowRecordSchema),
    queueFlow: await readJsonl(join(directory, TASK_LOG_FILES.queueFlow), QueueFlowRecordSchema).catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
      throw error;
    }),
  };
}
