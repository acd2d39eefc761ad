import {
  AgentOutputRecordSchema,
  FinalResultSchema,
  MicroserviceFlowRecordSchema,
  QueueFlowRecordSchema,
  TaskInputSchema,
  TaskMetadataSchema,
  WebhookFlowRecordSchema,
} from '@swe-ai-fleet/contracts';
import { z } from 'zod';

/** The seven parts of `TASK_LOGS_DIR/<task id>/`; a missing part is null or []. */
export const TaskLogSchema = z
  .object({
    metadata: TaskMetadataSchema.meta({ id: 'MetadataRecord' }).nullable().describe('metadata.json'),
    input: TaskInputSchema.meta({ id: 'InputRecord' }).nullable().describe('01-input.json'),
    webhook_flow: z.array(WebhookFlowRecordSchema.meta({ id: 'WebhookFlowRecord' })).describe('02-webhook-flow.jsonl'),
    queue_flow: z.array(QueueFlowRecordSchema.meta({ id: 'QueueFlowRecord' })).describe('03-queue-flow.jsonl'),
    agent_output: z.array(AgentOutputRecordSchema.meta({ id: 'AgentOutputRecord' })).describe('04-agent-output.jsonl'),
    microservices_flow: z
      .array(MicroserviceFlowRecordSchema.meta({ id: 'MicroserviceFlowRecord' }))
      .describe('05-microservices-flow.jsonl'),
    final_result: FinalResultSchema.meta({ id: 'FinalResultRecord' }).nullable().describe('06-final-result.json'),
  })
  .meta({ id: 'TaskLog' });
export type TaskLog = z.infer<typeof TaskLogSchema>;
