import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AgentOutputRecordSchema,
  MicroserviceFlowRecordSchema,
  QueueFlowRecordSchema,
  TASK_LOG_FILES,
  WebhookFlowRecordSchema,
} from '@swe-ai-fleet/contracts';
import type { z } from 'zod';
import type { JsonlPart, LogPosition } from './log-position.js';
import type { WarnLogger } from './read-json-record.js';
import { readJsonlRecords } from './read-jsonl-records.js';

const FILES: Record<JsonlPart, string> = {
  webhook_flow: TASK_LOG_FILES.webhookFlow,
  queue_flow: TASK_LOG_FILES.queueFlow,
  agent_output: TASK_LOG_FILES.agentOutput,
  microservices_flow: TASK_LOG_FILES.microservicesFlow,
};

export type TailRecord =
  | { part: 'webhook_flow'; record: z.infer<typeof WebhookFlowRecordSchema> }
  | { part: 'queue_flow'; record: z.infer<typeof QueueFlowRecordSchema> }
  | { part: 'agent_output'; record: z.infer<typeof AgentOutputRecordSchema> }
  | { part: 'microservices_flow'; record: z.infer<typeof MicroserviceFlowRecordSchema> };

export interface TailStep {
  /** New records of every JSONL part, in time order. */
  records: TailRecord[];
  /** Where the next step starts. */
  position: LogPosition;
  /** metadata.json or 06-final-result.json changed since the previous step (or this is the first). */
  summaryChanged: boolean;
  /** Whether 06-final-result.json exists: the agent writes it last. */
  finished: boolean;
}

/**
 * Follows one task's log from a position: each `step()` reads what was appended to the JSONL
 * parts since, and notices when the JSON summary files change. Polling rather than fs.watch:
 * the log volume may be a network share, where change notifications do not arrive.
 */
export class TaskLogTail {
  private position: LogPosition;
  private signature = '';

  constructor(
    private readonly dir: string,
    from: LogPosition,
    private readonly logger: WarnLogger,
    /** Records read per part and step at most, so one step stays small; the rest comes next step. */
    private readonly maxPerStep = 500,
  ) {
    this.position = { ...from };
  }

  async step(): Promise<TailStep> {
    const [webhook, queue, agent, services] = await Promise.all([
      this.readPart('webhook_flow', WebhookFlowRecordSchema),
      this.readPart('queue_flow', QueueFlowRecordSchema),
      this.readPart('agent_output', AgentOutputRecordSchema),
      this.readPart('microservices_flow', MicroserviceFlowRecordSchema),
    ]);
    const appended: TailRecord[] = [
      ...webhook.map((record) => ({ part: 'webhook_flow' as const, record })),
      ...queue.map((record) => ({ part: 'queue_flow' as const, record })),
      ...agent.map((record) => ({ part: 'agent_output' as const, record })),
      ...services.map((record) => ({ part: 'microservices_flow' as const, record })),
    ];
    const records = appended
      .map((entry, index) => ({ entry, index, at: Date.parse(entry.record.timestamp) }))
      .sort((a, b) => a.at - b.at || a.index - b.index)
      .map(({ entry }) => entry);
    const [metadata, final] = await Promise.all([fileSignature(join(this.dir, TASK_LOG_FILES.metadata)), fileSignature(join(this.dir, TASK_LOG_FILES.finalResult))]);
    const signature = `${metadata}|${final}`;
    const summaryChanged = signature !== this.signature;
    this.signature = signature;
    return { records, position: { ...this.position }, summaryChanged, finished: final !== 'missing' };
  }

  private async readPart<T extends z.ZodType>(part: JsonlPart, schema: T): Promise<Array<z.infer<T>>> {
    const path = join(this.dir, FILES[part]);
    const size = await stat(path).then(
      (stats) => stats.size,
      () => null,
    );
    if (size === null || size === this.position[part]) return [];
    if (size < this.position[part]) {
      // The file is shorter than what was read: it was replaced, so it is read again from the start.
      this.logger.warn({ path }, 'task-log part shrank; reading it again');
      this.position[part] = 0;
    }
    const read = await readJsonlRecords(path, schema, this.logger, { offset: this.position[part], maxRecords: this.maxPerStep });
    this.position[part] = read.offset;
    return read.records;
  }
}

async function fileSignature(path: string): Promise<string> {
  try {
    const stats = await stat(path);
    return `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return 'missing';
  }
}
