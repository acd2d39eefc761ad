import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AgentOutputRecordSchema,
  FinalResultSchema,
  MicroserviceFlowRecordSchema,
  QueueFlowRecordSchema,
  TASK_LOG_FILES,
  type TaskEvent,
  TaskEventSchema,
  TaskInputSchema,
  TaskMetadataSchema,
  WEBHOOK_STAGES,
  WebhookFlowRecordSchema,
} from '@swe-ai-fleet/contracts';

export const RUNNING_TASK_ID = 'task-01KA7R0NN1NGTASK0000000001';
const line = (record: unknown) => `${JSON.stringify(record)}\n`;

/**
 * A task in the middle of its run, written as the gateway and the agent write it: the events on
 * `task-events`, and its log in TASK_LOGS_DIR, to which the test appends as the agent would.
 */
export function runningTask(logsDir: string, startedAt: number) {
  const id = RUNNING_TASK_ID;
  const dir = path.join(logsDir, id);
  const at = (ms: number) => new Date(startedAt + ms).toISOString();
  const base = (ms: number) => ({ task_id: id, timestamp: at(ms) });
  const common = {
    task_id: id,
    provider: 'github',
    command: 'fix',
    conversation_key: 'github:acme/api#42',
    repository: { owner: 'acme', name: 'api' },
    author: { id: '583231', login: 'octocat', association: 'OWNER' },
    text: '@agent fix the flaky login test: it fails one run in ten on CI',
    received_at: at(0),
    links: [],
  };
  const metadata = (status: 'running' | 'succeeded', finishedMs?: number) =>
    TaskMetadataSchema.parse({
      ...base(finishedMs ?? 900),
      source: 'github:issue_comment',
      provider: 'github',
      status,
      command: 'fix',
      agent: 'coder',
      runner: 'vllm',
      model: 'qwen3-coder-30b',
      repository: 'acme/api',
      created_at: at(0),
      started_at: at(900),
      finished_at: finishedMs === undefined ? undefined : at(finishedMs),
    });

  return {
    id,
    events: {
      created: TaskEventSchema.parse({ ...common, event_id: randomUUID(), type: 'task_created', status: 'queued', timestamp: at(0) }),
      started: TaskEventSchema.parse({ ...common, event_id: randomUUID(), type: 'task_started', status: 'running', timestamp: at(900), started_at: at(900), agent: 'coder', runner: 'vllm', model: 'qwen3-coder-30b' }),
      completed: (finishedMs: number): TaskEvent =>
        TaskEventSchema.parse({
          ...common,
          event_id: randomUUID(),
          type: 'task_completed',
          status: 'succeeded',
          timestamp: at(finishedMs),
          started_at: at(900),
          finished_at: at(finishedMs),
          agent: 'coder',
          runner: 'vllm',
          model: 'qwen3-coder-30b',
          usage: { input_tokens: 48_210, output_tokens: 3_904, cost_usd: 0.0383 },
          result: 'The login test raced the session cookie; it now awaits the redirect. Draft PR opened.',
          links: [{ kind: 'pull_request', url: 'https://github.com/acme/api/pull/43' }],
        }),
    },

    /** Everything up to the agent's first steps. */
    async writeStart(): Promise<void> {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, TASK_LOG_FILES.metadata), JSON.stringify(metadata('running'), null, 2));
      await writeFile(
        path.join(dir, TASK_LOG_FILES.input),
        JSON.stringify(
          TaskInputSchema.parse({
            ...base(0),
            provider: 'github',
            delivery_id: randomUUID(),
            event: 'issue_comment.created',
            message: common.text,
            command: 'fix',
            options: {},
            author: common.author,
            repository: 'acme/api',
            source: { issue_number: 42, comment_id: 1_999_000_001 },
          }),
          null,
          2,
        ),
      );
      await writeFile(
        path.join(dir, TASK_LOG_FILES.webhookFlow),
        WEBHOOK_STAGES.map((stage, index) => line(WebhookFlowRecordSchema.parse({ ...base(index * 3), stage, status: 'ok', details: stage === 'authorization' ? { association: 'OWNER' } : {} }))).join(''),
      );
      await writeFile(
        path.join(dir, TASK_LOG_FILES.queueFlow),
        [
          QueueFlowRecordSchema.parse({ ...base(25), stage: 'queued', queue: 'agent-tasks' }),
          QueueFlowRecordSchema.parse({ ...base(880), stage: 'dequeued', queue: 'agent-tasks', attempt: 1 }),
          QueueFlowRecordSchema.parse({ ...base(890), stage: 'worker_assigned', queue: 'agent-tasks', worker: 'agent-7f9c' }),
        ]
          .map(line)
          .join(''),
      );
      await writeFile(
        path.join(dir, TASK_LOG_FILES.agentOutput),
        [
          AgentOutputRecordSchema.parse({ ...base(900), type: 'task_started', content: 'agent coder on vllm (qwen3-coder-30b)' }),
          AgentOutputRecordSchema.parse({ ...base(2_400), type: 'thinking', content: 'The test fails one run in ten: a timing issue. Start with the test file.' }),
          AgentOutputRecordSchema.parse({ ...base(3_100), type: 'tool_call', tool: 'read_file', tool_call_id: 'call-1', input: { path: 'test/login.test.ts' } }),
          AgentOutputRecordSchema.parse({ ...base(3_180), type: 'tool_result', tool: 'read_file', tool_call_id: 'call-1', content: "await page.click('#login');\nexpect(await page.cookies()).toContainEqual(session);" }),
        ]
          .map(line)
          .join(''),
      );
      await writeFile(
        path.join(dir, TASK_LOG_FILES.microservicesFlow),
        [
          MicroserviceFlowRecordSchema.parse({ ...base(1_000), type: 'service_request', service: 'github-service', operation: 'issues.get', method: 'GET', path: '/api/v1/repos/acme/api/issues/42' }),
          MicroserviceFlowRecordSchema.parse({ ...base(1_090), type: 'service_response', service: 'github-service', operation: 'issues.get', status_code: 200, duration_ms: 90 }),
        ]
          .map(line)
          .join(''),
      );
    },

    /** One more record of the agent, appended whole as the agent appends it. */
    async appendAgentOutput(ms: number, record: { type: 'thinking' | 'message' | 'tool_call' | 'tool_result'; content?: string; tool?: string; input?: unknown; tool_call_id?: string }): Promise<void> {
      await appendFile(path.join(dir, TASK_LOG_FILES.agentOutput), line(AgentOutputRecordSchema.parse({ ...base(ms), ...record })));
    },

    /** The end of the run: the final result, then metadata.json, as the agent writes them. */
    async writeFinish(finishedMs: number): Promise<void> {
      await appendFile(
        path.join(dir, TASK_LOG_FILES.microservicesFlow),
        line(MicroserviceFlowRecordSchema.parse({ ...base(finishedMs - 500), type: 'service_request', service: 'github-service', operation: 'pulls.create', method: 'POST', path: '/api/v1/repos/acme/api/pulls' })),
      );
      await writeFile(
        path.join(dir, TASK_LOG_FILES.finalResult),
        JSON.stringify(
          FinalResultSchema.parse({
            ...base(finishedMs),
            success: true,
            result: 'The login test raced the session cookie; it now awaits the redirect. Draft PR opened.',
            error: null,
            runner: 'vllm',
            model: 'qwen3-coder-30b',
            metrics: { input_tokens: 48_210, output_tokens: 3_904, cost_usd: 0.0383, duration_ms: finishedMs - 900, steps: 9 },
            links: [{ kind: 'pull_request', url: 'https://github.com/acme/api/pull/43' }],
          }),
          null,
          2,
        ),
      );
      await writeFile(path.join(dir, TASK_LOG_FILES.metadata), JSON.stringify(metadata('succeeded', finishedMs), null, 2));
    },
  };
}
