import { randomUUID } from 'node:crypto';
import { type TaskEvent, TaskEventSchema } from '@swe-ai-fleet/contracts';

export type TaskEventInput = Partial<TaskEvent> & Pick<TaskEvent, 'task_id'>;

/** A valid task event as the gateway and the agent publish it, checked against the contract. */
export function taskEvent(fields: TaskEventInput): TaskEvent {
  return TaskEventSchema.parse({
    event_id: randomUUID(),
    type: 'task_created',
    timestamp: '2026-01-05T10:00:00.000Z',
    status: 'queued',
    provider: 'github',
    command: 'fix',
    conversation_key: 'github:octo/hello#7',
    repository: { owner: 'octo', name: 'hello' },
    author: { id: '583231', login: 'octocat', association: 'OWNER' },
    text: '@agent fix the flaky test in ci.yml',
    received_at: '2026-01-05T10:00:00.000Z',
    links: [],
    ...fields,
  });
}

/** The three events of one successful run, in the order the gateway and the agent send them. */
export function successfulRun(taskId: string) {
  const created = taskEvent({ task_id: taskId });
  const started = taskEvent({
    task_id: taskId,
    type: 'task_started',
    status: 'running',
    timestamp: '2026-01-05T10:00:01.500Z',
    started_at: '2026-01-05T10:00:01.500Z',
    agent: 'coder',
    runner: 'vllm',
    model: 'qwen3-coder',
  });
  const completed = taskEvent({
    task_id: taskId,
    type: 'task_completed',
    status: 'succeeded',
    timestamp: '2026-01-05T10:02:11.500Z',
    started_at: '2026-01-05T10:00:01.500Z',
    finished_at: '2026-01-05T10:02:11.500Z',
    agent: 'coder',
    runner: 'vllm',
    model: 'qwen3-coder',
    usage: { input_tokens: 18234, output_tokens: 2011, cost_usd: 0.0412 },
    result: 'Fixed the race in ci.yml; see the draft PR.',
    links: [{ kind: 'pull_request', url: 'https://github.com/octo/hello/pull/8' }],
  });
  return { created, started, completed };
}
