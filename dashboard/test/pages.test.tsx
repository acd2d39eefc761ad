import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../src/api/api-context.js';
import { ApiError } from '../src/api/api-error.js';
import { createDashboardApi } from '../src/api/dashboard-api.js';
import type { TaskDetail, TaskList } from '../src/api/types.js';
import { ErrorState } from '../src/components/state-views.js';
import { TaskListPage } from '../src/pages/task-list-page.js';
import { TaskPage } from '../src/pages/task-page.js';

const ID = 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W';
const at = (second: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, second)).toISOString();
const base = (second: number) => ({ task_id: ID, timestamp: at(second) });

const detail: TaskDetail = {
  task: {
    id: ID,
    status: 'failed',
    provider: 'github',
    command: 'fix',
    repository: 'octo/hello',
    author: { id: '583231', login: 'octocat', association: 'OWNER' },
    agent: 'coder',
    runner: 'vllm',
    model: 'qwen3-coder',
    conversation_key: 'github:octo/hello#7',
    received_at: at(0),
    started_at: at(1),
    finished_at: at(131),
    duration_ms: 130_000,
    queue_wait_ms: 1_000,
    input_tokens: 18_234,
    output_tokens: 2_011,
    cost_usd: 0.0412,
    links: [],
    updated_at: at(131),
    text: '@agent fix the flaky test in ci.yml',
    result: null,
    error: 'wall time limit of 130 s reached',
  },
  log: {
    metadata: { ...base(131), source: 'github:issue_comment', provider: 'github', status: 'failed', command: 'fix', repository: 'octo/hello', created_at: at(0) },
    input: {
      ...base(0),
      provider: 'github',
      delivery_id: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      event: 'issue_comment.created',
      message: '@agent fix the flaky test in ci.yml',
      command: 'fix',
      options: { runner: 'vllm' },
      author: { id: '583231', login: 'octocat' },
      repository: 'octo/hello',
      source: { issue_number: 7 },
    },
    webhook_flow: [{ ...base(0), stage: 'authorization', status: 'ok', details: { association: 'OWNER' } }],
    queue_flow: [{ ...base(1), stage: 'worker_assigned', queue: 'agent-tasks', worker: 'agent-7', details: {} }],
    agent_output: [
      { ...base(2), type: 'tool_call', tool: 'read_file', tool_call_id: 'c1', input: { path: 'ci.yml' } },
      { ...base(3), type: 'tool_result', tool: 'read_file', tool_call_id: 'c1', content: 'jobs: build' },
    ],
    microservices_flow: [{ ...base(4), type: 'service_error', service: 'github-service', operation: 'pulls.create', status_code: 502, error: 'GitHub: Bad Gateway' }],
    final_result: null,
  },
  log_position: 'WzAsMCwwLDBd',
};

function render(node: ReactNode, seed: (client: QueryClient) => void): string {
  const client = new QueryClient();
  seed(client);
  return renderToString(
    <QueryClientProvider client={client}>
      <ApiProvider client={createDashboardApi('http://127.0.0.1:9')}>{node}</ApiProvider>
    </QueryClientProvider>,
  );
}

/** The text a reader sees, tags and React's comment markers removed. */
const text = (html: string) => html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the task page', () => {
  it('shows the task and the seven parts of its log, in the order they are written', () => {
    const page = text(render(<TaskPage id={ID} />, (client) => client.setQueryData(['task', ID], detail)));
    const titles = ['Metadata', 'Input', 'Webhook flow', 'Queue flow', 'Agent output', 'Microservices flow', 'Final result'];
    const positions = titles.map((title) => page.indexOf(` ${title} `));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const seen of ['Recorded', 'Webhook checks', 'Queue', 'Agent run', 'Provider calls', 'picked up', '0 calls, 1 error', 'Failed', 'octo/hello', '2 min 10 s', '18.2k in · 2k out', '$0.0412', 'wall time limit of 130 s reached', 'Tool call · read_file', 'path: ci.yml', 'jobs: build', 'agent-7', 'GitHub: Bad Gateway', '--runner=vllm', '06-final-result.json is written when the run ends']) {
      expect(page, seen).toContain(seen);
    }
  });

  it('explains why a task cannot be shown, with a way to try again', () => {
    const html = renderToString(<ErrorState error={new ApiError('not_found', `no task ${ID}`, 404)} onRetry={() => undefined} />);
    expect(text(html)).toContain(`Could not load this. no task ${ID} not_found Try again`);
    expect(html).toContain('role="alert"');
    expect(text(renderToString(<ErrorState error={new TypeError('fetch failed')} />))).toContain('fetch failed');
  });
});

describe('the task list page', () => {
  const page = (items: TaskList['items']) =>
    text(
      render(<TaskListPage filters={{}} />, (client) =>
        client.setQueryData(['tasks', {}], { pages: [{ items, next_cursor: null }], pageParams: [undefined] }),
      ),
    );

  it('lists tasks with their status, source, author, tokens and cost', () => {
    const { text: _text, result: _result, error: _error, ...summary } = detail.task;
    const list = page([{ ...summary, text_preview: '@agent fix the flaky test' }]);
    for (const seen of ['Failed', 'fix', '@agent fix the flaky test', 'GitHub', 'octo/hello', 'octocat', '2 min 10 s', '18.2k in · 2k out', '$0.0412', '1 task shown']) {
      expect(list, seen).toContain(seen);
    }
  });

  it('says so when there is no task yet', () => {
    expect(page([])).toContain('No tasks yet');
  });
});
