import { describe, expect, it } from 'vitest';
import type { TaskDetail } from '../src/api/types.js';
import { appendLiveRecords, parseLiveEvent } from '../src/task-log/live-events.js';
import { taskStages } from '../src/task-log/task-stages.js';
import { ID } from './fixtures.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, second)).toISOString();
const base = (second: number) => ({ task_id: ID, timestamp: at(second) });

function detail(status: TaskDetail['task']['status'], log: Partial<TaskDetail['log']>): TaskDetail {
  return {
    task: {
      id: ID, status, provider: 'github', command: 'fix', repository: 'octo/hello', author: { id: '1', login: 'octocat' }, agent: null, runner: null, model: null,
      conversation_key: null, received_at: at(0), started_at: null, finished_at: null, duration_ms: null, queue_wait_ms: null, input_tokens: null, output_tokens: null,
      cost_usd: null, links: [], updated_at: at(0), text: '@agent fix it', result: null, error: null,
    },
    log: { metadata: null, input: null, webhook_flow: [], queue_flow: [], agent_output: [], microservices_flow: [], final_result: null, ...log },
    log_position: 'x',
  };
}

describe('the seven stages of a task', () => {
  it('are all pending before anything is written', () => {
    const stages = taskStages(detail('queued', {}));
    expect(stages.map((stage) => stage.title)).toEqual(['Recorded', 'Request', 'Webhook checks', 'Queue', 'Agent run', 'Provider calls', 'Result']);
    expect(stages.every((stage) => stage.state === 'pending')).toBe(true);
  });

  it('follow a running task: webhook done, queue picked up, agent in progress', () => {
    const stages = taskStages(
      detail('running', {
        webhook_flow: [{ ...base(0), stage: 'queue_push', status: 'ok', details: {} }],
        queue_flow: [
          { ...base(0), stage: 'queued', queue: 'agent-tasks', details: {} },
          { ...base(1), stage: 'dequeued', queue: 'agent-tasks', attempt: 2, details: {} },
          { ...base(1), stage: 'dequeued', queue: 'agent-tasks', attempt: 2, details: {} },
          { ...base(1), stage: 'worker_assigned', queue: 'agent-tasks', details: {} },
        ],
        agent_output: [{ ...base(2), type: 'thinking', content: 'hmm' }],
      }),
    );
    expect(stages.map((stage) => [stage.title, stage.state])).toEqual([
      ['Recorded', 'pending'],
      ['Request', 'pending'],
      ['Webhook checks', 'done'],
      ['Queue', 'done'],
      ['Agent run', 'active'],
      ['Provider calls', 'pending'],
      ['Result', 'pending'],
    ]);
    expect(stages[3]?.summary).toBe('picked up (attempt 2)');
    expect(stages[4]?.at).toBe(at(2));
  });

  it('show where a task failed', () => {
    const refused = taskStages(detail('failed', { webhook_flow: [{ ...base(0), stage: 'authorization', status: 'failed', details: {} }] }));
    expect(refused[2]).toMatchObject({ state: 'failed', summary: 'failed at authorization' });
    expect(refused[6]).toMatchObject({ state: 'failed', summary: 'failed' });
  });
});

describe('live-tail events', () => {
  it('are parsed when they have the documented shape, and dropped otherwise', () => {
    const records = { records: [{ part: 'agent_output', record: { ...base(3), type: 'message', content: 'hi' } }] };
    expect(parseLiveEvent(JSON.stringify(records))).toEqual(records);
    expect(parseLiveEvent(JSON.stringify({ end: { status: 'succeeded' } }))).toEqual({ end: { status: 'succeeded' } });
    for (const bad of ['not json', '[]', JSON.stringify({ records: [{ part: 'secrets', record: {} }] }), JSON.stringify({ records: 'x' }), JSON.stringify({ task: { id: 1 } })]) {
      expect(parseLiveEvent(bad), bad).toBeNull();
    }
  });

  it('append their records to the right parts, in order, without touching the others', () => {
    const before = detail('running', { agent_output: [{ ...base(1), type: 'thinking', content: 'first' }] });
    const after = appendLiveRecords(before, [
      { part: 'agent_output', record: { ...base(2), type: 'message', content: 'second' } },
      { part: 'queue_flow', record: { ...base(2), stage: 'retry', queue: 'agent-tasks', details: {} } },
    ]);
    expect(after.log.agent_output.map((record) => record.content)).toEqual(['first', 'second']);
    expect(after.log.queue_flow).toHaveLength(1);
    expect(before.log.agent_output).toHaveLength(1);
  });
});
