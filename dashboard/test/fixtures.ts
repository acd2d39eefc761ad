import type {
  AnalyticsBreakdown,
  AnalyticsSeries,
  Command,
  Conversation,
  Ledger,
  Metrics,
  Registry,
  Services,
  Session,
  TaskSummary,
  WebhookRoute,
} from '../src/api/types.js';

export const ID = 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W';

export const metrics = (tasks: number, extra: Partial<Metrics> = {}): Metrics => ({
  tasks,
  succeeded: tasks,
  failed: 0,
  cancelled: 0,
  in_progress: 0,
  success_rate: tasks ? 1 : null,
  duration_p50_ms: tasks ? 42_000 : null,
  duration_p95_ms: tasks ? 130_000 : null,
  queue_wait_p50_ms: tasks ? 800 : null,
  queue_wait_p95_ms: tasks ? 4_000 : null,
  cost_usd: tasks * 0.05,
  input_tokens: tasks * 1_000,
  output_tokens: tasks * 100,
  ...extra,
});

export const series: AnalyticsSeries = {
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-03T00:00:00.000Z',
  bucket: 'day',
  time_zone: 'UTC',
  points: [
    { start: '2026-03-01T00:00:00.000Z', ...metrics(3) },
    { start: '2026-03-02T00:00:00.000Z', ...metrics(1, { succeeded: 0, failed: 1, success_rate: 0 }) },
  ],
  totals: metrics(4, { succeeded: 3, failed: 1, success_rate: 0.75, in_progress: 2 }),
};

export const breakdown: AnalyticsBreakdown = {
  by: 'repository',
  from: series.from,
  to: series.to,
  items: [
    { key: 'octo/hello', ...metrics(3) },
    { key: null, ...metrics(1) },
  ],
};

export const ledger: Ledger = {
  from: series.from,
  to: series.to,
  period: 'day',
  time_zone: 'UTC',
  periods: [
    { start: '2026-03-01T00:00:00.000Z', tasks: 3, input_tokens: 3_000, output_tokens: 300, cost_usd: 0.15 },
    { start: '2026-03-02T00:00:00.000Z', tasks: 1, input_tokens: 1_000, output_tokens: 100, cost_usd: 0.05 },
  ],
  totals: { tasks: 4, input_tokens: 4_000, output_tokens: 400, cost_usd: 0.2 },
};

export const summary = (id: string, extra: Partial<TaskSummary> = {}): TaskSummary => ({
  id,
  status: 'running',
  provider: 'github',
  command: 'fix',
  repository: 'octo/hello',
  author: { id: '1', login: 'octocat' },
  agent: 'coder',
  runner: 'vllm',
  model: 'qwen3-coder',
  conversation_key: 'github:octo/hello#7',
  received_at: '2026-03-02T10:00:00.000Z',
  started_at: '2026-03-02T10:00:01.000Z',
  finished_at: null,
  duration_ms: null,
  queue_wait_ms: 1_000,
  input_tokens: null,
  output_tokens: null,
  cost_usd: null,
  links: [],
  updated_at: '2026-03-02T10:00:01.000Z',
  text_preview: '@agent fix the flaky login test',
  ...extra,
});

export const services: Services = {
  checked_at: '2026-03-02T10:00:00.000Z',
  components: [
    { name: 'api-gateway', url: 'http://127.0.0.1:8080', status: 'ok', http_status: 200, checks: { database: 'ok', redis: 'ok' }, latency_ms: 4, error: null },
    { name: 'github-service', url: 'http://127.0.0.1:8081', status: 'degraded', http_status: 200, checks: { database: 'ok', credentials: 'missing' }, latency_ms: 9, error: null },
    { name: 'slack-service', url: 'http://127.0.0.1:8083', status: 'unreachable', http_status: null, checks: {}, latency_ms: null, error: 'ECONNREFUSED' },
  ],
  queues: [
    { name: 'agent-tasks', counts: { waiting: 3, active: 2, delayed: 1, prioritized: 0, 'waiting-children': 0, paused: 0, failed: 4, completed: 120 }, error: null },
    { name: 'notifications', counts: null, error: 'no answer from Redis within 3000 ms' },
  ],
  agent: {
    status: {
      running: [{ task_id: ID, attempt: 1, provider: 'github', command: 'fix', agent: 'coder', runner: 'vllm', started_at: '2026-03-02T10:00:01.000Z' }],
      runners: [
        { name: 'vllm', available: true },
        { name: 'claude', available: false },
      ],
      agents: ['coder'],
      concurrency: { agent_tasks: 2, notifications: 20 },
    },
    error: null,
  },
};

export const registry: Registry = {
  agents: [{ name: 'coder', available: true, tasks: 12, succeeded: 10, failed: 2, cost_usd: 1.5, last_used_at: '2026-03-02T10:00:00.000Z' }],
  runners: [{ name: 'claude', available: false, tasks: 0, succeeded: 0, failed: 0, cost_usd: 0, last_used_at: null }],
  commands: [{ name: 'fix', available: null, tasks: 9, succeeded: 8, failed: 1, cost_usd: 1, last_used_at: '2026-03-02T10:00:00.000Z' }],
  models: [{ name: 'qwen3-coder', available: null, tasks: 12, succeeded: 10, failed: 2, cost_usd: 1.5, last_used_at: '2026-03-02T10:00:00.000Z' }],
  agent_status_error: null,
};

export const commands: Command[] = [
  { name: 'help', description: 'List the commands', enabled: true, options: {}, protected: true, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' },
  { name: 'fix', description: 'Fix the bug under discussion', enabled: false, options: { runner: 'claude' }, protected: false, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' },
];

export const webhook: WebhookRoute = {
  slug: 'pagerduty',
  url: '/webhooks/custom/pagerduty',
  description: 'Incidents to fix',
  mapping: { text: '/incident/title', thread: '/incident/id' },
  default_command: 'fix',
  default_repository: 'acme/api',
  require_mention: false,
  allowed_authors: [],
  enabled: true,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

export const conversation: Conversation = {
  key: 'github:octo/hello#7',
  provider: 'github',
  repository: 'octo/hello',
  first_at: '2026-03-02T10:00:00.000Z',
  last_at: '2026-03-02T11:00:00.000Z',
  task_count: 2,
  turns: [
    { task_id: ID, status: 'succeeded', command: 'ask', author: { id: '1', login: 'octocat' }, question: '@agent ask why is CI red?', answer: 'The arm64 runner is out of disk.', error: null, agent: 'coder', model: 'qwen3-coder', received_at: '2026-03-02T10:00:00.000Z', finished_at: '2026-03-02T10:01:00.000Z', duration_ms: 60_000, cost_usd: 0.02, links: [] },
    { task_id: 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9X', status: 'failed', command: 'fix', author: { id: '1', login: 'octocat' }, question: '@agent fix it', answer: null, error: 'wall time limit reached', agent: 'coder', model: null, received_at: '2026-03-02T11:00:00.000Z', finished_at: null, duration_ms: null, cost_usd: null, links: [] },
  ],
};

export const adminSession: Session = {
  user: { id: 'u1', email: 'ada@fleet.test', name: 'Ada', role: 'admin', disabled: false, has_password: true, created_at: '2026-01-01T00:00:00.000Z' },
  via: 'session',
  csrf_token: 'csrf',
  expires_at: '2026-03-03T00:00:00.000Z',
};
