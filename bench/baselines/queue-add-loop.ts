import { randomBytes } from 'node:crypto';
import { type AgentTaskJob, AgentTaskJobSchema, QUEUE_AGENT_TASKS } from '@swe-ai-fleet/contracts';
import { Queue } from 'bullmq';
import { type Summary, summarize } from '../support/stats.ts';

export interface QueueAddLoopOptions {
  redisUrl: string;
  prefix: string;
  /** Adds in flight at once (the same as the HTTP connections of the ingest runs). */
  concurrency: number;
  durationS: number;
  amount: number;
}

export interface QueueAddLoopResult {
  adds: number;
  durationS: number;
  throughput: number;
  latency: Summary;
  /** CPU time of this process (user + system) per add: building the job and BullMQ's client side. */
  cpuMsPerAdd: number;
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const taskId = () => `task-01${Array.from(randomBytes(24), (byte) => crockford[byte % 32]).join('')}`;

/** A job as the gateway enqueues it for a GitHub mention (validated against the contract). */
function agentTaskJob(): AgentTaskJob {
  return AgentTaskJobSchema.parse({
    task_id: taskId(),
    provider: 'github',
    delivery_id: randomBytes(16).toString('hex'),
    command: 'ask',
    options: {},
    text: 'why is the login test flaky? It fails about one run in ten on CI and never locally.',
    author: { id: '21031067', login: 'Codertocat', association: 'OWNER' },
    repository: { owner: 'Codertocat', name: 'Hello-World' },
    source: { provider: 'github', owner: 'Codertocat', repo: 'Hello-World', issue_number: 1, is_pull_request: false, comment_id: 492700400, html_url: 'https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400' },
    conversation_key: 'github:Codertocat/Hello-World#1',
    received_at: new Date().toISOString(),
    traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
  });
}

/**
 * The lower bound of ingest on this Redis: BullMQ `Queue.add` of an `agent-tasks` job (its own
 * job id, 3 attempts with backoff, as the gateway adds it), `concurrency` loops at once, nothing
 * else. Bounded by count and by time.
 */
export async function runQueueAddLoop(options: QueueAddLoopOptions): Promise<QueueAddLoopResult> {
  const queue = new Queue<AgentTaskJob>(QUEUE_AGENT_TASKS, { connection: { url: options.redisUrl }, prefix: options.prefix });
  await queue.waitUntilReady();
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.durationS * 1000;
  let issued = 0;
  const loop = async () => {
    while (issued < options.amount && performance.now() < deadline) {
      issued++;
      const job = agentTaskJob();
      const sent = performance.now();
      await queue.add('agent-task', job, { jobId: job.task_id, attempts: 3, backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 } });
      latencies.push(performance.now() - sent);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, loop));
  } finally {
    await queue.close();
  }
  const durationS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { adds: latencies.length, durationS, throughput: latencies.length / durationS, latency: summarize(latencies), cpuMsPerAdd: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length) };
}
