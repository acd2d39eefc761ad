import { randomUUID } from 'node:crypto';
import { type TaskEvent, TaskEventSchema } from '@swe-ai-fleet/contracts';

const PROVIDERS = ['github', 'github', 'slack', 'jira', 'github', 'sentry'] as const;
const REPOSITORIES = ['acme/api', 'acme/web', 'acme/infra'] as const;
const REQUESTS = [
  ['fix', 'fix the flaky login test on CI'],
  ['review', 'review this pull request for race conditions'],
  ['ask', 'ask why the nightly build fails on arm64'],
  ['implement', 'implement dark mode for the settings page'],
  ['ask', 'ask what changed in the billing service since v2.3'],
  ['fix', 'fix the N+1 query in the orders endpoint'],
  ['plan', 'plan the migration from Redis 6 to Redis 7'],
] as const;
const AUTHORS = ['octocat', 'hubot', 'monalisa', 'defunkt'] as const;
const AGENTS = ['coder', 'reviewer', 'coder', 'planner'] as const;

/** Deterministic pseudo-random numbers, so every run seeds the same dashboard. */
function numbers(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function taskId(random: () => number): string {
  let ulid = '0';
  for (let i = 1; i < 26; i += 1) ulid += CROCKFORD[Math.floor(random() * 32)];
  return `task-${ulid}`;
}

export interface SeededTask {
  id: string;
  status: TaskEvent['status'];
  provider: TaskEvent['provider'];
  command: string;
  text: string;
  events: TaskEvent[];
}

/**
 * `count` finished tasks over the last `days` days, as the gateway and the agent publish them
 * (created, started, then completed or failed): a realistic mix of sources, commands and costs.
 */
export function historicalTasks(count: number, days: number, now: number): SeededTask[] {
  const random = numbers(42);
  const tasks: SeededTask[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = taskId(random);
    const provider = PROVIDERS[i % PROVIDERS.length] ?? 'github';
    const [command, request] = REQUESTS[i % REQUESTS.length] ?? REQUESTS[0];
    const receivedAt = now - Math.floor(random() * days * 86_400_000) - 3_600_000;
    const startedAt = receivedAt + 400 + Math.floor(random() * 6_000);
    const finishedAt = startedAt + 15_000 + Math.floor(random() * 240_000);
    const failed = random() < 0.15;
    const repository = provider === 'slack' || provider === 'sentry' ? null : (REPOSITORIES[i % REPOSITORIES.length] ?? 'acme/api');
    const [owner = '', name = ''] = repository?.split('/') ?? [];
    const common = {
      task_id: id,
      provider,
      command,
      conversation_key: provider === 'slack' ? `slack:T1:C1:${1_700_000_000 + (i % 9)}.000100` : `${provider}:${repository ?? 'ops'}#${10 + (i % 11)}`,
      repository: repository ? { owner, name } : null,
      author: { id: String(i % 4), login: AUTHORS[i % AUTHORS.length] ?? 'octocat' },
      text: `@agent ${request}`,
      received_at: new Date(receivedAt).toISOString(),
      links: [],
    };
    const agent = AGENTS[i % AGENTS.length] ?? 'coder';
    const runner = i % 5 === 0 ? 'claude' : 'vllm';
    const model = runner === 'claude' ? 'claude-sonnet' : 'qwen3-coder-30b';
    const inputTokens = 4_000 + Math.floor(random() * 40_000);
    const outputTokens = 300 + Math.floor(random() * 4_000);
    const events = [
      { ...common, event_id: randomUUID(), type: 'task_created', status: 'queued', timestamp: common.received_at },
      { ...common, event_id: randomUUID(), type: 'task_started', status: 'running', timestamp: new Date(startedAt).toISOString(), started_at: new Date(startedAt).toISOString(), agent, runner, model },
      {
        ...common,
        event_id: randomUUID(),
        type: failed ? 'task_failed' : 'task_completed',
        status: failed ? 'failed' : 'succeeded',
        timestamp: new Date(finishedAt).toISOString(),
        started_at: new Date(startedAt).toISOString(),
        finished_at: new Date(finishedAt).toISOString(),
        agent,
        runner,
        model,
        usage: { input_tokens: inputTokens, output_tokens: outputTokens, cost_usd: Number(((inputTokens * 0.6 + outputTokens * 2.4) / 1_000_000).toFixed(6)) },
        ...(failed ? { error: 'wall time limit of 300 s reached' } : { result: `Done: ${request}.` }),
      },
    ].map((event) => TaskEventSchema.parse(event));
    tasks.push({ id, status: failed ? 'failed' : 'succeeded', provider, command, text: common.text, events });
  }
  return tasks;
}
