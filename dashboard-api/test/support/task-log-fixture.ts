import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AgentOutputRecordSchema,
  FinalResultSchema,
  MicroserviceFlowRecordSchema,
  QueueFlowRecordSchema,
  TASK_LOG_FILES,
  TaskInputSchema,
  TaskMetadataSchema,
  WebhookFlowRecordSchema,
} from '@swe-ai-fleet/contracts';

const at = (second: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, second)).toISOString();

/** The records of a complete task log of one GitHub `@agent fix` run, each checked against its contract. */
export function taskLogRecords(taskId: string) {
  const base = (second: number) => ({ task_id: taskId, timestamp: at(second) });
  return {
    metadata: TaskMetadataSchema.parse({
      ...base(131),
      source: 'github:issue_comment',
      provider: 'github',
      status: 'succeeded',
      command: 'fix',
      agent: 'coder',
      runner: 'vllm',
      model: 'qwen3-coder',
      repository: 'octo/hello',
      created_at: at(0),
      started_at: at(1),
      finished_at: at(131),
    }),
    input: TaskInputSchema.parse({
      ...base(0),
      provider: 'github',
      delivery_id: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      event: 'issue_comment.created',
      message: '@agent fix the flaky test in ci.yml',
      command: 'fix',
      options: { runner: 'vllm' },
      author: { id: '583231', login: 'octocat', association: 'OWNER' },
      repository: 'octo/hello',
      source: { issue_number: 7, comment_id: 1001, html_url: 'https://github.com/octo/hello/issues/7#issuecomment-1001' },
    }),
    webhookFlow: (['received', 'validation', 'parsing', 'command_matching', 'authorization', 'task_created', 'queue_push'] as const).map(
      (stage) => WebhookFlowRecordSchema.parse({ ...base(0), stage, status: 'ok', details: { stage } }),
    ),
    queueFlow: [
      QueueFlowRecordSchema.parse({ ...base(0), stage: 'queued', queue: 'agent-tasks' }),
      QueueFlowRecordSchema.parse({ ...base(1), stage: 'dequeued', queue: 'agent-tasks', attempt: 1 }),
      QueueFlowRecordSchema.parse({ ...base(1), stage: 'worker_assigned', queue: 'agent-tasks', worker: 'agent-1' }),
    ],
    agentOutput: [
      AgentOutputRecordSchema.parse({ ...base(1), type: 'task_started', content: 'agent coder on vllm' }),
      AgentOutputRecordSchema.parse({ ...base(5), type: 'thinking', content: 'The test races on the cache directory.' }),
      AgentOutputRecordSchema.parse({ ...base(9), type: 'tool_call', tool: 'read_file', tool_call_id: 'c1', input: { path: 'ci.yml' } }),
      AgentOutputRecordSchema.parse({ ...base(10), type: 'tool_result', tool: 'read_file', tool_call_id: 'c1', content: 'jobs: ...' }),
      AgentOutputRecordSchema.parse({ ...base(130), type: 'message', content: 'Fixed the race in ci.yml.' }),
    ],
    microservicesFlow: [
      MicroserviceFlowRecordSchema.parse({ ...base(2), type: 'service_request', service: 'github-service', operation: 'issues.get', method: 'GET', path: '/api/v1/repos/octo/hello/issues/7' }),
      MicroserviceFlowRecordSchema.parse({ ...base(2), type: 'service_response', service: 'github-service', operation: 'issues.get', status_code: 200, duration_ms: 84 }),
      MicroserviceFlowRecordSchema.parse({ ...base(131), type: 'service_error', service: 'github-service', operation: 'pulls.create', status_code: 502, error: 'GitHub: Bad Gateway' }),
    ],
    finalResult: FinalResultSchema.parse({
      ...base(131),
      success: true,
      result: 'Fixed the race in ci.yml; see the draft PR.',
      error: null,
      runner: 'vllm',
      model: 'qwen3-coder',
      metrics: { input_tokens: 18234, output_tokens: 2011, cost_usd: 0.0412, duration_ms: 130000.4, steps: 7 },
      links: [{ kind: 'pull_request', url: 'https://github.com/octo/hello/pull/8' }],
    }),
  };
}
export type TaskLogRecords = ReturnType<typeof taskLogRecords>;

const jsonl = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');

/** Writes `<logsDir>/<taskId>/` with all seven files; `extraLines` are appended raw to a JSONL part. */
export async function writeTaskLog(
  logsDir: string,
  records: TaskLogRecords,
  options: { extraAgentLines?: string[] } = {},
): Promise<string> {
  const dir = join(logsDir, records.metadata.task_id);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, TASK_LOG_FILES.metadata), JSON.stringify(records.metadata, null, 2));
  await writeFile(join(dir, TASK_LOG_FILES.input), JSON.stringify(records.input, null, 2));
  await writeFile(join(dir, TASK_LOG_FILES.webhookFlow), jsonl(records.webhookFlow));
  await writeFile(join(dir, TASK_LOG_FILES.queueFlow), jsonl(records.queueFlow));
  await writeFile(join(dir, TASK_LOG_FILES.agentOutput), jsonl(records.agentOutput) + (options.extraAgentLines ?? []).join('\n'));
  await writeFile(join(dir, TASK_LOG_FILES.microservicesFlow), jsonl(records.microservicesFlow));
  await writeFile(join(dir, TASK_LOG_FILES.finalResult), JSON.stringify(records.finalResult, null, 2));
  return dir;
}
